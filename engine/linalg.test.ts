import { describe, expect, it } from 'vitest';
import type { Matrix } from './linalg.ts';
import { fromRows, identity, matmul, maxAbsDiff, qr, scaleColumns, svd, symEig, transpose, zeros } from './linalg.ts';
import { orthogonal } from './nn/orthogonal.ts';
import { createRng } from './rng.ts';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const r = createRng(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = r.normal();
  return m;
}

function gram(m: Matrix): Matrix {
  return matmul(transpose(m), m);
}

describe('matmul and transpose', () => {
  it('multiply small known matrices', () => {
    const a = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = fromRows([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(Array.from(matmul(a, b).data)).toEqual([58, 64, 139, 154]);
    expect(Array.from(transpose(a).data)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('finds the eigenvalues of a known matrix, sorted descending', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
    const { values, vectors } = symEig(fromRows([
      [2, 1],
      [1, 2],
    ]));
    expect(values[0]).toBeCloseTo(3, 13);
    expect(values[1]).toBeCloseTo(1, 13);
    expect(Math.abs(vectors.data[0])).toBeCloseTo(Math.SQRT1_2, 13);
  });

  it('reconstructs a random symmetric matrix to 1e-12', () => {
    const g = gram(randomMatrix(30, 12, 1));
    const { values, vectors } = symEig(g);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const rec = matmul(scaleColumns(vectors, values), transpose(vectors));
    expect(maxAbsDiff(rec, g)).toBeLessThan(1e-12 * values[0]);
    expect(maxAbsDiff(gram(vectors), identity(12))).toBeLessThan(1e-13);
  });
});

describe('thin SVD through the Gram matrix', () => {
  for (const [rows, cols] of [
    [40, 8],
    [8, 40],
    [32, 32],
  ]) {
    it(`reconstructs a random ${rows}×${cols} matrix with orthonormal factors`, () => {
      const a = randomMatrix(rows, cols, rows * 100 + cols);
      const { U, s, V } = svd(a);
      const k = Math.min(rows, cols);
      expect(U.rows).toBe(rows);
      expect(U.cols).toBe(k);
      expect(V.rows).toBe(cols);
      expect(V.cols).toBe(k);
      for (let i = 1; i < k; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      expect(maxAbsDiff(matmul(scaleColumns(U, s), transpose(V)), a)).toBeLessThan(1e-10);
      expect(maxAbsDiff(gram(U), identity(k))).toBeLessThan(1e-10);
      expect(maxAbsDiff(gram(V), identity(k))).toBeLessThan(1e-12);
    });
  }

  it('gets a known diagonal example and fixes signs (largest entry of each v positive)', () => {
    const a = fromRows([
      [0, -2],
      [3, 0],
      [0, 0],
    ]);
    const { U, s, V } = svd(a);
    expect(Array.from(s)).toEqual([3, 2]);
    for (let j = 0; j < 2; j++) {
      let best = 0;
      for (let i = 0; i < 2; i++) if (Math.abs(V.data[i * 2 + j]) > Math.abs(best)) best = V.data[i * 2 + j];
      expect(best).toBeGreaterThan(0);
    }
    expect(maxAbsDiff(matmul(scaleColumns(U, s), transpose(V)), a)).toBeLessThan(1e-15);
  });

  it('completes U to an orthonormal set when the matrix is rank deficient', () => {
    const u = randomMatrix(10, 1, 4);
    const v = randomMatrix(1, 5, 5);
    const a = matmul(u, v); // rank 1
    const { U, s } = svd(a);
    expect(s[1]).toBeLessThan(1e-12 * s[0]);
    expect(maxAbsDiff(gram(U), identity(5))).toBeLessThan(1e-10);
  });
});

describe('Householder QR', () => {
  it('factors a tall matrix with orthonormal Q and an upper-triangular R with a non-negative diagonal', () => {
    const a = randomMatrix(20, 6, 9);
    const { Q, R } = qr(a);
    expect(maxAbsDiff(matmul(Q, R), a)).toBeLessThan(1e-12);
    expect(maxAbsDiff(gram(Q), identity(6))).toBeLessThan(1e-14);
    for (let i = 0; i < 6; i++) {
      expect(R.data[i * 6 + i]).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < i; j++) expect(Math.abs(R.data[i * 6 + j])).toBe(0);
    }
  });

  it('handles a known 2×2 case', () => {
    const { Q, R } = qr(fromRows([
      [3, 1],
      [4, 2],
    ]));
    expect(R.data[0]).toBeCloseTo(5, 14);
    expect(Q.data[0]).toBeCloseTo(0.6, 14);
    expect(Q.data[2]).toBeCloseTo(0.8, 14);
  });
});

describe('seeded orthogonal initialiser', () => {
  it('gives QᵀQ = I (tall) and QQᵀ = I (wide) to float precision, seeded', () => {
    const tall = orthogonal(50, 20, createRng(1));
    expect(maxAbsDiff(gram(tall), identity(20))).toBeLessThan(1e-14);
    const wide = orthogonal(20, 50, createRng(1));
    expect(maxAbsDiff(matmul(wide, transpose(wide)), identity(20))).toBeLessThan(1e-14);
    const square = orthogonal(16, 16, createRng(2), 1.5);
    expect(maxAbsDiff(gram(square), scaleColumns(identity(16), new Float64Array(16).fill(2.25)))).toBeLessThan(1e-13);
    expect(Array.from(orthogonal(8, 8, createRng(3)).data)).toEqual(Array.from(orthogonal(8, 8, createRng(3)).data));
    expect(Array.from(orthogonal(8, 8, createRng(3)).data)).not.toEqual(Array.from(orthogonal(8, 8, createRng(4)).data));
  });
});
