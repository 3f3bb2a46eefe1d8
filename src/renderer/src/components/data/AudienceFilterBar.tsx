import { useEffect, useState } from 'react';
import type { AudienceFilter, ColumnProfile } from '../../../../shared/data';
import { useFormat, useT } from '../../stores/settings';

/**
 * Filters the audience table by one column: a text attribute equal to a value (its common
 * values offered), or a number inside a range. The scan runs over the stored column in main,
 * so it answers for millions of users; the table then pages through the matches.
 */
export function AudienceFilterBar({
  columns,
  filter,
  matched,
  total,
  onChange,
}: {
  columns: ColumnProfile[];
  filter: AudienceFilter | null;
  /** Users the filter keeps (null until the first page answers). */
  matched: number | null;
  total: number;
  onChange: (filter: AudienceFilter | null) => void;
}) {
  const t = useT();
  const f = useFormat();
  const usable = columns.filter((c) => c.type === 'number' || c.type === 'text');
  const [column, setColumn] = useState(filter?.column ?? '');
  const [equals, setEquals] = useState(filter?.equals ?? '');
  const [min, setMin] = useState(filter?.min === undefined ? '' : String(filter.min));
  const [max, setMax] = useState(filter?.max === undefined ? '' : String(filter.max));
  useEffect(() => {
    if (!filter) {
      setEquals('');
      setMin('');
      setMax('');
    }
  }, [filter]);
  const chosen = usable.find((c) => c.name === column);
  const numeric = chosen?.type === 'number';
  const number = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(/,/g, '')));
  const lo = number(min);
  const hi = number(max);
  const badRange = (lo !== undefined && !Number.isFinite(lo)) || (hi !== undefined && !Number.isFinite(hi)) || (lo !== undefined && hi !== undefined && lo > hi);
  const ready = chosen && (numeric ? (lo !== undefined || hi !== undefined) && !badRange : equals !== '');
  const apply = () => {
    if (!chosen || !ready) return;
    onChange(numeric ? { column: chosen.name, ...(lo !== undefined ? { min: lo } : {}), ...(hi !== undefined ? { max: hi } : {}) } : { column: chosen.name, equals });
  };
  return (
    <form
      className="filter-bar"
      data-testid="audience-filter"
      aria-label={t('data.filter.title')}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label>
        <span>{t('data.filter.column')}</span>
        <select className="input" value={column} onChange={(e) => setColumn(e.target.value)} aria-label={t('data.filter.column')}>
          <option value="">{t('data.filter.all')}</option>
          {usable.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && !numeric && (
        <label>
          <span>{t('data.filter.equals')}</span>
          <input className="input" list="audience-filter-values" value={equals} onChange={(e) => setEquals(e.target.value)} aria-label={t('data.filter.equals')} />
          <datalist id="audience-filter-values">
            {chosen.histogram.map((b) => (
              <option key={b.label} value={b.label} />
            ))}
          </datalist>
        </label>
      )}
      {chosen && numeric && (
        <>
          <label>
            <span>{t('data.filter.min')}</span>
            <input className="input" inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} aria-label={t('data.filter.min')} aria-invalid={badRange || undefined} />
          </label>
          <label>
            <span>{t('data.filter.max')}</span>
            <input className="input" inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} aria-label={t('data.filter.max')} aria-invalid={badRange || undefined} />
          </label>
        </>
      )}
      <button type="submit" className="btn primary" disabled={!ready}>
        {t('data.filter.apply')}
      </button>
      {filter && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setColumn('');
            onChange(null);
          }}
        >
          {t('data.filter.clear')}
        </button>
      )}
      <span className="muted filter-count" role="status">
        {filter && matched !== null ? t('data.filter.matched', { count: f.number(matched), total: f.number(total) }) : t('data.filter.hint')}
      </span>
    </form>
  );
}
