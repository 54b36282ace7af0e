/**
 * What a target list is expected to bring, read off the chosen model's validation curves: how deep
 * into the population the list goes, how much better than random it responds (lift) and how many
 * responders that means. A validation set behaves like the population it was drawn from, so these
 * are estimates with the same caveat as any holdout figure.
 */
export interface CurvePoints {
  baseRate: number;
  /** Highest threshold first, from (0,0) to (1,1). */
  roc: readonly { threshold: number; fpr: number; tpr: number }[];
  /** Depth 0.1 … 1.0. */
  lift: readonly { depth: number; cumulativeGain: number }[];
}

export interface Expectation {
  /** Customers the list is expected to hold. */
  listSize: number;
  /** Share of the population in the list, 0..1. */
  depth: number;
  /** Response rate of the list over the population's. */
  lift: number;
  /** Expected positives in the list. */
  responders: number;
}

/** Cumulative gain at any depth, by straight lines between (0,0), the lift points and (1,1). */
export function gainAt(curve: CurvePoints['lift'], depth: number): number {
  const d = Math.min(1, Math.max(0, depth));
  const points = [{ depth: 0, cumulativeGain: 0 }, ...curve, { depth: 1, cumulativeGain: 1 }];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (d <= b.depth) {
      const span = b.depth - a.depth;
      return span <= 0 ? b.cumulativeGain : a.cumulativeGain + ((d - a.depth) / span) * (b.cumulativeGain - a.cumulativeGain);
    }
  }
  return 1;
}

/**
 * The list for `topN` (the N best scores) and/or `minScore` (scores at or above it) out of a
 * population of `population` customers; null when neither is given or nothing can be said.
 */
export function expectTargets(
  curves: CurvePoints,
  population: number,
  topN: number | null,
  minScore: number | null,
): Expectation | null {
  if (population <= 0 || (topN == null && minScore == null)) return null;
  let depth = 1;
  if (minScore != null) {
    // Rows scoring at or above the lowest threshold that is still >= minScore (thresholds descend).
    const kept = curves.roc.filter((p) => p.threshold >= minScore);
    const point = kept.length > 0 ? kept[kept.length - 1] : { fpr: 0, tpr: 0 };
    depth = curves.baseRate * point.tpr + (1 - curves.baseRate) * point.fpr;
  }
  if (topN != null) depth = Math.min(depth, topN / population);
  const listSize = Math.round(depth * population);
  if (listSize === 0) return { listSize: 0, depth: 0, lift: 0, responders: 0 };
  const gain = gainAt(curves.lift, depth);
  const responders = gain * curves.baseRate * population;
  return { listSize, depth, lift: curves.baseRate > 0 ? gain / depth : 0, responders };
}
