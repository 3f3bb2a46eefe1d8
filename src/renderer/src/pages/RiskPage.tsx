import { useState } from 'react';
import { ChecklistPanel } from '../components/risk/ChecklistPanel';
import { RegisterPanel } from '../components/risk/RegisterPanel';
import { RevenuePanel } from '../components/risk/RevenuePanel';
import { useT } from '../stores/settings';

const TABS = ['checklist', 'register', 'revenue'] as const;
type Tab = (typeof TABS)[number];

/** Risk & Rights: the checklist that gates the pitch, the rights register and the revenue-share calculator. */
export default function RiskPage() {
  const t = useT();
  const [tab, setTab] = useState<Tab>('checklist');
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t('nav.risk')}</h1>
          <p>{t(`risk.tabHint.${tab}`)}</p>
        </div>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'active' : ''} onClick={() => setTab(x)}>
            {t(`risk.tab.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'checklist' ? <ChecklistPanel /> : tab === 'register' ? <RegisterPanel /> : <RevenuePanel />}
    </div>
  );
}
