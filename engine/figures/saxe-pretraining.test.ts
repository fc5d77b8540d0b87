import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { diagonalness, saxePretraining as spec, syntheticPretrainTask } from './saxe-pretraining.ts';
import { runToEnd } from './test-util.ts';

const T = spec.tolerances;
const num = (x: unknown) => x as number;

describe('saxe-pretraining', () => {
  it('synthetic data: V¹¹ᵀΣ¹¹V¹¹ is diagonal at θ = 0 and not at 45° (tolerance aligned)', () => {
    const a = syntheticPretrainTask(0, createRng(1).fork('data'));
    const b = syntheticPretrainTask(45, createRng(1).fork('data'));
    expect(diagonalness(a.rotated.data, a.rotated.n)).toBeLessThan(T.aligned.value);
    expect(diagonalness(b.rotated.data, b.rotated.n)).toBeGreaterThan(0.3);
    expect(a.rank).toBe(8);
    // W* solves the normal equations: W* Σ¹¹ = Σ³¹.
    const { k, out, wstar, sigma11, sigma31 } = b;
    for (let o = 0; o < out; o++)
      for (let j = 0; j < k; j++) {
        let acc = 0;
        for (let i = 0; i < k; i++) acc += wstar[o * k + i] * sigma11[i * k + j];
        expect(Math.abs(acc - sigma31[o * k + j])).toBeLessThan(1e-9 * Math.abs(sigma31[0]) + 1e-9);
      }
    expect(diagonalness(Float64Array.from([2, 1, 1, 2]), 2)).toBeCloseTo(0.5, 12);
  });

  it('digits: near-diagonal in the task basis, and pre-training helps at the defaults (digitsNearDiagonal, pretrainingHelps)', async () => {
    const { frames, last } = await runToEnd(tf, spec, {});
    expect(last.status).toBe('done');
    const s = last.summary;
    const score = num(s['diagonal-ness of V¹¹ᵀΣ¹¹V¹¹']);
    expect(score).toBeLessThan(T.digitsNearDiagonal.value);
    expect(score).toBeLessThan(num(s['diagonal-ness of Σ¹¹ (pixels of the central 4×4 patch)']));
    const rand = num(s['random start: steps to 1% error']);
    const pre = num(s['pre-trained start: steps to 1% error, pre-training included']);
    expect(pre / rand).toBeLessThan(T.pretrainingHelps.value);
    expect(s['pre-training steps (all layers)']).toBe(120);
    // The pre-trained curve starts after pre-training; heatmaps are 16 + 9 rows.
    const curve = last.series.find((x) => x.name.startsWith('pre-trained start'))!;
    expect(curve.points[0][0]).toBe(120);
    expect(last.series.filter((x) => x.panel === 'sigma11').length).toBe(16);
    expect(last.series.filter((x) => x.panel === 'rotated').length).toBe(9);
    expect(frames.length).toBeGreaterThan(10);
    expect(spec.describe(last)).toMatch(/diagonal-ness 0\.\d+/);
  });
});
