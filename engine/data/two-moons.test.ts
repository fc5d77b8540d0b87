import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { makeMoons, moonsTransform, twoMoons } from './two-moons.ts';

/** Written once by scripts/data/make-moons-fixture.py with scikit-learn (its version is in the file). */
interface Fixture {
  generator: string;
  plain: { n: number; x: number[]; y: number[] }[];
  transformed: { seed: number; n: number; noise: number; x: number[]; y: number[]; cases: { margin: number; rotate: number; x: number[]; y: number[] }[] }[];
}
const fixture = JSON.parse(readFileSync(new URL('./two-moons-fixture.json', import.meta.url), 'utf8')) as Fixture;

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('two moons against scikit-learn (fixture)', () => {
  it(`make_moons without noise or shuffling gives scikit-learn's points and labels to 1e-12 (${fixture.generator})`, () => {
    expect(fixture.plain.length).toBeGreaterThan(0);
    for (const c of fixture.plain) {
      const s = makeMoons({ n: c.n, noise: 0, shuffle: false }, createRng(0));
      expect(maxAbs(s.x, c.x), `n = ${c.n}`).toBeLessThan(1e-12);
      expect(Array.from(s.y)).toEqual(c.y);
    }
  });

  it('the transform of a scikit-learn sample (n = 300, noise 0.1) matches the authors\' Python transform to 1e-12', () => {
    for (const t of fixture.transformed) {
      for (const c of t.cases) {
        const out = moonsTransform({ n: t.n, x: Float64Array.from(t.x), y: Float64Array.from(t.y) }, { margin: c.margin, rotate: c.rotate });
        expect(maxAbs(out.x, c.x), `seed ${t.seed}, margin ${c.margin}, rotate ${c.rotate}`).toBeLessThan(1e-12);
        expect(Array.from(out.y)).toEqual(c.y);
      }
    }
  });

  it('a shuffled noisy sample has scikit-learn\'s class sizes (seeds cannot match; the noise level is tested above)', () => {
    for (const t of fixture.transformed) {
      const ours = makeMoons({ n: t.n, noise: t.noise }, createRng(t.seed));
      expect(Array.from(ours.y).filter((v) => v === 1).length).toBe(t.y.filter((v) => v === 1).length);
    }
  });
});

describe('two moons (make_moons + the transform of Pezeshki et al. 2021)', () => {
  it('is deterministic in its seed and differs between seeds', () => {
    const a = twoMoons({ n: 300, noise: 0.1, margin: 0.1, seed: 3 });
    const b = twoMoons({ n: 300, noise: 0.1, margin: 0.1, seed: 3 });
    const c = twoMoons({ n: 300, noise: 0.1, margin: 0.1, seed: 4 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('has ⌊n/2⌋ points of class −1 and the rest of class +1, with a gap of 2·margin along the first axis', () => {
    for (const margin of [0.1, 0.25]) {
      const s = twoMoons({ n: 301, noise: 0.1, margin, seed: 0 });
      expect(s.y.filter((v) => v === -1).length).toBe(150);
      expect(s.y.filter((v) => v === 1).length).toBe(151);
      // Class +1 lies at x₁ ≤ −margin, class −1 at x₁ ≥ margin (the sign flip makes this exact).
      for (let i = 0; i < s.n; i++) expect(s.y[i] * s.x[2 * i]).toBeLessThanOrEqual(-margin + 1e-15);
    }
  });

  it('interleaves the classes when the margin is negative: every point within |margin| of the axis crosses it', () => {
    const s = twoMoons({ n: 300, noise: 0.1, margin: -0.1, seed: 0 });
    const side = Array.from({ length: s.n }, (_, i) => s.y[i] * s.x[2 * i]);
    for (const v of side) expect(v).toBeLessThanOrEqual(0.1 + 1e-15);
    expect(side.filter((v) => v > 0).length).toBeGreaterThan(0);
  });

  it('rotates as x·R (row vectors), preserving norms', () => {
    const s = makeMoons({ n: 50, noise: 0.1 }, createRng(1));
    const p = moonsTransform(s, { margin: 0.1 });
    const r = moonsTransform(s, { margin: 0.1, rotate: 45 });
    const c = Math.SQRT1_2;
    for (let i = 0; i < 50; i++) {
      const [u, v] = [p.x[2 * i], p.x[2 * i + 1]];
      expect(r.x[2 * i]).toBeCloseTo(u * c + v * c, 14);
      expect(r.x[2 * i + 1]).toBeCloseTo(-u * c + v * c, 14);
    }
  });

  it('noise 0 without shuffling draws nothing; the noise has the requested standard deviation', () => {
    const rng = createRng(2);
    const before = createRng(2).uniform();
    makeMoons({ n: 10, noise: 0, shuffle: false }, rng);
    expect(rng.uniform()).toBe(before);
    const clean = makeMoons({ n: 4000, noise: 0, shuffle: false }, createRng(5));
    const noisy = makeMoons({ n: 4000, noise: 0.1, shuffle: false }, createRng(5));
    let ss = 0;
    for (let k = 0; k < 8000; k++) ss += (noisy.x[k] - clean.x[k]) ** 2;
    // Sample std of 8000 N(0, 0.01) draws: 0.1 ± 0.1/√16000 ≈ ±0.0008; 5σ band.
    expect(Math.sqrt(ss / 8000)).toBeCloseTo(0.1, 2);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => twoMoons({ n: 1, noise: 0.1, margin: 0, seed: 0 })).toThrow(/n = 1/);
    expect(() => twoMoons({ n: 10, noise: -1, margin: 0, seed: 0 })).toThrow(/noise/);
    expect(() => twoMoons({ n: 10, noise: 0.1, margin: NaN, seed: 0 })).toThrow(/margin/);
  });
});
