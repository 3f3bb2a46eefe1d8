import { useEffect, useMemo, useState } from 'react';
import type { BassResult } from '../../../../shared/forecast';
import { callResult, refusalText } from '../../bridge';
import { Chart } from '../../charts/Chart';
import { bassOption } from '../../charts/forecastCharts';
import { chartPalette } from '../../charts/palette';
import { parseList, parseNumberInput } from '../../forms';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { NumberInput } from '../plan/NumberInput';

/**
 * Adoption of the co-branded product over the campaign's weeks (Bass): innovation p,
 * imitation q and market size m set by hand, or fitted to the weekly adopters of an
 * analogous past campaign pasted in.
 */
export function BassCard({ weeks, market }: { weeks: number; market: number }) {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const [p, setP] = useState<number | null>(0.03);
  const [q, setQ] = useState<number | null>(0.38);
  const [m, setM] = useState<number | null>(market);
  const [analog, setAnalog] = useState('');
  const [result, setResult] = useState<BassResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The analog gives the curve's shape (p, q); its market size is its own, not the
  // strategist's, so the market typed here is kept unless they ask for the analog's.
  const [takeMarket, setTakeMarket] = useState(false);
  const [fitNote, setFitNote] = useState<string | null>(null);
  const draw = (pp: number | null, qq: number | null, mm: number | null) =>
    callResult('forecast.bass', { weeks, ...(pp === null ? {} : { p: pp }), ...(qq === null ? {} : { q: qq }), ...(mm === null ? {} : { m: mm }) });
  const run = async (fit: boolean) => {
    const series = parseList(analog).map((x) => parseNumberInput(x)).map((x) => ('invalid' in x || x.value === null ? Number.NaN : x.value));
    const r = fit ? await callResult('forecast.bass', { weeks, analog: series }) : await draw(p, q, m);
    if (!r.ok) return setError(refusalText(r.error, t));
    setError(null);
    if (!fit) {
      setFitNote(null);
      return setResult(r.value);
    }
    setP(r.value.p);
    setQ(r.value.q);
    const note = t('forecast.bassFitted', { weeks: r.value.fit?.weeks ?? series.length, rmse: f.number(r.value.fit?.rmse ?? 0) });
    if (takeMarket || m === null) {
      setM(r.value.m);
      setResult(r.value);
      return setFitNote(`${note} ${t('forecast.bassTookMarket', { m: f.number(r.value.m) })}`);
    }
    const kept = await draw(r.value.p, r.value.q, m);
    if (!kept.ok) return setError(refusalText(kept.error, t));
    setResult(kept.value);
    setFitNote(`${note} ${t('forecast.bassKeptMarket', { analog: f.number(r.value.m), m: f.number(m) })}`);
  };
  useEffect(() => void run(false), [weeks]);
  const option = useMemo(() => result && bassOption(result, { weekly: t('forecast.bassWeekly'), cumulative: t('forecast.bassCumulative'), week: (k) => t('forecast.week', { n: k }) }, chartPalette(theme)), [result, lang, theme]);
  return (
    <section className="card" data-testid="bass">
      <header><div><h2>{t('forecast.bass')}</h2><p>{t('forecast.bassHint', { weeks })}</p></div></header>
      <div className="body">
        <div className="seg-row">
          <label className="inline">p <NumberInput value={p} onValue={setP} label="p" /></label>
          <label className="inline">q <NumberInput value={q} onValue={setQ} label="q" /></label>
          <label className="inline">m <NumberInput value={m} onValue={setM} label="m" /></label>
          <button className="btn" onClick={() => void run(false)} data-testid="bass-draw">{t('forecast.bassDraw')}</button>
        </div>
        <div className="seg-row" style={{ marginTop: 10 }}>
          <input className="input grow" value={analog} onChange={(e) => setAnalog(e.target.value)} placeholder={t('forecast.bassAnalog')} aria-label={t('forecast.bassAnalog')} style={{ flex: 1 }} />
          <label className="inline small">
            <input type="checkbox" checked={takeMarket} onChange={(e) => setTakeMarket(e.target.checked)} /> {t('forecast.bassTakeMarket')}
          </label>
          <button className="btn" onClick={() => void run(true)} disabled={!analog.trim()} data-testid="bass-fit">{t('forecast.bassFit')}</button>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        {result && option && (
          <>
            <p className="muted small" data-testid="bass-summary">{t('forecast.bassSummary', { total: f.number(Math.round(result.cumulative.at(-1) ?? 0)), m: f.number(result.m), peak: result.peakWeek.toFixed(1) })}{fitNote ? ` ${fitNote}` : ''}</p>
            <div className="chart-box"><Chart option={option} label={t('forecast.bass')} testId="bass-chart" /></div>
          </>
        )}
      </div>
    </section>
  );
}
