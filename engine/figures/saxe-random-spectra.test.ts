import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fussCatalanMoment, ksDistance, marchenkoPastur, productRadialCdf, quarterCircleCdf, quarterCircleDensity } from '../analytic/rmt.ts';
import { saxeRandomSpectra as spec } from './saxe-random-spectra.ts';
import { runToEnd } from './test-util.ts';

const num = (x: number | null): number => {
  if (x === null) throw new Error('no value');
  return x;
};
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
    // Depths shown: 1, 2 (= round √4), 4; the spread grows with depth.
    expect(s.factors).toEqual([1, 2, 4]);
    expect(num(s.ksQuarterCircle[0])).toBeLessThan(T.quarterCircle.value);
    expect(s.ksQuarterCircle.slice(1)).toEqual([null, null]);
    expect(Math.abs(s.meanSigmaSq[0] - 1)).toBeLessThan(T.meanSquare.value);
    expect(Math.abs(s.meanSigmaSq[2] - 1)).toBeLessThan(T.meanSquare.value);
    expect(Math.abs(s.fractionModulusBelowHalf[0] - 0.25)).toBeLessThan(T.circularLaw.value);
    expect(num(s.ksModulus[0])).toBeLessThan(0.04);
    expect(Math.abs(s.fractionModulusBelowHalf[2] - Math.SQRT1_2)).toBeLessThan(T.circularLaw.value);
    expect(s.fractionModulusBelowHalfTheory).toEqual([0.25, productRadialCdf(0.5, 2), productRadialCdf(0.5, 4)]);
    expect(Math.abs(s.meanSigma4[2] - 5) / 5).toBeLessThan(T.fussCatalan.value);
    expect(s.meanSigma4FussCatalan[2]).toBeCloseTo(5, 10);
    expect(s.fractionSigmaInBand[2]).toBeLessThan(s.fractionSigmaInBand[1]);
    expect(s.fractionSigmaInBand[1]).toBeLessThan(s.fractionSigmaInBand[0]);
    const theory = last.series.filter((x) => spec.kinds[x.kind].role === 'theory').map((x) => x.name);
    expect(theory).toContain('σ, 1 factor (Marchenko–Pastur)');
    expect(theory).toContain('|λ| CDF, 1 factor (circular law)');
    expect(theory).toContain('|λ| CDF, 4 factors (product law)');
    // The read-out shows the same numbers as the summary.
    const qc = last.checks.find((c) => c.label.startsWith('KS distance of σ'))!;
    expect(qc.value).toBe(s.ksQuarterCircle[0]);
    expect(last.checks.find((c) => c.label.startsWith('|mean σ⁴'))!.value).toBeCloseTo(Math.abs(s.meanSigma4[2] - 5) / 5, 10);
  }, 30_000);

  it('orthogonal products: every σ and every |λ| is 1 to 1e-10 (tolerance orthogonalUnit)', async () => {
    const { frames, last } = await runToEnd(tf, spec, { kind: 'orthogonal', size: 60, depth: 8, ensemble: 3 });
    expect(frames.length).toBe(3);
    const s = last.summary;
    expect(s.factors).toEqual([1, 3, 8]);
    for (let i = 0; i < 3; i++) {
      expect(s.maxSigmaDeviation[i]).toBeLessThan(T.orthogonalUnit.value);
      expect(s.maxModulusDeviation[i]).toBeLessThan(T.orthogonalUnit.value);
      expect(s.fractionSigmaInBand[i]).toBe(1);
    }
    expect(s.meanSigma4FussCatalan).toEqual([null, null, null]);
    for (const c of last.checks) {
      expect(c.tolerance).toBe(T.orthogonalUnit.value);
      expect(c.value).toBeLessThan(T.orthogonalUnit.value);
    }
    expect(spec.describe(last)).toMatch(/^Products of random orthogonal matrices stay orthogonal/);
  });

  it('one frame per ensemble member, with the eigenvalue panel thinned for drawing', async () => {
    const { frames, last } = await runToEnd(tf, spec, { size: 50, depth: 2, ensemble: 14 });
    expect(frames.map((f) => f.step)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const dots = last.series.find((x) => x.name === 'λ, 1 factor (simulation)')!;
    expect(dots.points.length).toBeLessThanOrEqual(600);
    expect(last.summary.members).toBe(14);
    expect(spec.describe(last)).toMatch(/\(14 products\.\)$/);
  });
});
