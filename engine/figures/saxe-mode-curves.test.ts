import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { modeStrength } from '../analytic/saxe.ts';
import { nodeTf } from '../tf-node.ts';
import { saxeModeCurves as spec } from './saxe-mode-curves.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const at = (xs: readonly (number | null)[], i: number): number => {
  const v = xs[i];
  if (v === null) throw new Error(`no value at ${i}`);
  return v;
};

describe('saxe-mode-curves', () => {
  it('decoupled linear network follows eq. (12) per mode (tolerances decoupledVsEq12, decoupledHalfTime)', async () => {
    const { last } = await runToEnd(tf, spec, {
      treeDepth: 3,
      features: 60,
      hiddenUnits: 8,
      learningRate: 2e-4,
      u0: 1e-3,
      init: 'decoupled',
      activation: 'linear',
      modes: 'all',
      steps: 7000,
    });
    expect(last.status).toBe('done');
    const sum = last.summary;
    expect(sum.modes).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const check = last.checks.find((c) => c.label.endsWith('linear network'))!;
    expect(check.value).toBeLessThan(spec.tolerances.decoupledVsEq12.value);
    expect(check.tolerance).toBe(spec.tolerances.decoupledVsEq12.value);
    for (let i = 0; i < 8; i++) {
      const s = sum.s[i];
      const sim = at(sum.halfTimeLinear, i);
      const theory = sum.halfTimeTheory[i];
      expect(Math.abs(sim - theory) / theory).toBeLessThan(spec.tolerances.decoupledHalfTime.value);
      // The overlay is eq. (12) itself.
      const overlay = last.series.find((x) => x.name === `mode ${i + 1}, eq. (12)`)!;
      for (const [t, u] of overlay.points) expect(u).toBe(modeStrength(t, s, 1e-3, 1 / 2e-4));
      if (i > 0) expect(s).toBeLessThanOrEqual(sum.s[i - 1]);
    }
  });

  it('small random init: strong modes learned near the analytic half-time (tolerance randomHalfTime)', async () => {
    const { last } = await runToEnd(tf, spec, { steps: 600, activation: 'linear' });
    expect(last.summary.modes.slice(0, 4)).toEqual([1, 2, 3, 5]);
    for (let i = 0; i < 4; i++) {
      const sim = at(last.summary.halfTimeLinear, i);
      const theory = last.summary.halfTimeTheory[i];
      expect(Math.abs(sim - theory) / theory).toBeLessThan(spec.tolerances.randomHalfTime.value);
    }
    expect(last.notes.join(' ')).toMatch(/σ = √\(2u₀\/N₂\)/);
  });

  it('draws linear, tanh and eq. (12) curves per mode, grouped by mode, learned in order of strength', async () => {
    const { frames, last } = await runToEnd(tf, spec, { treeDepth: 3, features: 50, hiddenUnits: 8, learningRate: 4e-3, steps: 400, modes: '1,2,3,4,5,6,7,8' });
    expect(frames.length).toBe(40);
    const names = last.series.map((s) => s.name);
    expect(names.slice(0, 3)).toEqual(['mode 1, linear network', 'mode 1, tanh network', 'mode 1, eq. (12)']);
    expect(last.series.slice(0, 3).map((s) => s.kind)).toEqual(['linear', 'tanh', 'theory']);
    for (const s of last.series) expect(s.group).toBe(s.name.split(', ')[0]);
    expect(last.series.filter((s) => s.kind === 'theory').length).toBe(8);
    const halfTimes = [0, 1, 2].map((i) => at(last.summary.halfTimeLinear, i));
    expect(halfTimes[0]).toBeLessThan(halfTimes[1]);
    expect(halfTimes[1]).toBeLessThan(halfTimes[2]);
    for (const s of last.series.filter((x) => x.kind !== 'theory')) expect(s.points.length).toBeGreaterThan(150);
    expect(spec.describe(last)).toMatch(/^Eight modes with strengths .* learned in order of strength/);
  });

  it('drops modes that cannot be learned, with a note', async () => {
    const { last } = await runToEnd(tf, spec, { treeDepth: 3, features: 50, hiddenUnits: 4, steps: 100, activation: 'tanh' });
    expect(last.series.map((s) => s.name)).toEqual([
      'mode 1, tanh network',
      'mode 1, eq. (12)',
      'mode 2, tanh network',
      'mode 2, eq. (12)',
      'mode 3, tanh network',
      'mode 3, eq. (12)',
    ]);
    expect(last.notes.join(' ')).toMatch(/Modes 5, 12, 18, 31 not shown: only the 4 strongest modes can be learned with 4 hidden units/);
    expect(last.notes.join(' ')).toMatch(/has not reached half its strength/);
  });

  it('stops with status diverged and a plain note when λ·s1 is above about 1', async () => {
    // With flip 0 every item is the same: one mode with s1 = √(64·1000) ≈ 253, so λ·s1 ≈ 2.5.
    const { last } = await runToEnd(tf, spec, { treeDepth: 6, features: 1000, flip: 0, learningRate: 1e-2, activation: 'linear', steps: 300 });
    expect(last.status).toBe('diverged');
    expect(last.notes.join(' ')).toMatch(/Diverged by step \d+ \(linear network\): the learning rate 0\.01 is too large/);
    expect(last.step).toBeLessThan(300);
    expect(last.notes.join(' ')).toMatch(/only one nonzero mode\./);
    expect(last.notes.join(' ')).toMatch(/λ·s1 = 2\.53 is at least 1/);
  });

  it('keeps the set-up (data, initial weights, output basis) for reruns: the same frames as computing it afresh', async () => {
    for (const init of ['decoupled', 'random']) {
      const at = { treeDepth: 3, features: 60, hiddenUnits: 8, init, activation: 'both', modes: 'all', steps: 400 };
      const first = await runToEnd(tf, spec, at);
      // Other λ and steps: the kept set-up is used and trained from; a run must not change it.
      await runToEnd(tf, spec, { ...at, learningRate: 3e-3, steps: 300 });
      expect((await runToEnd(tf, spec, at)).frames).toEqual(first.frames);
      vi.resetModules(); // a fresh module: nothing kept
      const { saxeModeCurves: fresh } = await import('./saxe-mode-curves.ts');
      expect(fresh).not.toBe(spec);
      expect((await runToEnd(tf, fresh, at)).frames).toEqual(first.frames);
    }
  });
});
