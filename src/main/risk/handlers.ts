import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../api/types';
import { writeTable } from '../data/tableWriter';
import type { DialogHost } from '../core/services';
import type { ChecklistService } from './checklistService';
import { checklistTable } from './checklistExport';
import { safeOpenName } from './evidenceOpen';
import { registerTable } from './registerExport';
import type { RevenueService } from './revenueService';
import type { RightsService } from './rightsService';

/** The risk area's part of the contract: the checklist, its evidence and the shortlist; the rights register; revenue shares. */
export function riskHandlers(checklist: () => ChecklistService, rights: () => RightsService, revenue: () => RevenueService, dialogs: () => DialogHost, dataDir: string): HandlerMap {
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
      // Under a name whose type opens in a viewer, never one that runs (see evidenceOpen.ts).
      const file = path.join(dir, safeOpenName(name).name);
      fs.writeFileSync(file, data);
      await dialogs().openFile(file);
      return { path: file };
    },
    'checklist.setShortlist': ({ projectId, partnerIds }) => checklist().setShortlist(projectId, partnerIds),
    'checklist.export': ({ projectId, path: file, lang }) => writeTable(file, lang === 'zh-CN' ? '检查清单' : 'Checklist', checklistTable(checklist().view(projectId), lang)),
    'rights.get': ({ projectId }) => rights().register(projectId),
    'rights.save': ({ projectId, licence }) => rights().save(projectId, licence),
    'rights.delete': ({ projectId, id }) => rights().remove(projectId, id),
    'rights.export': ({ projectId, path: file, lang }) => writeTable(file, lang === 'zh-CN' ? '版权登记' : 'Rights register', registerTable(rights().register(projectId), lang)),
    'revenue.list': ({ projectId }) => revenue().list(projectId),
    'revenue.save': ({ projectId, scenario }) => revenue().save(projectId, scenario),
    'revenue.delete': ({ projectId, id }) => revenue().remove(projectId, id),
  };
}
