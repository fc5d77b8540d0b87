import { describe, expect, it } from 'vitest';
import type { Matrix } from '../linalg.ts';
import { identity, matmul, transpose, zeros } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { chainBatch, chainStep } from './deep-chain.ts';
import { orthogonal } from './orthogonal.ts';

function diag(d: number[]): Matrix {
  const m = zeros(d.length, d.length);
  d.forEach((x, i) => (m.data[i * d.length + i] = x));
  return m;
}
const prod = (ms: Matrix[], n: number) => ms.reduce((acc, m) => matmul(m, acc), identity(n)); // ms[0] applied first

describe('deep-chain: the scalar system is exact on the decoupled manifold', () => {
  it('full-matrix gradient descent of eq. (13) (N_l = 5, width 3, three modes) keeps R_{l+1}ᵀ W^l R_l diagonal, with diagonals equal to the chains of eq. (14) to 1e-12', () => {
    const n = 3;
    const L = 4; // weight matrices, N_l = 5
    const lr = 0.02;
    const s = [2, 1, 0.5];
    const u0 = 0.05;
    const rng = createRng(7);
    const R = Array.from({ length: L + 1 }, (_, l) => orthogonal(n, n, rng.fork(`R${l}`))); // R[0] = V, R[L] = U
    const S31 = matmul(matmul(R[L], diag(s)), transpose(R[0]));
    const a0 = Math.pow(u0, 1 / L);
    let W = Array.from({ length: L }, (_, l) => matmul(matmul(R[l + 1], diag([a0, a0 * 1.1, a0 / 1.1])), transpose(R[l])));
    // the three modes start at different strengths (balanced across layers within each mode)
    const chains = chainBatch(s.map((sa) => ({ D: L, lr, s: sa, a0 })));
    for (let m = 0; m < 3; m++) for (let l = 0; l < L; l++) chains.a[m * L + l] = m === 0 ? a0 : m === 1 ? a0 * 1.1 : a0 / 1.1;
    for (let t = 0; t < 400; t++) {
      const E = zeros(n, n);
      const total = prod(W, n);
      for (let k = 0; k < n * n; k++) E.data[k] = S31.data[k] - total.data[k];
      W = W.map((Wl, l) => {
        const above = prod(W.slice(l + 1), n);
        const below = prod(W.slice(0, l), n);
        const g = matmul(matmul(transpose(above), E), transpose(below));
        const next = zeros(n, n);
        for (let k = 0; k < n * n; k++) next.data[k] = Wl.data[k] + lr * g.data[k];
        return next;
      });
      for (let m = 0; m < 3; m++) chainStep(chains, m);
    }
    for (let l = 0; l < L; l++) {
      const Dl = matmul(matmul(transpose(R[l + 1]), W[l]), R[l]);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const v = Dl.data[i * n + j];
          if (i === j) expect(Math.abs(v - chains.a[i * L + l])).toBeLessThan(1e-12);
          else expect(Math.abs(v)).toBeLessThan(1e-12);
        }
    }
    // and the run has learned the strong modes (the test is not about a frozen network)
    expect(chains.a.slice(0, L).reduce((x, y) => x * y, 1)).toBeGreaterThan(1.9);
  });
});
