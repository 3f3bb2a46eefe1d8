/**
 * Reading the posterior draws of the media transforms: each draw's channel shares, and the
 * draw that stands for all of them.
 */

/** Each channel's total contribution under one fit: its transformed column's sum times its coefficient. */
export function mediaTotals(media: readonly ArrayLike<number>[], coef: ArrayLike<number>): number[] {
  return media.map((col, j) => {
    let s = 0;
    for (let t = 0; t < col.length; t++) s += col[t];
    return s * coef[j];
  });
}

/** Each total's share of their sum (0 when they add up to nothing). */
export function sharesOf(totals: readonly number[]): number[] {
  const all = totals.reduce((a, v) => a + v, 0);
  return totals.map((v) => (all > 0 ? v / all : 0));
}

/** Each channel's share of the total media contribution under one fit (0 when none contributes). */
export function mediaShares(media: readonly ArrayLike<number>[], coef: ArrayLike<number>): number[] {
  return sharesOf(mediaTotals(media, coef));
}

/**
 * The index of the draw whose shares are nearest (squared distance) to the channel-wise
 * median of all draws: a real draw, so its transforms, coefficients and weekly
 * contributions agree with each other, at the middle of the posterior.
 */
export function nearestToMedian(draws: readonly number[][]): number {
  if (!draws.length) throw new Error('no draws');
  const k = draws[0].length;
  const median = Array.from({ length: k }, (_, j) => {
    const v = draws.map((d) => d[j]).sort((a, b) => a - b);
    const m = v.length >> 1;
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  });
  let best = 0;
  let bestDistance = Infinity;
  draws.forEach((d, i) => {
    let distance = 0;
    for (let j = 0; j < k; j++) distance += (d[j] - median[j]) ** 2;
    if (distance < bestDistance) (bestDistance = distance), (best = i);
  });
  return best;
}
