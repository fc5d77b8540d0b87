import { describe, expect, it } from 'vitest';
import { identity, matmul, maxAbsDiff, scaleColumns, transpose } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { hierarchicalTree } from './hierarchical-tree.ts';

describe('hierarchical tree dataset (Saxe Fig. 3)', () => {
  const data = hierarchicalTree({ depth: 5, features: 300, flip: 0.1 }, createRng(1).fork('data'));

  it('has 2^depth one-hot items and ±1 features', () => {
    expect(data.items).toBe(32);
    expect(data.X.rows).toBe(32);
    expect(maxAbsDiff(data.X, identity(32))).toBe(0);
    expect(data.Y.rows).toBe(32);
    expect(data.Y.cols).toBe(300);
    expect(Array.from(data.Y.data).every((v) => v === 1 || v === -1)).toBe(true);
  });

  it('builds Σ³¹ = Σ_μ y^μ x^μᵀ (sums) and an SVD that is ordered and reconstructs it', () => {
    expect(maxAbsDiff(data.sigma31, matmul(transpose(data.Y), data.X))).toBe(0);
    const { U, s, V } = data.svd;
    expect(U.rows).toBe(300);
    expect(V.rows).toBe(32);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
    expect(maxAbsDiff(matmul(scaleColumns(U, s), transpose(V)), data.sigma31)).toBeLessThan(1e-10);
    // Σ s_α² = ‖Σ³¹‖² = P · N3 for ±1 entries.
    expect(s.reduce((a, x) => a + x * x, 0)).toBeCloseTo(32 * 300, 6);
  });

  it('has a hierarchical spectrum: the root mode is strongest, leaf-level modes weakest', () => {
    // With flip 0.1 the root mode carries most of the variance (features mostly shared by all items).
    const { s } = data.svd;
    expect(s[0]).toBeGreaterThan(1.3 * s[1]);
    expect(s[31]).toBeGreaterThan(0);
    expect(s[0] / s[31]).toBeGreaterThan(3);
  });

  it('is reproducible from the seed and changes with it', () => {
    const again = hierarchicalTree({ depth: 5, features: 300, flip: 0.1 }, createRng(1).fork('data'));
    const other = hierarchicalTree({ depth: 5, features: 300, flip: 0.1 }, createRng(2).fork('data'));
    expect(Array.from(again.Y.data)).toEqual(Array.from(data.Y.data));
    expect(Array.from(other.Y.data)).not.toEqual(Array.from(data.Y.data));
  });

  it('gives identical items when nothing flips, and the paper scale at 1000 features', () => {
    const flat = hierarchicalTree({ depth: 3, features: 20, flip: 0 }, createRng(4));
    for (let mu = 1; mu < 8; mu++) for (let f = 0; f < 20; f++) expect(flat.Y.data[mu * 20 + f]).toBe(flat.Y.data[f]);
    expect(flat.svd.s[1]).toBeLessThan(1e-14 * flat.svd.s[0]); // rank one, to rounding
    // spec §Fig. 3: singular values of modes 1, 2, 3, 5, 12, 18, 31 ≈ 80, 55, 47, 40, 28, 20, 17 at 1000 features.
    const paper = hierarchicalTree({ depth: 5, features: 1000, flip: 0.1 }, createRng(1).fork('data'));
    const s = paper.svd.s;
    const expected = [80, 55, 47, 40, 28, 20, 17];
    [1, 2, 3, 5, 12, 18, 31].forEach((m, i) => expect(Math.abs(s[m - 1] - expected[i]) / expected[i]).toBeLessThan(0.1));
  });
});
