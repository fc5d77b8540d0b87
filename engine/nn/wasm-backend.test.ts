import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { identity } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { gaussianMatrix } from './orthogonal.ts';
import { referenceStep } from './reference.ts';
import type { Activation } from './three-layer.ts';
import { disposeData, toBatchWeights, toWeights, trainStep, trainingData } from './three-layer.ts';

// The browser runs the wasm backend, where transposed products are materialised first (see `mm`).
beforeAll(async () => {
  await nodeTf('wasm');
});

describe('training step on the wasm backend', () => {
  for (const activation of ['linear', 'tanh'] as Activation[]) {
    it(`matches the Float64 reference of eq. (1), single and batched (${activation}, 1e-5 relative)`, () => {
      expect(tf.getBackend()).toBe('wasm');
      const r = createRng(5);
      const X = identity(6);
      const Y = gaussianMatrix(6, 9, r.fork('Y'));
      const inits = [0, 1].map((b) => ({ W21: gaussianMatrix(4, 6, r.fork(`a${b}`), 0.5), W32: gaussianMatrix(9, 4, r.fork(`b${b}`), 0.5) }));
      const refs = inits.map((i) => referenceStep(i.W21, i.W32, X, Y, 0.05, activation));
      const d = trainingData(tf, X, Y);
      const w = toWeights(tf, inits[0]);
      const n = trainStep(tf, w, d, 0.05, activation);
      const dB = trainingData(tf, X, Y, 2);
      const wb = toBatchWeights(tf, inits);
      const nb = trainStep(tf, wb, dB, 0.05, activation);
      const got = n.W21.dataSync();
      const gotB = nb.W21.dataSync();
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - refs[0].W21.data[i])).toBeLessThan(1e-5);
      for (let b = 0; b < 2; b++) for (let i = 0; i < 24; i++) expect(Math.abs(gotB[b * 24 + i] - refs[b].W21.data[i])).toBeLessThan(1e-5);
      const w32t = n.W32t.dataSync(); // N2×N3 = (W³²)ᵀ
      for (let h = 0; h < 4; h++) for (let o = 0; o < 9; o++) expect(Math.abs(w32t[h * 9 + o] - refs[0].W32.data[o * 4 + h])).toBeLessThan(1e-5);
      tf.dispose([w.W21, w.W32t, n.W21, n.W32t, wb.W21, wb.W32t, nb.W21, nb.W32t]);
      disposeData(tf, d);
      disposeData(tf, dB);
    });
  }
});
