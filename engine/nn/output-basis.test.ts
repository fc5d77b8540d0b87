import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import { columns, matmul, transpose } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { gaussianInit } from './init.ts';
import { outputBasis, reduceOutputs } from './output-basis.ts';
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
});
