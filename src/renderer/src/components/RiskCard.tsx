import { useEffect, useState } from 'react';
import type { ChecklistSummary } from '../../../shared/checklist';
import { call } from '../bridge';
import { useRouter } from '../stores/router';
import { useT } from '../stores/settings';

/** The overview's view of the risk checklist: the score, open blocking and overdue items, and the gate. */
export function RiskCard({ projectId, status }: { projectId: number; status: string }) {
  const t = useT();
  const navigate = useRouter((s) => s.navigate);
  const [summary, setSummary] = useState<ChecklistSummary | null>(null);
  // Re-read after a save: a refused "ready" leaves the list as it was, an accepted one changes the status.
  useEffect(() => void call('checklist.get', { projectId }).then((v) => setSummary(v.summary), () => setSummary(null)), [projectId, status]);
  if (!summary) return null;
  return (
    <section className="card risk-card" data-testid="risk-card">
      <header>
        <h2>{t('overview.risk')}</h2>
        <button className="btn ghost small" onClick={() => navigate('risk')}>
          {t('overview.riskOpen')} →
        </button>
      </header>
      <div className="body">
        <p className="risk-line">{t('overview.riskLine', { score: summary.riskScore, blocking: summary.openBlocking, overdue: summary.overdue })}</p>
        <div className={`gate ${summary.openBlocking ? 'closed' : 'open'}`} style={{ marginBottom: 0 }}>
          <strong>{summary.openBlocking ? t('risk.gate.closed', { n: summary.openBlocking, count: summary.openBlocking }) : t('risk.gate.open')}</strong>
        </div>
      </div>
    </section>
  );
}
