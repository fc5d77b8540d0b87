import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import type { Matrix } from '../linalg.ts';
import { columns, identity, matmul, qr, svd, transpose, zeros } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { gaussianInit } from './init.ts';
import { gaussianMatrix } from './orthogonal.ts';
import { outputBasis, randomReducedOutputs, reduceOutputs, unitColumns } from './output-basis.ts';
import { referenceStep } from './reference.ts';
import { toTensor2d } from './tensors.ts';
import type { Activation } from './three-layer.ts';
import { disposeData, readModes, toWeights, trainStep, trainingData } from './three-layer.ts';

beforeAll(async () => {
  await nodeTf('wasm');
});

function maxGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let g = 0;
  for (let i = 0; i < a.length; i++) g = Math.max(g, Math.abs(a[i] - b[i]));
  return g;
}

/** Depth-3 tree (8 items), 8 hidden units, 200 features: r = 16 of 200 output directions. */
function problem(activation: Activation) {
  const rng = createRng(3);
  const data = hierarchicalTree({ depth: 3, features: 200, flip: 0.1 }, rng.fork('data'));
  const init = gaussianInit(8, 8, 200, 0.3, rng.fork(`init/${activation}`));
  return { data, init };
}

describe('output basis (exact reduction of a wide output layer)', () => {
  it('Q has orthonormal columns (1e-12) and reproduces Y and W³²(0) exactly (1e-12)', () => {
    const { data, init } = problem('linear');
    const Q = outputBasis(data.Y, init.W32)!;
    expect([Q.rows, Q.cols]).toEqual([200, 16]);
    const QtQ = matmul(transpose(Q), Q);
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) expect(Math.abs(QtQ.data[i * 16 + j] - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    const r = reduceOutputs(Q, data.Y, init.W32, data.svd.U);
    expect(maxGap(matmul(r.Y, transpose(Q)).data, data.Y.data)).toBeLessThan(1e-12);
    expect(maxGap(matmul(Q, r.W32).data, init.W32.data)).toBeLessThan(1e-12);
    expect(outputBasis(data.Y, gaussianInit(8, 100, 200, 0.3, createRng(1)).W32)).toBeNull();
  });

  for (const activation of ['linear', 'tanh'] as Activation[]) {
    it(`Float64: 300 steps of eq. (1) in the basis equal the full network (W²¹ and QW̃³² to 1e-10; ${activation})`, () => {
      const { data, init } = problem(activation);
      const Q = outputBasis(data.Y, init.W32)!;
      const r = reduceOutputs(Q, data.Y, init.W32, data.svd.U);
      let full = { W21: init.W21, W32: init.W32 };
      let small = { W21: init.W21, W32: r.W32 };
      for (let t = 0; t < 300; t++) {
        full = referenceStep(full.W21, full.W32, data.X, data.Y, 0.01, activation);
        small = referenceStep(small.W21, small.W32, data.X, r.Y, 0.01, activation);
      }
      // The weights moved far from their start, so agreement is not trivial.
      expect(maxGap(full.W21.data, init.W21.data)).toBeGreaterThan(0.1);
      expect(maxGap(small.W21.data, full.W21.data)).toBeLessThan(1e-10);
      expect(maxGap(matmul(Q, small.W32).data, full.W32.data)).toBeLessThan(1e-10);
    });
  }

  it('tfjs wasm, reduced: mode strengths and loss after 300 steps match the full Float64 network (2e-4 of s₁; loss 1e-4 relative)', () => {
    const { data, init } = problem('tanh');
    const K = 8;
    const U = columns(data.svd.U, 0, K);
    const V = columns(data.svd.V, 0, K);
    let full = { W21: init.W21, W32: init.W32 };
    for (let t = 0; t < 300; t++) full = referenceStep(full.W21, full.W32, data.X, data.Y, 0.01, 'tanh');
    // Float64 mode strengths u_αᵀ Ŷᵀ X v_α (X = I) and loss of the full network.
    const H = matmul(data.X, transpose(full.W21));
    for (let i = 0; i < H.data.length; i++) H.data[i] = Math.tanh(H.data[i]);
    const Yhat = matmul(H, transpose(full.W32));
    const want = matmul(matmul(transpose(U), transpose(Yhat)), matmul(data.X, V));
    let loss = 0;
    for (let i = 0; i < Yhat.data.length; i++) loss += 0.5 * (data.Y.data[i] - Yhat.data[i]) ** 2;

    const Q = outputBasis(data.Y, init.W32)!;
    const r = reduceOutputs(Q, data.Y, init.W32, U);
    const d = trainingData(tf, data.X, r.Y);
    let w = toWeights(tf, { W21: init.W21, W32: r.W32 });
    const lr = tf.scalar(0.01);
    for (let t = 0; t < 300; t++) {
      const next = trainStep(tf, w, d, lr, 'tanh');
      tf.dispose([w.W21, w.W32t]);
      w = next;
    }
    const Ut = toTensor2d(tf, r.U);
    const Vt = toTensor2d(tf, V);
    const got = readModes(tf, w, d, Ut, Vt, 'tanh');
    for (let k = 0; k < K; k++) expect(Math.abs(got.strengths[k] - want.data[k * K + k])).toBeLessThan(2e-4 * data.svd.s[0]);
    expect(Math.abs(got.loss[0] - loss) / loss).toBeLessThan(1e-4);
    tf.dispose([Ut, Vt, lr, w.W21, w.W32t]);
    disposeData(tf, d);
  });

  for (const activation of ['linear', 'tanh'] as Activation[]) {
    it(`Float64: the part of W³²(0) outside the targets' span enters only through its Gram matrix (300 steps, 1e-10; ${activation})`, () => {
      // [Uᵀ W³²; Rr], with R = (I − UUᵀ)W³² = Q₂Rr (QR), is the reduction in the basis [U, Q₂]; Rr is one C with
      // CᵀC = RᵀR. The run from it equals the full network's: W²¹ and every mode strength and the loss.
      const { data, init } = problem(activation);
      const U = data.svd.U; // 200×8: spans the targets (X = I, Σ³¹ = Yᵀ)
      const A = matmul(transpose(U), init.W32);
      const R = matmul(U, A);
      for (let i = 0; i < R.data.length; i++) R.data[i] = init.W32.data[i] - R.data[i];
      const Rr = qr(R).R;
      const W32 = zeros(16, 8);
      W32.data.set(A.data);
      W32.data.set(Rr.data.slice(0, 64), 64);
      const YU = matmul(data.Y, U);
      const Y = zeros(8, 16);
      for (let mu = 0; mu < 8; mu++) for (let j = 0; j < 8; j++) Y.data[mu * 16 + j] = YU.data[mu * 8 + j];
      let full = { W21: init.W21, W32: init.W32 };
      let small = { W21: init.W21, W32 };
      for (let t = 0; t < 300; t++) {
        full = referenceStep(full.W21, full.W32, data.X, data.Y, 0.01, activation);
        small = referenceStep(small.W21, small.W32, data.X, Y, 0.01, activation);
      }
      expect(maxGap(full.W21.data, init.W21.data)).toBeGreaterThan(0.1);
      expect(maxGap(small.W21.data, full.W21.data)).toBeLessThan(1e-10);
      // Outputs along the targets (the mode strengths read these) agree too: Uᵀ W³² against the first 8 rows.
      expect(maxGap(matmul(transpose(U), full.W32).data, small.W32.data.slice(0, 64))).toBeLessThan(1e-10);
    });
  }

  it('randomReducedOutputs: targets [YU, 0], r = p + min(N2, N3 − p), the modes at unit vectors; deterministic per seed', () => {
    const { data } = problem('linear');
    const YU = matmul(data.Y, data.svd.U); // 8×8
    const a = randomReducedOutputs(YU, 200, 8, 0.3, createRng(5));
    expect([a.W32.rows, a.W32.cols, a.Y.rows, a.Y.cols]).toEqual([16, 8, 8, 16]);
    for (let mu = 0; mu < 8; mu++) {
      for (let j = 0; j < 16; j++) expect(a.Y.data[mu * 16 + j]).toBe(j < 8 ? YU.data[mu * 8 + j] : 0);
    }
    // Bartlett block: upper triangular with positive diagonal.
    for (let i = 0; i < 8; i++) {
      expect(a.W32.data[(8 + i) * 8 + i]).toBeGreaterThan(0);
      for (let j = 0; j < i; j++) expect(a.W32.data[(8 + i) * 8 + j]).toBe(0);
    }
    expect(randomReducedOutputs(YU, 200, 8, 0.3, createRng(5))).toEqual(a);
    // Fewer spare output directions than hidden units: those coordinates themselves.
    const b = randomReducedOutputs(YU, 12, 8, 0.3, createRng(5));
    expect([b.W32.rows, b.Y.cols]).toEqual([12, 12]);
    expect(unitColumns(16, [0, 2]).data).toEqual(Float64Array.from([1, 0, 0, 0, 0, 1, ...Array(26).fill(0)]));
  });

  it('randomReducedOutputs gives runs the law of the full draw: 3000 tanh runs each way, 40 steps (means within 4 standard errors)', () => {
    // P = 4 items, N3 = 12 outputs, N2 = 3 hidden units: the rest of W³² has 8 > 3 directions (the Bartlett branch).
    const [P, N3, N2, sigma, lr, steps, runs] = [4, 12, 3, 0.5, 0.05, 40, 3000];
    const Y = gaussianMatrix(P, N3, createRng(1).fork('Y'));
    const Uy = svd(transpose(Y)).U; // N3×P, spans the targets
    const YU = matmul(Y, Uy);
    const X = identity(P);
    const stats = (draw: (rng: ReturnType<typeof createRng>) => { W32: Matrix; Y: Matrix }) => {
      const loss: number[] = [];
      const w: number[] = [];
      for (let k = 0; k < runs; k++) {
        const rng = createRng(1000 + k);
        const { W32, Y: T } = draw(rng.fork('out'));
        let net = { W21: gaussianMatrix(N2, P, rng.fork('W21'), sigma), W32 };
        for (let t = 0; t < steps; t++) net = referenceStep(net.W21, net.W32, X, T, lr, 'tanh');
        const H = matmul(X, transpose(net.W21)).data.map(Math.tanh);
        const Yhat = matmul({ rows: P, cols: N2, data: H }, transpose(net.W32));
        loss.push(T.data.reduce((a, y, i) => a + (y - Yhat.data[i]) ** 2 / 2, 0));
        w.push(net.W21.data[0] ** 2);
      }
      const ms = (xs: number[]) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        return { m, se: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length) };
      };
      return { loss: ms(loss), w: ms(w) };
    };
    const full = stats((rng) => ({ W32: gaussianMatrix(N3, N2, rng, sigma), Y }));
    const reduced = stats((rng) => randomReducedOutputs(YU, N3, N2, sigma, rng));
    for (const key of ['loss', 'w'] as const) {
      const gap = Math.abs(full[key].m - reduced[key].m);
      expect(gap, `${key}: ${full[key].m} vs ${reduced[key].m}`).toBeLessThan(4 * Math.hypot(full[key].se, reduced[key].se));
    }
    // Not vacuous: a reduced draw whose rest of W³² has the wrong law (drawn for N3 − p = 4 directions instead of 8) is told apart.
    const wrong = stats((rng) => randomReducedOutputs(YU, N3 - 4, N2, sigma, rng));
    expect(Math.abs(full.loss.m - wrong.loss.m)).toBeGreaterThan(4 * Math.hypot(full.loss.se, wrong.loss.se));
  });
});
