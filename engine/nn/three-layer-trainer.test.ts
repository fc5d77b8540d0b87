/**
 * Both engines of threeLayerTrainer (our WebAssembly SIMD kernel and TensorFlow.js) against the Float64 reference
 * of Saxe eq. (1) and against each other; and the SIMD trainer's own guarantees (a batch trains each network
 * exactly as alone; reading the modes does not change the run).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import type { Matrix } from '../linalg.ts';
import { columns, identity, matmul, transpose } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { relErr } from '../figures/test-util.ts';
import { nodeTf } from '../tf-node.ts';
import { gaussianInit } from './init.ts';
import { gaussianMatrix } from './orthogonal.ts';
import { outputBasis, randomReducedOutputs, reduceOutputs, unitColumns } from './output-basis.ts';
import { referenceStep } from './reference.ts';
import type { Activation } from './three-layer.ts';
import type { ThreeLayerNet, ThreeLayerSetup } from './three-layer-trainer.ts';
import { threeLayerTrainer } from './three-layer-trainer.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const ENGINES = ['wasm-simd', 'tfjs'] as const;

/** 40 steps on each engine: mode strengths and losses agree to 1e-5 relative (max gap over max value). */
function enginesAgree(setup: ThreeLayerSetup): void {
  const [a, b] = ENGINES.map((use) => threeLayerTrainer(tf, setup, use));
  for (let k = 0; k < 40; k++) {
    a.step();
    b.step();
  }
  const ra = a.read();
  const rb = b.read();
  expect(relErr(ra.strengths, rb.strengths)).toBeLessThan(1e-5);
  expect(relErr(ra.loss, rb.loss)).toBeLessThan(1e-5);
  a.dispose();
  b.dispose();
}

/** Strengths u_αᵀ W³² φ(W²¹) v_α and loss ½‖Yᵀ − W³² φ(W²¹)‖² in Float64 (one-hot inputs). */
function referenceRead(w: { W21: Matrix; W32: Matrix }, net: ThreeLayerNet, V: Matrix, activation: Activation): { strengths: number[]; loss: number } {
  const H = { ...w.W21, data: w.W21.data.map((x) => (activation === 'tanh' ? Math.tanh(x) : x)) };
  const out = matmul(w.W32, H); // r×P = Ŷᵀ
  const m = matmul(matmul(transpose(net.U), out), V);
  const strengths = Array.from({ length: net.U.cols }, (_, a) => m.data[a * m.cols + a]);
  let loss = 0;
  const Yt = transpose(net.Y);
  for (let i = 0; i < out.data.length; i++) loss += (Yt.data[i] - out.data[i]) ** 2 / 2;
  return { strengths, loss };
}

function smallProblem(seed: number): { net: ThreeLayerNet; V: Matrix } {
  const r = createRng(seed);
  const P = 6;
  const W21 = gaussianMatrix(4, P, r.fork('W21'), 0.5);
  const W32 = gaussianMatrix(7, 4, r.fork('W32'), 0.5);
  const Y = gaussianMatrix(P, 7, r.fork('Y'));
  return { net: { W21, W32, Y, U: gaussianMatrix(7, 3, r.fork('U')) }, V: gaussianMatrix(P, 3, r.fork('V')) };
}

describe('threeLayerTrainer', () => {
  for (const use of ENGINES) {
    for (const activation of ['linear', 'tanh'] as Activation[]) {
      it(`${use}, ${activation}: weights, mode strengths and loss follow the Float64 reference of eq. (1) over 5 steps (1e-5 relative)`, () => {
        const { net, V } = smallProblem(11);
        const t = threeLayerTrainer(tf, { nets: [net], V, activation, learningRate: 0.05 }, use);
        expect(t.kernel).toBe(use);
        let ref = { W21: net.W21, W32: net.W32 };
        for (let k = 0; k < 5; k++) {
          ref = referenceStep(ref.W21, ref.W32, identity(6), net.Y, 0.05, activation);
          t.step();
        }
        const want = referenceRead(ref, net, V, activation);
        const got = t.read();
        expect(relErr(got.strengths, want.strengths)).toBeLessThan(1e-5);
        expect(Math.abs(got.loss[0] - want.loss) / want.loss).toBeLessThan(1e-5);
        t.dispose();
      });
    }
  }

  it('the two engines agree on a batch of reduced networks (Saxe Fig. 3 setting, 40 steps, 1e-5 relative)', () => {
    const data = hierarchicalTree({ depth: 3, features: 100, flip: 0.1 }, createRng(1).fork('data'));
    const U = columns(data.svd.U, 0, 8);
    const nets = Array.from({ length: 3 }, (_, b) => {
      const init = gaussianInit(8, 8, 100, 0.1, createRng(b).fork('init'));
      const small = reduceOutputs(outputBasis(data.Y, init.W32)!, data.Y, init.W32, U);
      return { W21: init.W21, W32: small.W32, Y: small.Y, U: small.U };
    });
    for (const activation of ['linear', 'tanh'] as Activation[]) {
      const setup: ThreeLayerSetup = { nets, V: data.svd.V, activation, learningRate: 5e-3 };
      const before = tf.memory().numTensors;
      enginesAgree(setup);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('wasm-simd: a batch trains each network to the same bits as alone, and reading between steps changes nothing', () => {
    const nets = [11, 12, 13].map((s) => smallProblem(s).net);
    const { V } = smallProblem(11);
    const setup = (n: ThreeLayerNet[]): ThreeLayerSetup => ({ nets: n, V, activation: 'tanh', learningRate: 0.05 });
    const batch = threeLayerTrainer(tf, setup(nets), 'wasm-simd');
    const alone = nets.map((n) => threeLayerTrainer(tf, setup([n]), 'wasm-simd'));
    for (let k = 0; k < 7; k++) {
      batch.step();
      if (k % 2 === 0) batch.read();
      for (const t of alone) t.step();
    }
    const rb = batch.read();
    alone.forEach((t, b) => {
      const r = t.read();
      expect(Array.from(rb.strengths.subarray(3 * b, 3 * b + 3))).toEqual(Array.from(r.strengths));
      expect(rb.loss[b]).toBe(r.loss[0]);
    });
  });

  it('wasm-simd reads leading modes (U = [I; 0], drawn in the reduced space) off W³²ᵀ directly: agrees with tfjs (1e-5)', () => {
    const data = hierarchicalTree({ depth: 3, features: 100, flip: 0.1 }, createRng(2).fork('data'));
    const YU = matmul(data.Y, data.svd.U);
    const nets = [0, 1].map((b) => {
      const r = createRng(b);
      const out = randomReducedOutputs(YU, 100, 8, 0.1, r);
      return { W21: gaussianMatrix(8, 8, r.fork('W21'), 0.1), ...out, U: unitColumns(out.Y.cols, [0, 1, 2, 3, 4, 5]) };
    });
    const setup: ThreeLayerSetup = { nets, V: columns(data.svd.V, 0, 6), activation: 'linear', learningRate: 5e-3 };
    enginesAgree(setup);
  });
});
