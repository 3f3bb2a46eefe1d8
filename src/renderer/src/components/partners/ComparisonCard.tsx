import { useMemo } from 'react';
import { FACTORS, type RankedPartner } from '../../../../shared/partners';
import { Chart } from '../../charts/Chart';
import { comparisonOption } from '../../charts/partnerCharts';
import type { ChartPalette } from '../../charts/palette';
import { useFormat, useSettings, useT } from '../../stores/settings';

/** The shortlist side by side (up to four): their factors on a radar and in a table. */
export function ComparisonCard({ partners, palette, currency }: { partners: RankedPartner[]; palette: ChartPalette; currency: string }) {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const shown = partners.slice(0, 4);
  const option = useMemo(() => comparisonOption(shown, (x) => t(`partners.factor.${x}`), palette), [shown.map((p) => p.id).join(), lang, theme]);
  return (
    <section className="card" data-testid="comparison">
      <header><div><h2>{t('partners.compare')}</h2><p>{t('partners.compareHint')}</p></div></header>
      <div className="body">
        {shown.length === 0 ? (
          <div className="chart-empty">{t('partners.compareEmpty')}</div>
        ) : (
          <>
            <Chart option={option} label={t('partners.compare')} testId="comparison-chart" />
            <table className="data compare">
              <thead>
                <tr><th />{shown.map((p) => <th key={p.id} className="num">{p.name}</th>)}</tr>
              </thead>
              <tbody>
                {[...FACTORS, 'risk' as const].map((k) => (
                  <tr key={k}><td>{t(`partners.factor.${k}`)}</td>{shown.map((p) => <td key={p.id} className="num">{p.factors[k].toFixed(2)}</td>)}</tr>
                ))}
                <tr className="total"><td>{t('partners.score')}</td>{shown.map((p) => <td key={p.id} className="num">{p.score.toFixed(2)}</td>)}</tr>
                <tr><td>{t('partners.fee')}</td>{shown.map((p) => <td key={p.id} className="num">{p.fee === null ? '—' : f.money(p.fee, currency)}</td>)}</tr>
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
