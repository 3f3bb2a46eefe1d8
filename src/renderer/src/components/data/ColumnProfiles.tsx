import type { ColumnProfile } from '../../../../shared/data';
import { useFormat, useT } from '../../stores/settings';

/** One small card per column: type, missing share, min/mean/max, and a histogram drawn in SVG. */
export function ColumnProfiles({ columns }: { columns: ColumnProfile[] }) {
  const t = useT();
  const f = useFormat();
  const short = (n: number | null) => (n === null ? '–' : Math.abs(n) >= 1e4 ? f.number(Math.round(n)) : f.number(Number(n.toPrecision(4))));
  return (
    <div className="profiles" data-testid="profiles">
      {columns.map((c) => (
        <div className="profile" key={c.name} title={c.name}>
          <div className="profile-head">
            <b>{c.name}</b>
            <span className={`type type-${c.type}`}>{t(`data.type.${c.type}`)}</span>
          </div>
          {c.type !== 'id' && <Histogram bins={c.histogram} numeric={c.type === 'number'} />}
          <dl>
            <dt>{t('data.missing')}</dt>
            <dd className={c.missing > 0.2 ? 'warn' : undefined}>{f.number(Math.round(c.missing * 1000) / 10)}%</dd>
            {c.type === 'number' ? (
              <>
                <dt className="wide">{t('data.minMeanMax')}</dt>
                <dd className="wide">
                  {short(c.min)} · {short(c.mean)} · {short(c.max)}
                </dd>
              </>
            ) : (
              <>
                <dt>{t('data.distinct')}</dt>
                <dd>
                  {f.number(c.distinct)}
                  {c.distinctCapped ? '+' : ''}
                </dd>
              </>
            )}
          </dl>
        </div>
      ))}
    </div>
  );
}

function Histogram({ bins, numeric }: { bins: { label: string; count: number }[]; numeric: boolean }) {
  if (bins.length === 0) return <div className="histogram none" />;
  const max = Math.max(...bins.map((b) => b.count), 1);
  if (!numeric) {
    // Categories: the most common values as labelled bars.
    return (
      <div className="histogram cats">
        {bins.slice(0, 4).map((b) => (
          <div className="cat" key={b.label} title={`${b.label}: ${b.count}`}>
            <span className="cat-label">{b.label}</span>
            <span className="cat-bar" style={{ width: `${(b.count / max) * 100}%` }} />
          </div>
        ))}
      </div>
    );
  }
  const w = 100 / bins.length;
  return (
    <svg className="histogram" viewBox="0 0 100 32" preserveAspectRatio="none" role="img" aria-label="histogram">
      {bins.map((b, i) => {
        const h = (b.count / max) * 30;
        return <rect key={i} x={i * w + 0.5} y={32 - h} width={w - 1} height={h}><title>{`${b.label.startsWith('≥') ? '' : '≥ '}${b.label}: ${b.count}`}</title></rect>;
      })}
    </svg>
  );
}
