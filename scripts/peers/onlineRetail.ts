// The real retailer's invoice lines (../shared/data/online-retail, a UCI sample as the
// retailer's Excel export) imported as a strategist would: through Tandem's own importer
// (CustomerID → user_id, StockCode → item_id, Quantity → weight, InvoiceDate → timestamp),
// into a scratch library, and read back as the targeting jobs read a project's interactions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { importFile } from '../../src/main/data/importer';
import { loadInteractions } from '../../src/main/partners/targeting/interactions';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';

export const ONLINE_RETAIL = path.resolve('../shared/data/online-retail/online_retail_sample.xlsx');

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
