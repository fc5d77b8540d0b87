import { describe, expect, it } from 'vitest';
import type { Matrix } from './linalg.ts';
import {
  addMulTransBInto,
  fromRows,
  identity,
  matmul,
  maxAbsDiff,
  mul,
  mulTransAInto,
  qr,
  scaleColumns,
  svd,
  symEig,
  transpose,
  transposeOf,
  usvt,
  zeros,
} from './linalg.ts';
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

describe('products and transposes', () => {
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

  it('the in-place kernels agree bit for bit with products of explicit transposes', () => {
    const a = randomMatrix(7, 5, 1);
    const b = randomMatrix(7, 4, 2);
    const c = randomMatrix(6, 5, 3);
    expect(mulTransAInto(a.data, b.data, 7, 5, 4, new Float64Array(20))).toEqual(mul(transposeOf(a.data, 7, 5), b.data, 5, 7, 4));
    // out += α A Cᵀ: each entry is α times one dot product, added to what was there.
    const out = new Float64Array(42).fill(1);
    const act = matmul(a, transpose(c)).data;
    addMulTransBInto(0.5, a.data, c.data, 7, 5, 6, out);
    for (let i = 0; i < 42; i++) expect(out[i]).toBeCloseTo(1 + 0.5 * act[i], 13);
  });

  it('U diag(s) Vᵀ equals the product with the scaled columns, bit for bit', () => {
    const u = randomMatrix(6, 3, 4);
    const v = randomMatrix(5, 3, 5);
    const s = [3, -1, 0.25];
    expect(usvt(u, s, v).data).toEqual(matmul(scaleColumns(u, s), transpose(v)).data);
    expect(() => usvt(u, [1, 2], v)).toThrow(/usvt/);
  });
});

describe('symmetric eigen-decomposition', () => {
  it('finds the eigenvalues of a known matrix, sorted descending', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
    const { values, vectors } = symEig(
      fromRows([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(values[0]).toBeCloseTo(3, 13);
    expect(values[1]).toBeCloseTo(1, 13);
    expect(Math.abs(vectors.data[0])).toBeCloseTo(Math.SQRT1_2, 13);
  });

  it('reconstructs a random symmetric matrix to 1e-12 with orthonormal, sign-fixed vectors', () => {
    const g = gram(randomMatrix(30, 12, 1));
    const { values, vectors } = symEig(g);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const rec = usvt(vectors, values, vectors);
    expect(maxAbsDiff(rec, g)).toBeLessThan(1e-12 * values[0]);
    expect(maxAbsDiff(gram(vectors), identity(12))).toBeLessThan(1e-13);
    for (let j = 0; j < 12; j++) {
      let best = 0;
      for (let i = 0; i < 12; i++) if (Math.abs(vectors.data[i * 12 + j]) > Math.abs(best)) best = vectors.data[i * 12 + j];
      expect(best).toBeGreaterThan(0);
    }
  });

  it('gives a diagonal matrix its diagonal, and refuses non-finite entries instead of iterating forever', () => {
    const d = [3, -1, 2, 0, 7];
    const m = zeros(5, 5);
    d.forEach((v, i) => (m.data[i * 5 + i] = v));
    expect(Array.from(symEig(m).values)).toEqual([7, 3, 2, 0, -1]);
    m.data[7] = NaN;
    expect(() => symEig(m)).toThrow(/NaN/);
  });
});

describe('thin SVD', () => {
  for (const [rows, cols] of [
    [40, 8],
    [8, 40],
    [32, 32],
  ]) {
    it(`reconstructs a random ${rows}×${cols} matrix with orthonormal factors`, () => {
      const a = randomMatrix(rows, cols, rows * 100 + cols);
      const { U, s, V } = svd(a);
      const k = Math.min(rows, cols);
      expect([U.rows, U.cols, V.rows, V.cols, s.length]).toEqual([rows, k, cols, k, k]);
      for (let i = 1; i < k; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      expect(maxAbsDiff(usvt(U, s, V), a)).toBeLessThan(1e-13);
      expect(maxAbsDiff(gram(U), identity(k))).toBeLessThan(1e-13);
      expect(maxAbsDiff(gram(V), identity(k))).toBeLessThan(1e-13);
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
    expect(maxAbsDiff(usvt(U, s, V), a)).toBeLessThan(1e-15);
  });

  it('completes U to an orthonormal set when the matrix is rank deficient', () => {
    const a = matmul(randomMatrix(10, 1, 4), randomMatrix(1, 5, 5)); // rank 1
    const { U, s } = svd(a);
    expect(s[1]).toBeLessThan(1e-15 * s[0]);
    expect(maxAbsDiff(gram(U), identity(5))).toBeLessThan(1e-14);
  });

  it('finishes, with orthonormal U and V, on rank-one matrices with identical columns (the hierarchical data at flip 0)', () => {
    // The bidiagonal entries below the rank deficiency fall by ~1e-30 per step into the subnormal range. ml-matrix
    // 6.15's port of the same algorithm loops for ever here (its deflation threshold lost JAMA's 2^−966), and JAMA's
    // unscaled reflectors lose orthogonality (UᵀU − I of order 100).
    for (const [rows, cols] of [
      [64, 64],
      [1000, 64],
    ]) {
      const a = zeros(rows, cols);
      for (let i = 0; i < rows; i++) a.data.fill(i % 3 === 0 ? -1 : 1, i * cols, (i + 1) * cols);
      const { U, s, V } = svd(a);
      expect(s[0]).toBeCloseTo(Math.sqrt(rows * cols), 10);
      expect(s[1]).toBeLessThan(1e-14 * s[0]);
      expect(maxAbsDiff(usvt(U, s, V), a)).toBeLessThan(1e-12);
      expect(maxAbsDiff(gram(V), identity(cols))).toBeLessThan(1e-13);
      expect(maxAbsDiff(gram(U), identity(cols))).toBeLessThan(1e-12);
    }
  });

  it('refuses non-finite entries', () => {
    expect(() => svd(fromRows([[1, NaN]]))).toThrow(/not finite/);
  });

  it('is deterministic: the same input gives the same bits', () => {
    const a = randomMatrix(20, 12, 6);
    expect(svd(a).U.data).toEqual(svd(a).U.data);
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
    const { Q, R } = qr(
      fromRows([
        [3, 1],
        [4, 2],
      ]),
    );
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

  it('draws the same matrices as before the QR was shared (first entries pinned)', () => {
    expect(Array.from(orthogonal(3, 3, createRng(1)).data.slice(0, 3))).toEqual(PINNED);
  });
});

/** orthogonal(3, 3, createRng(1)) from the column-by-column QR this module had before its loops ran along rows. */
const PINNED = [0.49539072298599063, -0.4072079649358434, 0.7673133029423028];
