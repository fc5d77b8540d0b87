import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defaults } from '../params.ts';
import { nodeTf } from '../tf-node.ts';
import { saxeModeDelay as spec } from './saxe-mode-delay.ts';
import { channelHelper } from '../nn/kernel-helper-channel.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

describe('saxe-mode-delay', () => {
  it('linear networks from small random weights: strong modes near eq. (11), weak ones delayed by competition (tolerance linearDelay)', async () => {
    const { last } = await runToEnd(tf, spec, { seeds: 6 });
    expect(last.status).toBe('done');
    expect(last.kernel).toBe('wasm-simd'); // Node has WebAssembly SIMD: trained on this site's kernel
    const tol = spec.tolerances.linearDelay.value;
    const all = Array.from({ length: 32 }, (_, i) => i + 1); // depth 5: 32 items, 32 modes (the paper's tree)
    expect(last.summary.modes).toEqual(all);
    expect(last.summary.seedsReached).toEqual(all.map(() => 6));
    for (const m of all) {
      const mean = last.summary.meanDelay[m - 1];
      expect(typeof mean).toBe('number');
      if (m <= 3) expect(Math.abs(mean!)).toBeLessThan(tol);
      expect(mean).toBeGreaterThan(-tol);
      expect(mean).toBeLessThan(0.5);
      expect(last.summary.stdDelay[m - 1]).toBeGreaterThan(0);
    }
    const strong = last.checks.find((c) => c.label === 'max |mean relative delay| over modes 1, 2, 3')!;
    expect(strong.value).toBeLessThan(tol);
    expect(strong.tolerance).toBe(tol);
    expect(strong.value).toBe(Math.max(...last.summary.meanDelay.slice(0, 3).map((x) => Math.abs(x!))));
    const perSeed = last.series.find((s) => s.name === 'relative delay (one point per seed)')!;
    expect(perSeed.points.length).toBe(6 * 32);
    const mean = last.series.find((s) => s.name === 'mean relative delay')!;
    expect(mean.points.map((p) => p[0])).toEqual(all);
    expect(perSeed.kind).toBe('perSeed');
    expect(spec.kinds[perSeed.kind].role).toBe('per-seed');
    expect(mean.kind).toBe('mean');
    const zero = last.series.find((s) => s.name === 'zero delay (eq. (11) from a decoupled start)')!;
    expect(spec.kinds[zero.kind].role).toBe('theory');
    expect(zero.points.every((p) => p[1] === 0)).toBe(true);
    expect(spec.describe(last)).toMatch(/^Over 6 random initialisations of linear networks, the 32 modes learned by every seed/);
  });

  it('on two cores (a helper worker trains half the seeds) gives the same frames, bit for bit', async () => {
    for (const raw of [{ seeds: 5, treeDepth: 4, features: 100 }, { seeds: 3, activation: 'tanh', features: 30 }]) {
      const c = channelHelper();
      let asked = 0;
      try {
        const two = await runToEnd(tf, spec, raw, { kernelHelper: () => (asked++, c.helper) });
        const one = await runToEnd(tf, spec, raw);
        expect(asked).toBe(1);
        expect(two.frames.length).toBeGreaterThan(2);
        // Each frame says it trained on two cores (the footer shows it); otherwise the same frames.
        expect(two.frames.map((f) => f.cores)).toEqual(two.frames.map(() => 2));
        expect(one.frames.every((f) => f.cores === undefined)).toBe(true);
        expect(two.frames.map((f) => ({ ...f, cores: undefined }))).toEqual(one.frames);
      } finally {
        c.close();
      }
    }
  });

  it('keeps the tree and the initial networks for reruns: the same frames as drawing them afresh', async () => {
    const at = { seeds: 3, treeDepth: 3, features: 30, seed: 7 };
    const first = await runToEnd(tf, spec, at);
    await runToEnd(tf, spec, { ...at, learningRate: 2e-3 }); // the same draws, another λ
    const grown = await runToEnd(tf, spec, { ...at, seeds: 5 }); // two more networks drawn onto the kept three
    expect((await runToEnd(tf, spec, at)).frames).toEqual(first.frames);
    vi.resetModules(); // a fresh module: nothing kept
    const { saxeModeDelay: fresh } = await import('./saxe-mode-delay.ts');
    expect(fresh).not.toBe(spec);
    expect((await runToEnd(tf, fresh, { ...at, seeds: 5 })).frames).toEqual(grown.frames);
  });

  it('runs tanh networks too, and reports seeds that never reach half strength instead of plotting NaN', async () => {
    const { last } = await runToEnd(tf, spec, { seeds: 3, activation: 'tanh', features: 30 });
    expect(last.status).toBe('done');
    for (const [, d] of last.series[0].points) expect(Number.isFinite(d)).toBe(true);
    // Tanh networks are not what the tolerance is stated for.
    for (const c of last.checks) expect(c.tolerance).toBeUndefined();
  });

  it('diverges cleanly at a learning rate far too large (beyond the slider: the path is still tested)', async () => {
    const params = { ...defaults(spec), seeds: 2, learningRate: 0.5 };
    const frames = [];
    for await (const f of spec.run(params, { tf, cancelled: () => false })) frames.push(f);
    const last = frames[frames.length - 1];
    expect(last.status).toBe('diverged');
    expect(last.notes.join(' ')).toMatch(/Diverged by step \d+: the learning rate 0\.5 is too large/);
    expect(last.notes.join(' ')).toMatch(/is at least 1: gradient descent overshoots/);
    for (const s of last.series) for (const [x, y] of s.points) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });

  it('warns when λ·s1 ≥ 1 even if the run ends before blowing up', async () => {
    const { last } = await runToEnd(tf, spec, { seeds: 2, learningRate: 0.02, treeDepth: 5, features: 1000 });
    expect(last.notes.join(' ')).toMatch(/λ·s1 = 1\.6\d* is at least 1/);
  });
});
