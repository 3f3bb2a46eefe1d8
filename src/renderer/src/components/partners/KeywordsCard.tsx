import { useEffect, useMemo, useState } from 'react';
import type { KeywordInfluence } from '../../../../shared/partners';
import { call } from '../../bridge';
import { Chart } from '../../charts/Chart';
import { keywordOption } from '../../charts/partnerCharts';
import type { ChartPalette } from '../../charts/palette';
import { useSettings, useT } from '../../stores/settings';

/** Keyword influence (PageRank over co-occurrences), the product's own words highlighted. */
export function KeywordsCard({ projectId, palette }: { projectId: number; palette: ChartPalette }) {
  const t = useT();
  const { theme } = useSettings();
  const [k, setK] = useState<KeywordInfluence | null>(null);
  useEffect(() => void call('partners.keywords', { projectId }).then(setK), [projectId]);
  const option = useMemo(() => (k ? keywordOption(k, palette) : null), [k, theme]);
  return (
    <section className="card">
      <header><div><h2>{t('partners.keywords')}</h2><p>{t('partners.keywordsHint')}</p></div></header>
      <div className="body keywords">
        {k && (
          <div className="chips" style={{ marginBottom: 8 }}>
            {k.product.map((w) => <span className="chip" key={w}>{w}</span>)}
          </div>
        )}
        {option ? <Chart option={option} label={t('partners.keywords')} testId="keyword-chart" /> : <div className="chart-empty">{t('common.loading')}</div>}
      </div>
    </section>
  );
}
