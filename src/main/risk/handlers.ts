import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../api/types';
import { openTableWriter } from '../data/tableWriter';
import type { DialogHost } from '../core/services';
import type { ChecklistService } from './checklistService';
import { checklistTable } from './checklistExport';

/** The risk area's part of the contract: the checklist, its evidence and the shortlist. */
export function riskHandlers(checklist: () => ChecklistService, dialogs: () => DialogHost, dataDir: string): HandlerMap {
  return {
    'checklist.get': ({ projectId }) => checklist().view(projectId),
    'checklist.set': ({ projectId, itemId, patch }) => checklist().set(projectId, itemId, patch),
    'checklist.add': ({ projectId, ...input }) => checklist().add(projectId, input),
    'checklist.history': ({ projectId, itemId }) => checklist().history(projectId, itemId),
    'checklist.addEvidence': ({ projectId, itemId, path: file }) => checklist().addEvidence(projectId, itemId, file),
    'checklist.openEvidence': async ({ projectId, itemId, sha256 }) => {
      const { name, data } = checklist().evidenceFile(projectId, itemId, sha256);
      // A private copy to open, under the data folder: the stored bytes stay the record.
      const dir = path.join(dataDir, 'evidence-open', sha256.slice(0, 16));
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, path.basename(name));
      fs.writeFileSync(file, data);
      await dialogs().openFile(file);
      return { path: file };
    },
    'checklist.setShortlist': ({ projectId, partnerIds }) => checklist().setShortlist(projectId, partnerIds),
    'checklist.export': ({ projectId, path: file, lang }) => {
      const { header, rows } = checklistTable(checklist().view(projectId), lang);
      const writer = openTableWriter(path.resolve(file), lang === 'zh-CN' ? '检查清单' : 'Checklist');
      try {
        writer.writeRow(header);
        for (const r of rows) writer.writeRow(r);
        writer.close();
      } catch (e) {
        writer.abort();
        throw e;
      }
      return { rows: rows.length, path: file };
    },
  };
}
