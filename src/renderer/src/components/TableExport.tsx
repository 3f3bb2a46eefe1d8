import { useEffect, useState } from 'react';
import { call, CallError } from '../bridge';
import { useProject } from '../stores/project';
import { useT } from '../stores/settings';
import { useToasts } from '../stores/toasts';

/**
 * One mechanism for "any table to XLSX": hovering a data table shows a button at its top
 * right; it reads the table as shown (header cells, then each row's cells — an input's
 * value where a cell holds one — numbers as numbers) and writes it through `exports.table`
 * to the file picked. Mounted once in the app.
 */
export function TableExportHost() {
  const t = useT();
  const toast = useToasts((s) => s.show);
  const project = useProject((s) => s.project);
  const [table, setTable] = useState<HTMLTableElement | null>(null);
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);
  useEffect(() => {
    const place = (el: HTMLTableElement | null) => {
      if (!el || !el.isConnected) return (setTable(null), setAt(null));
      const r = el.getBoundingClientRect();
      setTable(el);
      // Just above the table's top-right corner, clear of its header; inside it when there is no room above.
      setAt({ top: r.top > 80 ? r.top - 24 : Math.max(4, r.top + 4), left: r.right - 40 });
    };
    let current: HTMLTableElement | null = null;
    const over = (e: MouseEvent) => {
      const target = e.target as Element;
      if (target.closest?.('.table-export-btn')) return;
      const el = target.closest?.('table.data') as HTMLTableElement | null;
      if (el && el !== current) place((current = el));
    };
    const scroll = () => place(current);
    document.addEventListener('mouseover', over);
    document.addEventListener('scroll', scroll, true);
    return () => {
      document.removeEventListener('mouseover', over);
      document.removeEventListener('scroll', scroll, true);
    };
  }, []);
  if (!table || !at) return null;
  const save = async () => {
    const { header, rows } = readTable(table);
    const heading = table.closest('section, .paper, .card')?.querySelector('h2, h3')?.textContent?.trim() || 'Table';
    const picked = await call('dialogs.save', { purpose: 'exportTable', defaultName: `${project?.name ? `${project.name}-` : ''}${heading}.xlsx`.replace(/[\\/:*?"<>|]+/g, ' ') });
    if (!picked.path) return;
    try {
      const r = await call('exports.table', { path: picked.path, sheet: heading.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Table', header, rows });
      toast(t('table.exported', { rows: r.rows, path: r.path }));
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    }
  };
  return (
    <button className="table-export-btn" style={{ top: at.top, left: at.left }} title={t('table.export')} aria-label={t('table.export')} onClick={() => void save()} data-testid="table-export">
      XLSX
    </button>
  );
}

function cellValue(cell: Element): string | number | null {
  const input = cell.querySelector('input, select, textarea') as HTMLInputElement | null;
  const text = (input ? input.value : (cell.textContent ?? '')).replace(/[☆★]/g, '').trim();
  if (!text) return null;
  const plain = text.replace(/[,\s]/g, '').replace(/^−/, '-');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : text;
}

function readTable(table: HTMLTableElement): { header: string[]; rows: (string | number | null)[][] } {
  const headRow = table.tHead?.rows[0] ?? table.rows[0];
  const header = [...(headRow?.cells ?? [])].map((c) => (c.textContent ?? '').trim() || ' ');
  const body = [...table.tBodies].flatMap((b) => [...b.rows]).filter((r) => r !== headRow);
  return { header, rows: body.map((r) => [...r.cells].map(cellValue)) };
}
