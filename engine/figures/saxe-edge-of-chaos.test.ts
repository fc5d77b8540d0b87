import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gaussianExpectation, jacobianFactor, varianceMap, varianceRecursion } from '../analytic/mean-field.ts';
import { saxeEdgeOfChaos as spec } from './saxe-edge-of-chaos.ts';
import { runToEnd } from './test-util.ts';

const T = spec.tolerances;

describe('mean-field recursion (ours)', () => {
  it('Gauss–Hermite quadrature integrates Gaussian moments to 1e-12', () => {
    expect(gaussianExpectation(() => 1)).toBeCloseTo(1, 12);
    expect(gaussianExpectation((z) => z * z)).toBeCloseTo(1, 12);
    expect(gaussianExpectation((z) => z ** 4)).toBeCloseTo(3, 11);
    expect(gaussianExpectation(Math.cos)).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('has the critical gain g_c = 1: q^l → 0 below, q^l → q^∞ > 0 above (tolerance criticalGain)', () => {
    const tol = T.criticalGain.value;
    const below = varianceRecursion(1, 0.9, 1000);
    expect(below[999]).toBeLessThan(tol);
    const above = varianceRecursion(1, 1.1, 1000);
    expect(above[999]).toBeGreaterThan(0.1);
    expect(Math.abs(varianceMap(above[999], 1.1) - above[999])).toBeLessThan(tol);
    // Either side of 1, close to it: the map's slope at 0 is g², so 0 is stable iff g < 1.
    expect(varianceRecursion(1, 0.98, 5000)[4999]).toBeLessThan(tol);
    expect(varianceRecursion(1, 1.02, 5000)[4999]).toBeGreaterThan(0.01);
    // At g = 1 the decay is slow, like 1/l (q_{l+1} ≈ q_l − 2q_l² for small q): l·q_l → 1/2.
    const crit = varianceRecursion(1, 1, 20000);
    expect(crit[19999] * 20000).toBeGreaterThan(0.4);
    expect(crit[19999] * 20000).toBeLessThan(0.6);
    expect(jacobianFactor(0, 1)).toBeCloseTo(1, 12);
  });
});

describe('saxe-edge-of-chaos', () => {
  it('network variance follows the recursion; mean σ² follows the mean-field product (varianceVsRecursion, meanSquare)', async () => {
    const { frames, last } = await runToEnd(tf, spec, { size: 200, layers: 30, gain: 1.1, inputVariance: 1, seed: 1 });
    expect(frames.length).toBe(10);
    const s = last.summary;
    expect(s.layers).toBe(30);
    expect(s.maxRelativeGapQ).toBeLessThan(T.varianceVsRecursion.value);
    const ms = s.meanSigmaSq;
    const mf = s.meanSigmaSqMeanField;
    expect(Math.abs(ms - mf) / mf).toBeLessThan(T.meanSquare.value);
    // The read-out shows the same gaps.
    expect(last.checks.map((c) => c.value)).toEqual([s.maxRelativeGapQ, Math.abs(ms - mf) / mf]);
    const q = last.series.find((x) => x.name === 'qˡ, network (simulation)')!;
    expect(q.points.length).toBe(30);
    expect(q.points[0][1]).toBeCloseTo(1, 12); // the input's population variance is exactly q¹
    expect(q.points[29][1]).toBe(s.qNetwork);
    expect(last.series.find((x) => x.kind === 'recursion')!.points[29][1]).toBe(s.qRecursion);
  });

  it('isometry near g = 1, collapse below (tolerance isometry)', async () => {
    const at = (await runToEnd(tf, spec, { gain: 1 })).last.summary;
    const below = (await runToEnd(tf, spec, { gain: 0.9, size: 50 })).last.summary;
    expect(at.fractionNearMedian).toBeGreaterThanOrEqual(T.isometry.value);
    expect(below.medianSigma).toBeLessThan(1e-3 * at.medianSigma);
  }, 30_000);
});
