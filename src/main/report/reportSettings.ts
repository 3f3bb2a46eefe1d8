import type { Db } from '../db/connection';
import { defaultReportSettings, logoMimeOf, MAX_LOGO_BYTES, REPORT_SECTIONS, type ReportSettings, reportSettingsSchema, type ReportSettingsView } from '../../shared/report';
import { DomainError } from '../../shared/result';
import { PickedFileError, readPickedFile } from '../files/readPicked';
import { parseOrRefuse } from '../../shared/validation';

/**
 * The report's settings per project (one row, one transaction per save) and its cover
 * logo. A stored row that no longer parses (an older or damaged file) falls back to the
 * defaults rather than breaking the page.
 */
export class ReportSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(projectId: number): ReportSettingsView {
    const row = this.db.prepare('SELECT data, logo, logo_mime FROM report_settings WHERE project_id = ?').get(projectId) as { data: string; logo: Buffer | null; logo_mime: string | null } | undefined;
    return { settings: row ? this.parse(row.data) : defaultReportSettings(), logo: row?.logo && row.logo_mime ? `data:${row.logo_mime};base64,${row.logo.toString('base64')}` : null };
  }

  save(projectId: number, input: ReportSettings): ReportSettingsView {
    const settings = parseOrRefuse(reportSettingsSchema, input);
    this.db
      .prepare('INSERT INTO report_settings (project_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(project_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
      .run(projectId, JSON.stringify(settings), this.now().toISOString());
    return this.get(projectId);
  }

  /** Reads, checks and stores a logo file; anything but a PNG or JPEG up to 2 MB is refused and nothing changes. */
  setLogo(projectId: number, file: string): ReportSettingsView {
    let bytes: Buffer;
    try {
      // As the file itself, bounded: no link followed, the size counted while reading (files/readPicked.ts).
      bytes = readPickedFile(file, MAX_LOGO_BYTES);
    } catch (e) {
      if (!(e instanceof PickedFileError)) throw e;
      if (e.problem === 'tooLarge') {
        const mb = (e.bytes / 1048576).toFixed(1);
        throw new DomainError('invalid_input', `The logo is ${mb} MB; the cover takes up to 2 MB.`, [{ path: 'logo', message: 'report.problem.logoSize', params: { mb } }]);
      }
      throw new DomainError('invalid_input', `The logo file ${file} cannot be read: ${e.message}.`, [{ path: 'logo', message: 'report.problem.logoUnreadable' }]);
    }
    const mime = logoMimeOf(bytes);
    if (!mime) throw new DomainError('invalid_input', 'The logo is not a PNG or JPEG image.', [{ path: 'logo', message: 'report.problem.logoType' }]);
    const current = this.get(projectId).settings;
    this.db
      .prepare('INSERT INTO report_settings (project_id, data, logo, logo_mime, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(project_id) DO UPDATE SET logo = excluded.logo, logo_mime = excluded.logo_mime, updated_at = excluded.updated_at')
      .run(projectId, JSON.stringify(current), bytes, mime, this.now().toISOString());
    return this.get(projectId);
  }

  clearLogo(projectId: number): ReportSettingsView {
    this.db.prepare('UPDATE report_settings SET logo = NULL, logo_mime = NULL, updated_at = ? WHERE project_id = ?').run(this.now().toISOString(), projectId);
    return this.get(projectId);
  }

  private parse(data: string): ReportSettings {
    try {
      const parsed = reportSettingsSchema.safeParse(JSON.parse(data));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through to the defaults
    }
    return { ...defaultReportSettings(), sections: REPORT_SECTIONS.map((id) => ({ id, on: true, note: '' })) };
  }
}
