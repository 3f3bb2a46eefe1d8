import type { MmmResult } from './forecast';

/**
 * Which lift test to run next (issue: "the next test to run"). For each channel: a test of
 * `weeks` weeks that holds out (size 1) or changes (size < 1) that share of its spend would
 * measure about size × weeks × its average weekly contribution, with a standard error of a
 * week's noise σ × √(2 · weeks) — the test weeks against their counterfactual (a control
 * group or the model's own forecast), each side carrying a week's noise. Read as a Gaussian
 * measurement of the channel's ROI and combined with the fit's ROI interval (P10–P90 as
 * ±1.2816 sd), it narrows that interval; the channel where a test is worth most is the one
 * whose ROI uncertainty spans the most outcome at today's spend (width × weekly spend).
 * Closed form, so the page recomputes it as the strategist changes the design; the fit's
 * bootstrap reports the narrowing real tests brought (`calibration`).
 */
export interface TestDesign {
  weeks: number;
  /** Share of the channel's spend held out (1: all of it) or added. */
  size: number;
}

export interface ChannelTest {
  name: string;
  averageSpend: number;
  roi: number;
  roiP10: number;
  roiP90: number;
  /** Outcome per week the ROI interval spans at today's spend: what knowing better is worth. */
  atStake: number;
  /** What the test would measure if the model is right, and its standard error. */
  expectedLift: number;
  standardError: number;
  /** Minimum detectable effect: 80% power at 5% two-sided (2.8 standard errors). */
  mde: number;
  /** The MDE over the expected lift: above 1, the test is too small to see what the model expects (null: nothing expected). */
  mdeShare: number | null;
  roiP10After: number;
  roiP90After: number;
  /** 1 − width after / width now. */
  narrowing: number;
}

export interface NextTest {
  design: TestDesign;
  /** A week's noise (sd), from the fit's residual P10/P90. */
  sigma: number;
  channels: ChannelTest[];
  /** The channel to test first (largest outcome at stake), or null when no channel has an interval. */
  best: string | null;
}

export const DEFAULT_TEST: TestDesign = { weeks: 6, size: 1 };
const Z90 = 1.2816;
const POWER = 1.96 + 0.8416;

export function nextTest(fit: Pick<MmmResult, 'channels' | 'history' | 'weeks'>, design: TestDesign = DEFAULT_TEST): NextTest {
  const sigma = (fit.history.residuals.p90 - fit.history.residuals.p10) / (2 * Z90);
  const channels = fit.channels
    .filter((c) => c.roiP10 !== undefined && c.roiP90 !== undefined && c.averageSpend > 0)
    .map((c): ChannelTest => {
      const p10 = c.roiP10!;
      const p90 = c.roiP90!;
      const width = Math.max(0, p90 - p10);
      const weekly = c.contribution / Math.max(1, fit.weeks.total);
      const expectedLift = design.size * design.weeks * weekly;
      const standardError = sigma * Math.sqrt(2 * design.weeks);
      const sdNow = width / (2 * Z90);
      // The test's reading of ROI: the lift scales with it, so its relative error carries over.
      const sdTest = expectedLift > 0 ? (Math.max(c.roi, 1e-9) * standardError) / expectedLift : Infinity;
      const sdAfter = sdNow > 0 ? 1 / Math.sqrt(1 / sdNow ** 2 + 1 / sdTest ** 2) : 0;
      const centre = (p10 + p90) / 2;
      return {
        name: c.name,
        averageSpend: c.averageSpend,
        roi: c.roi,
        roiP10: p10,
        roiP90: p90,
        atStake: round(width * c.averageSpend),
        expectedLift: round(expectedLift),
        standardError: round(standardError),
        mde: round(POWER * standardError),
        mdeShare: expectedLift > 0 ? round4((POWER * standardError) / expectedLift) : null,
        roiP10After: round4(Math.max(0, centre - Z90 * sdAfter)),
        roiP90After: round4(centre + Z90 * sdAfter),
        narrowing: sdNow > 0 ? round4(1 - sdAfter / sdNow) : 0,
      };
    })
    .sort((a, b) => b.atStake - a.atStake);
  return { design, sigma: round(sigma), channels, best: channels[0]?.name ?? null };
}

const round = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10000) / 10000;
