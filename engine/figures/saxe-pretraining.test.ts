import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { diagonalness, saxePretraining as spec, syntheticPretrainTask } from './saxe-pretraining.ts';
import { checkFrame, runToEnd } from './test-util.ts';

const T = spec.tolerances;
const num = (x: number | null): number => {
  if (x === null) throw new Error('not reached');
  return x;
};

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
    const score = s.diagonalnessRotated;
    expect(score).toBeLessThan(T.digitsNearDiagonal.value);
    expect(score).toBeLessThan(s.diagonalnessSigma11);
    expect(last.checks[0].value).toBe(score);
    expect(last.checks[0].tolerance).toBe(T.digitsNearDiagonal.value);
    const rand = num(s.stepsToOnePercent[0]);
    const pre = num(s.stepsToOnePercent[1]);
    expect(pre / rand).toBeLessThan(T.pretrainingHelps.value);
    expect(s.pretrainSteps).toBe(120);
    // The pre-trained curve starts after pre-training; heatmaps are 16 + 9 rows.
    const curve = last.series.find((x) => x.name.startsWith('pre-trained start'))!;
    expect(curve.points[0][0]).toBe(120);
    expect(last.series.filter((x) => x.panel === 'sigma11').length).toBe(16);
    expect(last.series.filter((x) => x.panel === 'rotated').length).toBe(9);
    expect(frames.length).toBeGreaterThan(10);
    expect(spec.describe(last)).toMatch(/diagonal-ness 0\.\d+/);
    expect(spec.describe(last)).toMatch(/The random start reaches 1% error at step \d+; the pre-trained start reaches 1% error at step \d+, counting its 120 pre-training steps\./);
  });

  it('a run that never learns says so in words, with null times and no NaN', async () => {
    const { last } = await runToEnd(tf, spec, { dataset: 'synthetic', initStd: 0.005, pretrainSteps: 10, steps: 100 });
    expect(last.status).toBe('done');
    expect(last.summary.stepsToOnePercent).toEqual([null, null]);
    const text = spec.describe(last);
    expect(text).toMatch(/The random start does not reach 1% error within 100 steps; the pre-trained start does not reach 1% error within 130 steps/);
    expect(text).not.toMatch(/NaN|not within/);
  });

  it('a diverged run stops with a plain note, finite curves and no NaN in the summary or the caption', async () => {
    // Std 0.3 is too large for the autoencoders' step size: the third one diverges, and with it the pre-trained start.
    const { last } = await runToEnd(tf, spec, { initStd: 0.3 });
    expect(last.status).toBe('diverged');
    checkFrame(spec, last);
    expect(last.summary.autoencoderError[2]).toBeNull();
    expect(last.summary.stepsToOnePercent).toEqual([null, null]);
    expect(last.notes.join(' ')).toMatch(/Pre-training diverged \(the autoencoder of layer 3\)/);
    expect(spec.describe(last)).toMatch(/has not reached 1% error by step \d+.*The run diverged by step \d+\.$/);
  });
});
