import { useMemo, useState } from 'react';
import type { MmmResult } from '../../../../shared/forecast';
import { DEFAULT_TEST, nextTest } from '../../../../shared/nextTest';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { NumberInput } from '../plan/NumberInput';

const SIZES = [1, 0.5, 0.25] as const;

/**
 * The next test to run: for a test design (weeks, share of spend held out), each channel's
 * ROI interval now and after such a test, what the test could detect, and the channel
 * where it is worth most — the one whose ROI uncertainty spans the most outcome a week.
 */
export function NextTestCard({ fit }: { fit: MmmResult }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const [weeks, setWeeks] = useState<number | null>(DEFAULT_TEST.weeks);
  const [size, setSize] = useState<number>(DEFAULT_TEST.size);
  const valid = weeks !== null && Number.isInteger(weeks) && weeks >= 1 && weeks <= 26;
  const plan = useMemo(() => (valid ? nextTest(fit, { weeks: weeks!, size }) : null), [fit, weeks, size, valid]);
  const best = plan?.channels[0];
  const num = (v: number) => f.number(Math.round(v));
  // ROI can be small (outcome per yuan): three significant digits, not two decimals.
  const r2 = (v: number) => new Intl.NumberFormat(lang, { maximumSignificantDigits: 3 }).format(v);
  return (
    <section className="card" data-testid="next-test">
      <header>
        <div><h2>{t('forecast.nextTest')}</h2><p>{t('forecast.nextTestHint')}</p></div>
        <div className="seg-row">
          <label className="inline">{t('forecast.testWeeks')} <NumberInput value={weeks} onValue={setWeeks} label={t('forecast.testWeeks')} max={26} error={valid ? undefined : t('forecast.testWeeksRange')} /></label>
          <label className="inline">
            {t('forecast.testSize')}
            <select className="input" value={size} onChange={(e) => setSize(Number(e.target.value))}>
              {SIZES.map((s) => <option key={s} value={s}>{t(s === 1 ? 'forecast.testSizeAll' : 'forecast.testSizePart', { pct: Math.round(s * 100) })}</option>)}
            </select>
          </label>
        </div>
      </header>
      <div className="body">
        {!plan || !best ? (
          <p className="muted">{t('forecast.nextTestNone')}</p>
        ) : (
          <>
            <p className="explain" data-testid="next-test-advice">
              {t('forecast.nextTestAdvice', { channel: best.name, lo: r2(best.roiP10), hi: r2(best.roiP90), stake: num(best.atStake), weeks: plan.design.weeks })}{lang === 'zh-CN' ? '' : ' '}
              {best.mdeShare !== null && best.mdeShare <= 1
                ? t('forecast.nextTestDetects', { mde: num(best.mde), share: Math.round(100 * best.mdeShare), expected: num(best.expectedLift), narrowing: Math.round(100 * best.narrowing) })
                : t('forecast.nextTestTooSmall', { mde: num(best.mde), expected: num(best.expectedLift) })}
            </p>
            <table className="data" data-testid="next-test-table">
              <thead>
                <tr>
                  <th>{t('forecast.channel')}</th>
                  <th className="num">{t('forecast.roiNow')}</th>
                  <th className="num">{t('forecast.atStake')}</th>
                  <th className="num">{t('forecast.expectedLift')}</th>
                  <th className="num">{t('forecast.mde')}</th>
                  <th className="num">{t('forecast.roiAfter')}</th>
                  <th className="num">{t('forecast.narrowing')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.channels.map((c) => (
                  <tr key={c.name} className={c.name === best.name ? 'chosen' : undefined}>
                    <td>{c.name}</td>
                    <td className="num">{r2(c.roiP10)}–{r2(c.roiP90)}</td>
                    <td className="num">{num(c.atStake)}</td>
                    <td className="num">{num(c.expectedLift)}</td>
                    <td className="num">{num(c.mde)}{c.mdeShare !== null && <span className={`interval${c.mdeShare > 1 ? ' bad' : ''}`}> ({Math.round(100 * c.mdeShare)}%)</span>}</td>
                    <td className="num">{r2(c.roiP10After)}–{r2(c.roiP90After)}</td>
                    <td className="num">{Math.round(100 * c.narrowing)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t('forecast.nextTestMethod', { sigma: num(plan.sigma) })}</p>
          </>
        )}
      </div>
    </section>
  );
}
