// The real retailer's invoice lines (a UCI sample as the retailer's Excel export, from
// ../shared/data/online-retail, copied to tests/fixtures) imported as a strategist would:
// through Tandem's own importer (CustomerID → user_id, StockCode → item_id, Quantity →
// weight, InvoiceDate → timestamp), into a scratch library, and read back as the targeting
// jobs read a project's interactions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { importFile } from '../../src/main/data/importer';
import { loadInteractions } from '../../src/main/partners/targeting/interactions';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';

/** The copy kept with the tests (CC BY 4.0, attribution in its SOURCE.md), so a clean clone has it. */
export const ONLINE_RETAIL = path.resolve('tests/fixtures/online-retail/online_retail_sample.xlsx');

export function onlineRetailInteractions(file = ONLINE_RETAIL) {
  if (!fs.existsSync(file)) return { missing: `${file} is not there` } as const;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-retail-'));
  const lib = openLibrary(dir);
  try {
    const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'Online retail' }, new Date().toISOString());
    const mapping = { CustomerID: 'user_id', StockCode: 'item_id', Quantity: 'weight', InvoiceDate: 'timestamp', InvoiceNo: 'ignore', Description: 'ignore', UnitPrice: 'ignore', Country: 'ignore' };
    const imported = importFile(lib.db, { projectId, kind: 'interactions', file, mapping });
    return { ...loadInteractions(lib.db, projectId), rowsRead: imported.rowsRead, rowsImported: imported.rowsImported };
  } finally {
    lib.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
