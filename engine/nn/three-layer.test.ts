import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import type { Matrix } from '../linalg.ts';
import { columns, identity, matmul, transpose } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { relErr } from '../figures/test-util.ts';
import { nodeTf } from '../tf-node.ts';
import { decoupledInit, gaussianInit, modeStrengthForStd, stdForModeStrength } from './init.ts';
import { gaussianMatrix } from './orthogonal.ts';
import { referenceStep } from './reference.ts';
import { toTensor2d } from './tensors.ts';
import type { Activation, Weights } from './three-layer.ts';
import { disposeData, readModes, toBatchWeights, toWeights, trainStep, trainingData } from './three-layer.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});


/** W³² back from the stored W³²ᵀ (for comparison with the reference). */
function w32(w: Weights): Float32Array {
  return tf.tidy(() => tf.transpose(w.W32t, w.W32t.rank === 3 ? [0, 2, 1] : [1, 0]).dataSync() as Float32Array);
}

describe('three-layer training step (Saxe eq. (1), explicit gradients)', () => {
  for (const activation of ['linear', 'tanh'] as Activation[]) {
    for (const inputs of ['general', 'one-hot'] as const) {
      it(`matches a Float64 reference of eq. (1): ${activation}, ${inputs} inputs (1e-5 relative)`, () => {
        const r = createRng(11);
        const P = 6;
        const X: Matrix = inputs === 'one-hot' ? identity(P) : gaussianMatrix(P, 5, r.fork('X'));
        const Y = gaussianMatrix(P, 7, r.fork('Y'));
        let ref = { W21: gaussianMatrix(4, X.cols, r.fork('W21'), 0.5), W32: gaussianMatrix(7, 4, r.fork('W32'), 0.5) };
        const d = trainingData(tf, X, Y);
        let w = toWeights(tf, ref);
        for (let k = 0; k < 5; k++) {
          ref = referenceStep(ref.W21, ref.W32, X, Y, 0.05, activation);
          const next = trainStep(tf, w, d, 0.05, activation);
          tf.dispose([w.W21, w.W32t]);
          w = next;
        }
        expect(relErr(w.W21.dataSync(), ref.W21.data)).toBeLessThan(1e-5);
        expect(relErr(w32(w), ref.W32.data)).toBeLessThan(1e-5);
        tf.dispose([w.W21, w.W32t]);
        disposeData(tf, d);
      });
    }
  }

  it('batched training of B networks equals B separate trainings (tolerance batchedEqualsSingle 1e-5)', () => {
    const data = hierarchicalTree({ depth: 3, features: 30, flip: 0.1 }, createRng(1).fork('data'));
    const B = 3;
    const inits = Array.from({ length: B }, (_, b) => gaussianInit(8, 8, 30, 0.1, createRng(b).fork('init')));
    for (const activation of ['linear', 'tanh'] as Activation[]) {
      const before = tf.memory().numTensors;
      const dB = trainingData(tf, data.X, data.Y, B);
      const d1 = trainingData(tf, data.X, data.Y);
      let wb = toBatchWeights(tf, inits);
      let singles = inits.map((i) => toWeights(tf, i));
      for (let k = 0; k < 40; k++) {
        const nb = trainStep(tf, wb, dB, 5e-3, activation);
        tf.dispose([wb.W21, wb.W32t]);
        wb = nb;
        singles = singles.map((w) => {
          const n = trainStep(tf, w, d1, 5e-3, activation);
          tf.dispose([w.W21, w.W32t]);
          return n;
        });
      }
      const b21 = wb.W21.dataSync();
      const b32 = w32(wb);
      const s21 = new Float32Array(b21.length);
      const s32 = new Float32Array(b32.length);
      singles.forEach((w, b) => {
        s21.set(w.W21.dataSync(), (b * b21.length) / B);
        s32.set(w32(w), (b * b32.length) / B);
      });
      expect(relErr(b21, s21)).toBeLessThan(1e-5);
      expect(relErr(b32, s32)).toBeLessThan(1e-5);
      tf.dispose([wb.W21, wb.W32t, ...singles.flatMap((w) => [w.W21, w.W32t])]);
      disposeData(tf, dB);
      disposeData(tf, d1);
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});

describe('initialisation and read-out', () => {
  const data = hierarchicalTree({ depth: 3, features: 40, flip: 0.1 }, createRng(2).fork('data'));
  const { U, V } = data.svd;

  it('decoupled init puts every mode at exactly u0 and couples none (Saxe §1.3)', () => {
    const w = decoupledInit(U, V, 6, 1e-3, createRng(1));
    const modes = matmul(matmul(transpose(U), matmul(w.W32, w.W21)), V); // Uᵀ W³² W²¹ V
    for (let a = 0; a < 8; a++) {
      for (let b = 0; b < 8; b++) {
        const want = a === b && a < 6 ? 1e-3 : 0;
        expect(Math.abs(modes.data[a * 8 + b] - want)).toBeLessThan(1e-15);
      }
    }
  });

  it('reads mode strengths u_αᵀ W³² W²¹ v_α for a linear net (float precision)', () => {
    const w = gaussianInit(8, 6, 40, 0.3, createRng(3));
    const Us = columns(U, 0, 4);
    const Vs = columns(V, 0, 4);
    const want = matmul(matmul(transpose(Us), matmul(w.W32, w.W21)), Vs);
    const d = trainingData(tf, data.X, data.Y);
    const wt = toWeights(tf, w);
    const [Ut, Vt] = [toTensor2d(tf, Us), toTensor2d(tf, Vs)];
    const { strengths, loss } = readModes(tf, wt, d, Ut, Vt, 'linear');
    for (let i = 0; i < 4; i++) expect(Math.abs(strengths[i] - want.data[i * 4 + i])).toBeLessThan(1e-5);
    let l = 0;
    const Yhat = matmul(data.X, transpose(matmul(w.W32, w.W21)));
    for (let i = 0; i < Yhat.data.length; i++) l += (data.Y.data[i] - Yhat.data[i]) ** 2 / 2;
    expect(Math.abs(loss[0] - l) / l).toBeLessThan(1e-5);
    tf.dispose([wt.W21, wt.W32t, Ut, Vt]);
    disposeData(tf, d);
  });

  it('chooses the random-init std so that modes start at u0 on average: σ = √(2u0/N2)', () => {
    expect(modeStrengthForStd(stdForModeStrength(1e-6, 32), 32)).toBeCloseTo(1e-6, 18);
    // Linearised growth: u ≈ |a0 + b0|²/4 e^{2st/τ}; check the mean of |a0 + b0|²/4 over modes and seeds.
    let sum = 0;
    let n = 0;
    for (let seed = 0; seed < 40; seed++) {
      const w = gaussianInit(8, 16, 40, stdForModeStrength(1e-4, 16), createRng(seed));
      const a = matmul(w.W21, V); // N2×k: column α is a^α
      const b = matmul(transpose(w.W32), U); // N2×k: column α is b^α
      for (let al = 0; al < 8; al++) {
        let q = 0;
        for (let h = 0; h < 16; h++) q += (a.data[h * 8 + al] + b.data[h * 8 + al]) ** 2;
        sum += q / 4;
        n++;
      }
    }
    expect(Math.abs(sum / n - 1e-4) / 1e-4).toBeLessThan(0.1); // 320 draws of χ²₁₆/16: standard error ≈ 2%
  });
});
