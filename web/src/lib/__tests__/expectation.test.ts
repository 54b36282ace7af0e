import { describe, expect, it } from 'vitest';
import { expectTargets, gainAt, type CurvePoints } from '../expectation';

// A model whose top 10% holds 30% of the responders, top 20% holds 50%, then linear to (1, 1).
const curves: CurvePoints = {
  baseRate: 0.2,
  roc: [
    { threshold: 1, fpr: 0, tpr: 0 },
    { threshold: 0.8, fpr: 0.05, tpr: 0.3 },
    { threshold: 0.5, fpr: 0.125, tpr: 0.5 },
    { threshold: 0.1, fpr: 1, tpr: 1 },
  ],
  lift: [
    { depth: 0.1, cumulativeGain: 0.3 },
    { depth: 0.2, cumulativeGain: 0.5 },
    ...[0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((depth) => ({ depth, cumulativeGain: 0.5 + ((depth - 0.2) / 0.8) * 0.5 })),
  ],
};

describe('gainAt', () => {
  it('interpolates between the points and the origin', () => {
    expect(gainAt(curves.lift, 0)).toBe(0);
    expect(gainAt(curves.lift, 0.05)).toBeCloseTo(0.15);
    expect(gainAt(curves.lift, 0.15)).toBeCloseTo(0.4);
    expect(gainAt(curves.lift, 1)).toBe(1);
    expect(gainAt(curves.lift, 7)).toBe(1);
  });
});

describe('expectTargets', () => {
  it('reads a top-N list off the gains curve', () => {
    // 10,000 of 100,000: depth 0.1, 30% of 20,000 responders, lift 3.
    const e = expectTargets(curves, 100_000, 10_000, null)!;
    expect(e.listSize).toBe(10_000);
    expect(e.depth).toBeCloseTo(0.1);
    expect(e.responders).toBeCloseTo(6_000);
    expect(e.lift).toBeCloseTo(3);
  });

  it('turns a minimum score into a depth through the ROC point at that threshold', () => {
    // Scores >= 0.5: 0.2 * 0.5 + 0.8 * 0.125 = 0.2 of the population, holding half the responders.
    const e = expectTargets(curves, 100_000, null, 0.5)!;
    expect(e.depth).toBeCloseTo(0.2);
    expect(e.listSize).toBe(20_000);
    expect(e.responders).toBeCloseTo(10_000);
    expect(e.lift).toBeCloseTo(2.5);
  });

  it('takes the smaller list when both are given', () => {
    expect(expectTargets(curves, 100_000, 5_000, 0.5)!.listSize).toBe(5_000);
    expect(expectTargets(curves, 100_000, 50_000, 0.5)!.listSize).toBe(20_000);
  });

  it('says nothing without a criterion and gives an empty list above every score', () => {
    expect(expectTargets(curves, 100_000, null, null)).toBeNull();
    expect(expectTargets(curves, 0, 10, null)).toBeNull();
    expect(expectTargets(curves, 100_000, null, 1.5)).toEqual({ listSize: 0, depth: 0, lift: 0, responders: 0 });
  });
});
