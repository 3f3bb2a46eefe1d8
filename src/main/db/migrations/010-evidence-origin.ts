import type { Migration } from '../migrate';

/**
 * Where a piece of evidence came from: '' when it was added in this library, else the project
 * file it arrived in, as JSON `{file, exportedAt}`. Evidence from someone else's library opens
 * with a warning: its bytes are theirs.
 */
export const m010EvidenceOrigin: Migration = {
  version: 10,
  name: 'evidence-origin',
  up: (db) => {
    db.exec("ALTER TABLE checklist_evidence ADD COLUMN received_from TEXT NOT NULL DEFAULT ''");
  },
};
