import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fussCatalanMoment, ksDistance, marchenkoPastur, productRadialCdf, quarterCircleCdf, quarterCircleDensity } from '../analytic/rmt.ts';
import { saxeRandomSpectra as spec } from './saxe-random-spectra.ts';
import { runToEnd } from './test-util.ts';

const num = (x: unknown) => x as number;
const T = spec.tolerances;

describe('random-matrix laws (engine/analytic/rmt.ts)', () => {
  it('quarter-circle density integrates to 1, equals 2σ·MP(σ²), and its CDF is the integral', () => {
    let int = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const s = (2 * (i + 0.5)) / n;
      int += (quarterCircleDensity(s) * 2) / n;
      expect(quarterCircleDensity(s)).toBeCloseTo(2 * s * marchenkoPastur(s * s), 12);
      if (i % 2000 === 0) expect(Math.abs(quarterCircleCdf((2 * (i + 1)) / n) - int)).toBeLessThan(1e-6);
    }
    expect(int).toBeCloseTo(1, 6);
  });

  it('Fuss–Catalan moments: Catalan numbers for M = 1, M + 1 for the second moment', () => {
    expect([1, 2, 3, 4].map((k) => fussCatalanMoment(1, k))).toEqual([1, 2, 5, 14]);
    for (const M of [1, 2, 5, 16]) expect(fussCatalanMoment(M, 2)).toBeCloseTo(M + 1, 10);
    expect(productRadialCdf(0.5, 1)).toBe(0.25);
    expect(ksDistance([0.5], (x) => x)).toBe(0.5);
  });
});

describe('saxe-random-spectra', () => {
  it('Gaussian, one factor: quarter-circle law, mean σ² = 1, circular law; four factors: Fuss–Catalan and product law', async () => {
    const { last } = await runToEnd(tf, spec, { kind: 'gaussian', size: 100, depth: 4, ensemble: 16, seed: 1 });
    const s = last.summary;
    expect(num(s['1 factor: KS distance of σ from the quarter-circle law'])).toBeLessThan(T.quarterCircle.value);
    expect(Math.abs(num(s['1 factor: mean σ²']) - 1)).toBeLessThan(T.meanSquare.value);
    expect(Math.abs(num(s['4 factors: mean σ²']) - 1)).toBeLessThan(T.meanSquare.value);
    expect(Math.abs(num(s['1 factor: fraction of |λ| < 0.5']) - 0.25)).toBeLessThan(T.circularLaw.value);
    expect(num(s['1 factor: KS distance of |λ| from r^(2/M)'])).toBeLessThan(0.04);
    expect(Math.abs(num(s['4 factors: fraction of |λ| < 0.5']) - Math.SQRT1_2)).toBeLessThan(T.circularLaw.value);
    expect(Math.abs(num(s['4 factors: mean σ⁴']) - 5) / 5).toBeLessThan(T.fussCatalan.value);
    // Depth shown: 1, 2 (= round √4), 4; the spread grows with depth.
    expect(num(s['4 factors: fraction of σ in [0.5, 2]'])).toBeLessThan(num(s['2 factors: fraction of σ in [0.5, 2]']));
    expect(num(s['2 factors: fraction of σ in [0.5, 2]'])).toBeLessThan(num(s['1 factor: fraction of σ in [0.5, 2]']));
    const analytic = last.series.filter((x) => x.role === 'analytic').map((x) => x.name);
    expect(analytic).toContain('σ, 1 factor (Marchenko–Pastur)');
    expect(analytic).toContain('|λ| CDF, 1 factor (circular law)');
    expect(analytic).toContain('|λ| CDF, 4 factors (product law)');
  }, 30_000);

  it('orthogonal products: every σ and every |λ| is 1 to 1e-10 (tolerance orthogonalUnit)', async () => {
    const { frames, last } = await runToEnd(tf, spec, { kind: 'orthogonal', size: 60, depth: 8, ensemble: 3 });
    expect(frames.length).toBe(3);
    for (const d of ['1 factor', '3 factors', '8 factors']) {
      expect(num(last.summary[`${d}: max |σ − 1|`])).toBeLessThan(T.orthogonalUnit.value);
      expect(num(last.summary[`${d}: max ||λ| − 1|`])).toBeLessThan(T.orthogonalUnit.value);
      expect(num(last.summary[`${d}: fraction of σ in [0.5, 2]`])).toBe(1);
    }
    expect(spec.describe(last)).toMatch(/^Products of random orthogonal matrices stay orthogonal/);
  });

  it('one frame per ensemble member, with the eigenvalue panel thinned for drawing', async () => {
    const { frames, last } = await runToEnd(tf, spec, { size: 50, depth: 2, ensemble: 14 });
    expect(frames.map((f) => f.step)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const dots = last.series.find((x) => x.name === 'λ, 1 factor (simulation)')!;
    expect(dots.points.length).toBeLessThanOrEqual(600);
    expect(last.summary['ensemble members']).toBe(14);
  });
});
