import { verdictSentence } from '../../../shared/verdict';
import type { Allocation, MmmResult, SavedScenario } from '../../../shared/forecast';
import { nextTest } from '../../../shared/nextTest';
import { allocateForProject } from '../../forecast/projectAllocation';
import { FitsRepo } from '../../forecast/fitsRepo';
import { ScenarioService } from '../../forecast/scenarioService';
import type { ReportBlock } from '../../../shared/report';
import { DomainError } from '../../../shared/result';
import { bandsOption, groupedBarOption } from '../charts';
import type { ReportContext } from '../context';

/** Forecast scenarios with their bands: the marketing-mix fit's quality, each saved scenario's weeks and totals. */
export function forecastBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null } {
  const fit = new FitsRepo(c.db).latest(c.projectId)?.result;
  if (!fit) return { blocks: [], empty: c.t('report.empty.forecast') };
  const scenarios = new ScenarioService(c.db).list(c.projectId).filter((s) => s.result);
  const m = fit.metrics;
  const blocks: ReportBlock[] = [
    { kind: 'facts', items: [
      { label: 'R²', value: m.r2.toFixed(3) },
      { label: 'MAPE', value: c.pct(m.mape) },
      { label: 'NRMSE', value: m.nrmse.toFixed(3) },
      { label: c.t('report.coverage'), value: m.coverage === null ? '—' : c.pct(m.coverage) },
      { label: c.t('report.weeks'), value: `${fit.weeks.train} + ${fit.weeks.holdout}` },
    ] },
    { kind: 'text', text: `${c.t('verdict.label')}: ${verdictSentence(c.t, fit.verdict)}` },
    {
      kind: 'table',
      columns: [c.t('report.channel'), c.t('report.effectShare'), c.t('report.spendShare'), 'ROI', c.t('report.mroi')],
      numeric: [false, true, true, true, true],
      rows: fit.channels.map((ch) => [
        ch.name,
        `${c.pct(ch.contributionShare)}${ch.contributionShareP10 === undefined ? '' : ` (${c.pct(ch.contributionShareP10)}–${c.pct(ch.contributionShareP90!)})`}`,
        c.pct(ch.spendShare),
        `${ch.roi.toPrecision(3)}${ch.roiP10 === undefined ? '' : ` (${ch.roiP10.toPrecision(3)}–${ch.roiP90!.toPrecision(3)})`}`,
        `${ch.mroi.toPrecision(3)}${ch.mroiP10 === undefined ? '' : ` (${ch.mroiP10.toPrecision(3)}–${ch.mroiP90!.toPrecision(3)})`}`,
      ]),
    },
    ...liftTestBlocks(c, fit),
    ...nextTestBlocks(c, fit),
  ];
  if (!scenarios.length) {
    blocks.push({ kind: 'text', text: c.t('report.noScenarios') });
    return { blocks, empty: null };
  }
  const weeks = scenarios[0].result!.weeks.map((w) => w.week);
  blocks.push(
    {
      kind: 'chart',
      title: c.t('report.scenarioChart'),
      option: bandsOption(weeks, scenarios.map((s) => ({ name: s.name, p10: s.result!.weeks.map((w) => w.p10), p50: s.result!.weeks.map((w) => w.p50), p90: s.result!.weeks.map((w) => w.p90) }))),
      height: 240,
    },
    {
      kind: 'table',
      columns: [c.t('report.scenario'), c.t('report.weeks'), c.t('report.weeklySpend'), c.t('report.totalOutcome')],
      numeric: [false, true, true, true],
      rows: scenarios.map((s) => [s.name, String(s.weeks), c.money(Object.values(s.spend).reduce((a, b) => a + b, 0)), `${c.number(s.result!.total.p50)} (${c.number(s.result!.total.p10)}–${c.number(s.result!.total.p90)})`]),
    },
  );
  for (const s of scenarios) {
    const problems = scenarioProblems(c, s);
    if (problems.length) blocks.push({ kind: 'text', text: c.t('report.scenarioFlags', { name: s.name, problems: problems.join(c.lang === 'zh-CN' ? '；' : '; ') }) });
  }
  return { blocks, empty: null };
}

/** The lift tests that calibrated the fit, each beside the model's figure for it. */
function liftTestBlocks(c: ReportContext, fit: MmmResult): ReportBlock[] {
  const cal = fit.calibration;
  if (!cal?.experiments.length) return [{ kind: 'text', text: c.t('report.noLiftTests') }];
  const tested = new Set(cal.experiments.map((e) => e.channel));
  return [
    {
      kind: 'table',
      columns: [c.t('forecast.experimentName'), c.t('report.channel'), c.t('forecast.experimentWindow'), c.t('forecast.measured'), c.t('forecast.modelSays'), c.t('forecast.withoutTests')],
      numeric: [false, false, false, true, true, true],
      rows: cal.experiments.map((e) => [e.name, e.channel, `${e.start} – ${e.end}`, `${c.number(e.lift)} ± ${c.number(e.standardError)}`, `${c.number(e.model)} (${c.number(e.modelP10)}–${c.number(e.modelP90)})`, c.number(e.uncalibrated)]),
    },
    { kind: 'text', text: c.t('forecast.narrowed', { list: Object.entries(cal.roiNarrowing).filter(([ch]) => tested.has(ch)).map(([ch, v]) => `${ch} ${Math.round(100 * v)}%`).join(c.lang === 'zh-CN' ? '、' : ', ') }) },
  ];
}

/** The next test to run (a 6-week holdout of all of a channel's spend), in words. */
function nextTestBlocks(c: ReportContext, fit: MmmResult): ReportBlock[] {
  const plan = nextTest(fit);
  const best = plan.channels[0];
  if (!best) return [];
  const sig = (v: number) => v.toPrecision(3);
  const advice = c.t('forecast.nextTestAdvice', { channel: best.name, lo: sig(best.roiP10), hi: sig(best.roiP90), stake: c.number(best.atStake), weeks: plan.design.weeks });
  const outcome = best.mdeShare !== null && best.mdeShare <= 1
    ? c.t('forecast.nextTestDetects', { mde: c.number(best.mde), share: Math.round(100 * best.mdeShare), expected: c.number(best.expectedLift), narrowing: Math.round(100 * best.narrowing) })
    : c.t('forecast.nextTestTooSmall', { mde: c.number(best.mde), expected: c.number(best.expectedLift) });
  return [{ kind: 'text', text: `${advice}${c.lang === 'zh-CN' ? '' : ' '}${outcome}` }];
}

/** What a scenario does beyond the project, in words: over its budget, outside its dates. */
function scenarioProblems(c: ReportContext, s: SavedScenario): string[] {
  const out: string[] = [];
  if (s.flags.overBudget !== null) out.push(c.t('report.flag.overBudget', { over: c.money(s.flags.overBudget) }));
  const o = s.flags.outsideDates;
  if (o.length) out.push(c.t('report.flag.outsideDates', { count: o.length, first: o[0], last: o[o.length - 1] }));
  return out;
}

function allocationFrameText(c: ReportContext, a: Allocation): string {
  const p = a.plan!;
  const params = { weeks: p.weeks, total: c.money(p.total), budget: c.money(a.budget) };
  const frame = c.t(`report.allocationFrame.${p.budgetFrom}`, params);
  return p.overBudget === null ? frame : `${frame} ${c.t('report.overBudget', { ...params, over: c.money(p.overBudget), budget: c.money(p.total - p.overBudget) })}`;
}

/** The budget allocation: today's weekly split against the best one within ±30% of each channel's average. */
export function allocationBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null } {
  const fit = new FitsRepo(c.db).latest(c.projectId)?.result;
  if (!fit) return { blocks: [], empty: c.t('report.empty.allocation') };
  let a;
  try {
    a = allocateForProject(c.db, c.projectId, fit, {});
  } catch (e) {
    if (e instanceof DomainError) return { blocks: [], empty: e.message };
    throw e;
  }
  const lift = a.currentResponse > 0 ? a.response / a.currentResponse - 1 : 0;
  const binding = a.channels.filter((ch) => ch.binding);
  return {
    empty: null,
    blocks: [
      { kind: 'text', text: c.t('report.allocationIntro', { budget: c.money(a.budget), lift: c.pct(lift), binding: binding.length ? binding.map((ch) => `${ch.name} (${c.t(`report.bound.${ch.binding}`)})`).join(c.lang === 'zh-CN' ? '、' : ', ') : c.t('report.noneBinding') }) },
      ...(a.plan ? [{ kind: 'text' as const, text: allocationFrameText(c, a) }] : []),
      { kind: 'chart', title: c.t('report.allocationChart'), option: groupedBarOption(a.channels.map((ch) => ch.name), [{ name: c.t('report.today'), values: a.channels.map((ch) => ch.current) }, { name: c.t('report.optimal'), values: a.channels.map((ch) => ch.spend) }]), height: 220 },
      {
        kind: 'table',
        columns: [c.t('report.channel'), c.t('report.today'), c.t('report.optimal'), c.t('report.bounds'), c.t('report.mroi')],
        numeric: [false, true, true, false, true],
        rows: a.channels.map((ch) => [ch.name, c.money(ch.current), c.money(ch.spend), `${c.money(ch.lower)} – ${c.money(ch.upper)}${ch.binding ? ` (${c.t(`report.bound.${ch.binding}`)})` : ''}`, ch.mroi.toPrecision(3)]),
      },
    ],
  };
}
