import { describe, expect, it } from 'vitest';
import { svd } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { geometricSpectrum, syntheticWhitenedTask } from './synthetic-task.ts';

describe('synthetic whitened task (engine/data/synthetic-task.ts)', () => {
  it('geometric spectrum: r values from first to last with a constant ratio', () => {
    const s = geometricSpectrum(9, 8, 2);
    expect(s.length).toBe(9);
    expect(s[0]).toBe(8);
    expect(s[8]).toBeCloseTo(2, 14);
    for (let a = 1; a < 9; a++) expect(s[a] / s[a - 1]).toBeCloseTo(0.25 ** (1 / 8), 14);
    expect(Array.from(geometricSpectrum(1, 3, 1))).toEqual([3]);
    expect(() => geometricSpectrum(0, 1, 1)).toThrow();
    expect(() => geometricSpectrum(3, 1, 0)).toThrow();
  });

  for (const [k, out, P] of [
    [10, 10, 200],
    [16, 10, 200],
    [32, 10, 40],
  ]) {
    it(`k = ${k}, out = ${out}, P = ${P}: shapes, Σ¹¹ = I to 1e-12, singular values of Σ³¹ = the spectrum to 1e-10`, () => {
      const spectrum = geometricSpectrum(9, 8, 2);
      const t = syntheticWhitenedTask({ k, out, spectrum, rng: createRng(3).fork('data'), examples: P });
      expect([t.k, t.out, t.examples]).toEqual([k, out, P]);
      expect(t.inputs.length).toBe(k * P);
      expect(t.targets.length).toBe(out * P);
      expect(t.sigma11.length).toBe(k * k);
      expect(t.sigma31.length).toBe(out * k);
      expect(t.U.length).toBe(out * 9);
      expect(t.V.length).toBe(k * 9);
      // Σ¹¹ recomputed from the inputs, not taken from the field.
      let err11 = 0;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) {
          let acc = 0;
          for (let m = 0; m < P; m++) acc += t.inputs[i * P + m] * t.inputs[j * P + m];
          err11 = Math.max(err11, Math.abs(acc - (i === j ? 1 : 0)), Math.abs(t.sigma11[i * k + j] - (i === j ? 1 : 0)));
        }
      expect(err11).toBeLessThan(1e-12);
      // Σ³¹ = Σ_μ y^μ x^μᵀ from the examples.
      let err31 = 0;
      for (let o = 0; o < out; o++)
        for (let i = 0; i < k; i++) {
          let acc = 0;
          for (let m = 0; m < P; m++) acc += t.targets[o * P + m] * t.inputs[i * P + m];
          err31 = Math.max(err31, Math.abs(acc - t.sigma31[o * k + i]));
        }
      expect(err31).toBeLessThan(1e-12);
      const { s } = svd({ rows: out, cols: k, data: t.sigma31 });
      for (let a = 0; a < 9; a++) expect(Math.abs(s[a] - spectrum[a])).toBeLessThan(1e-10);
      for (let a = 9; a < s.length; a++) expect(s[a]).toBeLessThan(1e-10);
    });
  }

  it('the same seed gives the same task; another seed other singular vectors with the same spectrum', () => {
    const spectrum = [5, 3, 1];
    const a = syntheticWhitenedTask({ k: 12, out: 10, spectrum, rng: createRng(7) });
    const b = syntheticWhitenedTask({ k: 12, out: 10, spectrum, rng: createRng(7) });
    const c = syntheticWhitenedTask({ k: 12, out: 10, spectrum, rng: createRng(8) });
    expect(a.examples).toBe(200);
    expect(Array.from(b.sigma31)).toEqual(Array.from(a.sigma31));
    expect(Array.from(b.inputs)).toEqual(Array.from(a.inputs));
    expect(Array.from(c.sigma31)).not.toEqual(Array.from(a.sigma31));
    const sc = svd({ rows: 10, cols: 12, data: c.sigma31 }).s;
    for (let i = 0; i < 3; i++) expect(Math.abs(sc[i] - spectrum[i])).toBeLessThan(1e-10);
  });

  it('rejects spectra that do not fit and too few examples', () => {
    const rng = createRng(1);
    expect(() => syntheticWhitenedTask({ k: 4, out: 10, spectrum: [1, 1, 1, 1, 1], rng })).toThrow(/do not fit/);
    expect(() => syntheticWhitenedTask({ k: 4, out: 3, spectrum: [1, -1], rng })).toThrow(/nonnegative/);
    expect(() => syntheticWhitenedTask({ k: 8, out: 3, spectrum: [1], rng, examples: 5 })).toThrow(/examples/);
  });
});
