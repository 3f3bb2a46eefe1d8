import { useCallback, useEffect, useRef, useState } from 'react';
import type { AudienceFilter, DatasetPage } from '../../../../shared/data';
import type { DatasetKind } from '../../../../shared/project';
import { call } from '../../bridge';
import { useFormat } from '../../stores/settings';

const ROW = 28;
const PAGE = 200;
const HEIGHT = 420;
/**
 * Browsers stop laying out an element past ~33 million pixels (Chrome), which ten million rows
 * of 28 px exceed nine times over: past this height the scrollbar maps onto the rows in
 * proportion instead, and the rows in view are drawn at the scroll position.
 */
const MAX_BODY = 8_000_000;

/**
 * A dataset's rows, virtualised: only the rows in view (plus a margin) are in the DOM, and
 * pages of 200 rows are fetched as the view reaches them, so ten million rows scroll smoothly.
 */
export function DatasetTable({
  projectId,
  kind,
  total: all,
  version,
  filter = null,
  onMatched,
}: {
  projectId: number;
  kind: DatasetKind;
  total: number;
  version: string;
  /** Only the users this keeps (audience only); the table pages through the matches. */
  filter?: AudienceFilter | null;
  onMatched?: (count: number | null) => void;
}) {
  const f = useFormat();
  const [columns, setColumns] = useState<string[]>([]);
  const [pages, setPages] = useState<Map<number, DatasetPage['rows']>>(new Map());
  const [top, setTop] = useState(0);
  // With a filter the first page says how many rows there are to page through.
  const [matched, setMatched] = useState<number | null>(null);
  const total = filter ? (matched ?? 0) : all;
  const loading = useRef(new Set<number>());
  const box = useRef<HTMLDivElement>(null);

  const filterKey = filter ? JSON.stringify(filter) : '';
  const load = useCallback(
    (page: number) => {
      const limitRows = filter ? Infinity : all;
      if (loading.current.has(page) || page < 0 || (page > 0 && page * PAGE >= Math.max(limitRows, 1))) return;
      loading.current.add(page);
      void call('datasets.page', { projectId, kind, offset: page * PAGE, limit: PAGE, ...(filter ? { filter } : {}) }).then((p) => {
        setColumns(p.columns);
        setPages((m) => new Map(m).set(page, p.rows));
        if (filter) {
          setMatched(p.total);
          onMatched?.(p.total);
        }
      });
    },
    // filterKey stands for the filter's content (a new object with the same content is the same filter).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [projectId, kind, all, filterKey],
  );

  useEffect(() => {
    loading.current = new Set();
    setPages(new Map());
    setTop(0);
    setMatched(null);
    onMatched?.(null);
    if (box.current) box.current.scrollTop = 0;
    load(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, version]);

  const full = total * ROW;
  const body = Math.min(full, MAX_BODY);
  // Where the view is in the full list: the scroll position stretched when the body is capped.
  const scale = full > body && body > HEIGHT ? (full - HEIGHT) / (body - HEIGHT) : 1;
  const shift = top * scale - top;
  const first = Math.max(0, Math.floor((top + shift) / ROW) - 10);
  const last = Math.min(total, Math.ceil((top + shift + HEIGHT) / ROW) + 10);
  useEffect(() => {
    if (filter && matched === null) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) if (p * PAGE < total && !pages.has(p)) load(p);
  }, [first, last, pages, load, filter, matched, total]);

  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? f.number(v) : v);
  const grid = { gridTemplateColumns: `84px repeat(${columns.length}, minmax(120px, 1fr))`, minWidth: 84 + columns.length * 120 };
  const visible = [];
  for (let i = first; i < last; i++) {
    const row = pages.get(Math.floor(i / PAGE))?.[i % PAGE];
    visible.push(
      <div role="row" key={i} className="vrow" style={{ ...grid, top: i * ROW - shift }}>
        <span className="rownum">{f.number(i + 1)}</span>
        {columns.map((c, j) => (
          <span key={c} className={typeof row?.[j] === 'number' ? 'num' : undefined} title={row && row[j] !== null ? String(row[j]) : undefined}>
            {row ? cell(row[j]) : '…'}
          </span>
        ))}
      </div>,
    );
  }
  return (
    <div className="vtable" ref={box} style={{ height: HEIGHT }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid="dataset-table" role="table" tabIndex={0}>
      <div role="row" className="vhead" style={grid}>
        <span className="rownum">#</span>
        {columns.map((c) => (
          <span key={c} role="columnheader">{c}</span>
        ))}
      </div>
      <div className="vbody" style={{ height: body, minWidth: grid.minWidth }}>
        {visible}
      </div>
    </div>
  );
}
