/**
 * The WebAssembly SIMD GEMM kernel against NumPy's float64 products (scripts/data/make-gemm-fixtures.py), in both
 * layouts of A, with padded leading dimensions; and its determinism (the same bits whatever the tiling).
 * Tolerance: a float32 dot product of length k errs by at most about k·ε₃₂·Σ|a||b|; we state 2·k·ε₃₂·(|C0| + |α|Σ|a||b|)
 * per entry, ε₃₂ = 2⁻²⁴.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GemmWorkspace } from './gemm.ts';
import { gemmWorkspace } from './gemm.ts';

interface Case {
  m: number;
  n: number;
  k: number;
  alpha: number;
  A: string;
  B: string;
  C0: string;
  C: string;
}

const fixtures = JSON.parse(readFileSync(new URL('./gemm-fixtures.json', import.meta.url), 'utf8')) as { cases: Case[] };
const f32 = (b64: string) => new Float32Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer);
const f64 = (b64: string) => new Float64Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer);
const EPS32 = 2 ** -24;

function workspace(): GemmWorkspace {
  const ws = gemmWorkspace();
  if (!ws) throw new Error('Node has WebAssembly SIMD: the kernel must load');
  return ws;
}

/** Runs the kernel on A (or Aᵀ stored k×m), B and C0 stored with leading dimensions padded by `pad`. */
function product(c: Case, transposedA: boolean, pad: number): Float32Array {
  const { m, n, k, alpha } = c;
  const A = f32(c.A);
  const B = f32(c.B);
  const C0 = f32(c.C0);
  const ldb = n + pad;
  const ldc = n + pad;
  const ws = workspace();
  const a = ws.alloc(m * k);
  const b = ws.alloc(k * ldb);
  const out = ws.alloc(m * ldc);
  const av = ws.view(a, m * k);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) av[transposedA ? p * m + i : i * k + p] = A[i * k + p];
  const bv = ws.view(b, k * ldb);
  bv.fill(NaN); // padding is never read
  for (let p = 0; p < k; p++) bv.set(B.subarray(p * n, (p + 1) * n), p * ldb);
  const cv = ws.view(out, m * ldc);
  cv.fill(-7); // padding is never written
  for (let i = 0; i < m; i++) cv.set(C0.subarray(i * n, (i + 1) * n), i * ldc);
  ws.gemm(a, transposedA ? 1 : k, transposedA ? m : 1, b, ldb, out, ldc, m, n, k, alpha, 1);
  const res = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    res.set(cv.subarray(i * ldc, i * ldc + n), i * n);
    for (let j = n; j < ldc; j++) expect(cv[i * ldc + j]).toBe(-7);
  }
  return res;
}

describe('WebAssembly SIMD GEMM kernel', () => {
  for (const c of fixtures.cases) {
    for (const transposedA of [false, true]) {
      for (const pad of [0, 3]) {
        it(`C += αAB, ${c.m}×${c.k} by ${c.k}×${c.n}${transposedA ? ', A stored transposed' : ''}${pad ? ', padded rows' : ''}: within 2kε₃₂ of NumPy's float64`, () => {
          const got = product(c, transposedA, pad);
          const want = f64(c.C);
          const A = f32(c.A);
          const B = f32(c.B);
          const C0 = f32(c.C0);
          for (let i = 0; i < c.m; i++) {
            for (let j = 0; j < c.n; j++) {
              let mag = 0;
              for (let p = 0; p < c.k; p++) mag += Math.abs(A[i * c.k + p] * B[p * c.n + j]);
              const bound = 2 * (c.k + 1) * EPS32 * (Math.abs(C0[i * c.n + j]) + Math.abs(c.alpha) * mag);
              expect(Math.abs(got[i * c.n + j] - want[i * c.n + j])).toBeLessThanOrEqual(bound);
            }
          }
        });
      }
    }
  }

  it('gives the same bits whatever the tiling: each row alone, each column alone, and both layouts of A', () => {
    const c = fixtures.cases.find((x) => x.m === 37)!;
    const whole = product(c, false, 0);
    expect(product(c, true, 0)).toEqual(whole);
    const A = f32(c.A);
    const B = f32(c.B);
    const C0 = f32(c.C0);
    const ws = workspace();
    const a = ws.alloc(c.k);
    const b = ws.alloc(c.k * c.n);
    const out = ws.alloc(c.n);
    ws.view(b, c.k * c.n).set(B);
    for (let i = 0; i < c.m; i++) {
      ws.view(a, c.k).set(A.subarray(i * c.k, (i + 1) * c.k));
      ws.view(out, c.n).set(C0.subarray(i * c.n, (i + 1) * c.n));
      ws.gemm(a, c.k, 1, b, c.n, out, c.n, 1, c.n, c.k, c.alpha, 1);
      expect(Array.from(ws.view(out, c.n))).toEqual(Array.from(whole.subarray(i * c.n, (i + 1) * c.n)));
    }
    // One column at a time (ldb = n, n = 1): the scalar tile.
    const col = ws.alloc(c.m);
    for (let j = 0; j < c.n; j += 11) {
      const aa = ws.alloc(c.m * c.k);
      ws.view(aa, c.m * c.k).set(A);
      const cv = ws.view(col, c.m);
      for (let i = 0; i < c.m; i++) cv[i] = C0[i * c.n + j];
      ws.gemm(aa, c.k, 1, b + 4 * j, c.n, col, 1, c.m, 1, c.k, c.alpha, 1);
      const got = ws.view(col, c.m);
      for (let i = 0; i < c.m; i++) expect(got[i]).toBe(whole[i * c.n + j]);
    }
  });

  it('overwrites C when acc = 0 (old values, even NaN, are not read into the result)', () => {
    const c = fixtures.cases.find((x) => x.m === 37)!;
    const withC0 = product(c, false, 0);
    const ws = workspace();
    const a = ws.alloc(c.m * c.k);
    const b = ws.alloc(c.k * c.n);
    const out = ws.alloc(c.m * c.n);
    ws.view(a, c.m * c.k).set(f32(c.A));
    ws.view(b, c.k * c.n).set(f32(c.B));
    ws.view(out, c.m * c.n).fill(NaN);
    ws.gemm(a, c.k, 1, b, c.n, out, c.n, c.m, c.n, c.k, c.alpha, 0);
    const got = ws.view(out, c.m * c.n);
    const C0 = f32(c.C0);
    // Same sum, without C0: (C0 + αs) − C0 is αs up to one rounding of C0 + αs.
    for (let q = 0; q < got.length; q++) expect(Math.abs(C0[q] + got[q] - withC0[q])).toBeLessThanOrEqual(EPS32 * Math.abs(withC0[q]) * 2);
  });

  it('with m, n or k zero: leaves C alone (acc = 1), or zeroes its m×n block when k = 0 and acc = 0', () => {
    const ws = workspace();
    const c = ws.alloc(6);
    const v = () => Array.from(ws.view(c, 6));
    ws.view(c, 6).set([1, 2, 3, 4, 5, 6]);
    ws.gemm(0, 1, 1, 0, 2, c, 3, 2, 2, 0, 1, 1);
    ws.gemm(0, 1, 1, 0, 2, c, 3, 0, 2, 3, 1, 0);
    ws.gemm(0, 1, 1, 0, 0, c, 3, 2, 0, 3, 1, 0);
    expect(v()).toEqual([1, 2, 3, 4, 5, 6]);
    ws.gemm(0, 1, 1, 0, 2, c, 3, 2, 2, 0, 1, 0);
    expect(v()).toEqual([0, 0, 3, 0, 0, 6]);
  });

  it('grows its memory as the allocator asks (views re-taken after growth)', () => {
    const ws = workspace();
    const small = ws.alloc(10);
    ws.view(small, 10).fill(3);
    const big = ws.alloc(200_000); // > 1 page
    expect(ws.view(small, 10).every((x) => x === 3)).toBe(true);
    expect(ws.view(big, 200_000).every((x) => x === 0)).toBe(true);
    expect(big % 16).toBe(0);
  });

  it('tanh: within 4e-7 absolute and 7·2⁻²⁴ relative of Math.tanh (measured: 3.8e-7 and 6.4·2⁻²⁴ near x = −5.9), odd, and the same in SIMD lanes and the scalar tail', () => {
    const ws = workspace();
    const n = 200_003; // not a multiple of 4: the last three go through the scalar tail
    const src = ws.alloc(n);
    const dst = ws.alloc(n);
    const x = ws.view(src, n);
    for (let q = 0; q < n; q++) x[q] = Math.fround(-12 + (24 * q) / (n - 1)) * (q % 7 === 0 ? 1e-3 : 1);
    ws.tanh(dst, src, n);
    const y = ws.view(dst, n);
    for (let q = 0; q < n; q++) {
      const want = Math.tanh(x[q]);
      expect(Math.abs(y[q] - want)).toBeLessThanOrEqual(4e-7);
      expect(Math.abs(y[q] - want)).toBeLessThanOrEqual(7 * 2 ** -24 * Math.max(Math.abs(want), 2 ** -126));
    }
    // Each value alone (scalar tail) gives the bits it got in a lane.
    const one = ws.alloc(1);
    for (let q = 0; q < n; q += 997) {
      ws.tanh(one, src + 4 * q, 1);
      expect(ws.view(one, 1)[0]).toBe(y[q]);
    }
    // Odd, to the bit, at every point of the grid.
    const neg = ws.alloc(n);
    const out = ws.alloc(n);
    const xn = ws.view(neg, n);
    const xs = ws.view(src, n);
    for (let q = 0; q < n; q++) xn[q] = -xs[q];
    ws.tanh(out, neg, n);
    const yn = ws.view(out, n);
    const yp = ws.view(dst, n);
    for (let q = 0; q < n; q++) if (yn[q] !== -yp[q]) expect.fail(`tanh(−x) ≠ −tanh(x) at x = ${xs[q]}`);
  });
});
