import { call, CallError } from '../../bridge';
import { useToasts } from '../../stores/toasts';

/**
 * Asks where to save a table (CSV or XLSX, by the extension picked), writes it through the
 * given export call and says how many rows went where; a cancelled dialog does nothing.
 */
export async function exportTable(
  defaultName: string,
  write: (path: string) => Promise<{ rows: number; path: string }>,
  done: (rows: number, path: string) => string,
): Promise<void> {
  const toast = useToasts.getState().show;
  const picked = await call('dialogs.save', { purpose: 'exportTable', defaultName });
  if (!picked.path) return;
  try {
    const r = await write(picked.path);
    toast(done(r.rows, r.path));
  } catch (e) {
    toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
  }
}
