/**
 * engine/linalg.ts against reference spectra computed once with LAPACK (scipy.linalg) and with 50-digit arithmetic
 * (mpmath), from scripts/data/make-linalg-fixtures.py. Tolerances are stated per case. A backward-stable method
 * (ours, and LAPACK's) errs by about n·ε·‖A‖ in absolute terms, so the relative error of a singular value σ grows
 * like ε σ_max / σ; the product of factors shows what keeping the product factored (linalg/product.ts) gains.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eigenvalues, factoredProduct, mul, singularValues, symEig, transposeOf } from './linalg.ts';

interface Stored {
  rows: number;
  cols: number;
  data: string;
  svExact?: number[];
  svLapack?: number[];
  eigExact?: number[];
  eigLapack?: number[] | { re: number[]; im: number[] };
}
const fixtures = JSON.parse(readFileSync(new URL('./linalg-fixtures.json', import.meta.url), 'utf8')) as Record<string, Stored> & {
  productFactors: { n: number; count: number; data: string; svExact: number[]; svLapackOfFormed: number[] };
};

/** Row-major float64, little-endian, base64. */
function decode(b64: string): Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: bytes.byteLength / 8 }, (_, i) => view.getFloat64(8 * i, true));
}

/** Largest |got − ref| / σ_max, and the largest relative error over the values at least `floor` σ_max. */
function errors(got: ArrayLike<number>, ref: readonly number[], floor = 0): { abs: number; rel: number } {
  const top = Math.max(...ref.map(Math.abs));
  let abs = 0;
  let rel = 0;
  ref.forEach((r, i) => {
    const e = Math.abs(got[i] - r);
    abs = Math.max(abs, e / top);
    if (Math.abs(r) >= floor * top) rel = Math.max(rel, e / Math.abs(r));
  });
  return { abs, rel };
}

/** How many of the values below `floor` σ_max come out within 1% of the reference. */
function resolvedBelow(got: ArrayLike<number>, ref: readonly number[], floor: number): { resolved: number; of: number } {
  let resolved = 0;
  let of = 0;
  ref.forEach((r, i) => {
    if (r >= floor * ref[0]) return;
    of++;
    if (Math.abs(got[i] - r) < 0.01 * r) resolved++;
  });
  return { resolved, of };
}

describe('singular values against LAPACK and 50-digit references', () => {
  it('product16 (saxe-random-spectra default, multiplied out): ≥ 1e-8 σ_max to 1e-9 relative, as LAPACK does', () => {
    const f = fixtures.product16;
    const s = singularValues(decode(f.data), f.rows, f.cols);
    const vsExact = errors(s, f.svExact!, 1e-8);
    expect(vsExact.abs).toBeLessThan(1e-14);
    expect(vsExact.rel).toBeLessThan(1e-9);
    expect(errors(s, f.svLapack!, 1e-8).rel).toBeLessThan(1e-9);
    // 16 of the 100 lie below 1e-8 σ_max (√eig(WᵀW) resolved 1 of them); 14 come out within 1%, as with LAPACK.
    const ours = resolvedBelow(s, f.svExact!, 1e-8);
    expect(ours.of).toBe(16);
    expect(ours.resolved).toBeGreaterThanOrEqual(resolvedBelow(f.svLapack!, f.svExact!, 1e-8).resolved);
  });

  it('productFactors (32 factors of 16×16, σ over 33 decades): the factored product gets all to 1e-12', () => {
    const f = fixtures.productFactors;
    const all = decode(f.data);
    const n = f.n;
    const P = factoredProduct(n);
    let formed: Float64Array | null = null;
    for (let k = 0; k < f.count; k++) {
      const w = all.slice(k * n * n, (k + 1) * n * n);
      P.push(w);
      formed = formed ? mul(w, formed, n, n, n) : w;
    }
    expect(errors(P.singularValues(), f.svExact).rel).toBeLessThan(1e-12);
    // Multiplied out, the three values below ε σ_max are lost, by LAPACK as by us.
    for (const s of [singularValues(formed!, n), f.svLapackOfFormed]) expect(resolvedBelow(s, f.svExact, 1e-8)).toEqual({ resolved: 3, of: 6 });
  });

  it('graded (60×40, σ from 1 to 1e-12) and its transpose: absolute error below 1e-14 σ_max', () => {
    const f = fixtures.graded;
    const a = decode(f.data);
    for (const s of [singularValues(a, f.rows, f.cols), singularValues(transposeOf(a, f.rows, f.cols), f.cols, f.rows)]) {
      const e = errors(s, f.svExact!, 1e-8);
      expect(e.abs).toBeLessThan(1e-14);
      expect(e.rel).toBeLessThan(1e-9);
      expect(errors(s, f.svExact!).rel).toBeLessThan(1e-5); // even σ = 1e-12 keeps five digits
    }
  });

  it('gaussian (60×25) and its transpose: every value to 1e-14 relative', () => {
    const f = fixtures.gaussian;
    const a = decode(f.data);
    expect(errors(singularValues(a, f.rows, f.cols), f.svExact!).rel).toBeLessThan(1e-14);
    expect(errors(singularValues(transposeOf(a, f.rows, f.cols), f.cols, f.rows), f.svLapack!).rel).toBeLessThan(1e-14);
  });
});

describe('eigenvalues against LAPACK and 50-digit references', () => {
  it('symmetric (50×50 indefinite): to 1e-14 relative', () => {
    const f = fixtures.symmetric;
    const ev = Array.from(symEig({ rows: f.rows, cols: f.cols, data: decode(f.data) }).values).reverse();
    expect(errors(ev, f.eigExact!).rel).toBeLessThan(1e-14);
  });

  it('symmetricGram (MᵀM, eigenvalues down to rounding level): absolute error below 1e-15 λ_max', () => {
    const f = fixtures.symmetricGram;
    const ev = Array.from(symEig({ rows: f.rows, cols: f.cols, data: decode(f.data) }).values).reverse();
    const e = errors(ev, f.eigExact!, 1e-8);
    expect(e.abs).toBeLessThan(1e-15);
    expect(e.rel).toBeLessThan(1e-9);
  });

  for (const name of ['nonsymmetric', 'nonsymmetricProduct']) {
    it(`${name} (50×50): every eigenvalue within 1e-13 |λ|_max of LAPACK's`, () => {
      const f = fixtures[name];
      const ref = f.eigLapack as { re: number[]; im: number[] };
      const { re, im } = eigenvalues(decode(f.data), f.rows);
      const left = ref.re.map((r, i) => [r, ref.im[i]]);
      const top = Math.max(...left.map(([x, y]) => Math.hypot(x, y)));
      for (let i = 0; i < f.rows; i++) {
        let best = Infinity;
        let arg = -1;
        left.forEach(([x, y], j) => {
          const d = Math.hypot(x - re[i], y - im[i]);
          if (d < best) [best, arg] = [d, j];
        });
        left.splice(arg, 1);
        expect(best).toBeLessThan(1e-13 * top);
      }
    });
  }
});
