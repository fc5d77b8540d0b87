/** Helpers for the figure tests: run a spec to the end and check a frame against the contract. */
import type * as TF from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { sanitize } from '../params.ts';
import type { FigureSpec, Frame, Series } from '../spec.ts';

/** Small settings that keep each figure's test run well under a second on the cpu backend. */
export const SMALL: Record<string, Record<string, unknown>> = {
  'tachet-starvation-digits': { hiddenUnits: 8, steps: 50 },
  'tachet-phase-diagram': { steps: 120 },
  'tachet-modes': { clusters: 4, steps: 120 },
  'tachet-failure-rate': { seeds: 200, maxWidth: 2, steps: 60 },
  'tachet-starvation': { model: 'relu', steps: 200 },
  'tachet-speed': { clusters: 3, maxCount: 2, normSpread: 1.5, learningRate: 0.02 },
  'tachet-losses': { steps: 200 },
  'saxe-random-spectra': { size: 50, depth: 4, ensemble: 4 },
  'saxe-edge-of-chaos': { size: 50, layers: 20 },
  'saxe-init-depth': { depths: '3,5,9,17', width: 10, components: 10, maxSteps: 200 },
  'saxe-pretraining': { dataset: 'synthetic', pretrainSteps: 20, steps: 200 },
  'saxe-depth': { maxDepth: 12, depthCount: 5, learningRate: 0.05, sweepRates: 6, sweepMin: 0.01 },
  'saxe-depth-balance': { depth: 8, steps: 300, learningRate: 0.05 },
  'saxe-phase-portrait': { steps: 120 },
  'saxe-mode-curves': { treeDepth: 3, features: 50, hiddenUnits: 8, steps: 300, modes: '1,2,3,4,5,6,7,8' },
  'saxe-mode-delay': { seeds: 3, treeDepth: 3, features: 30 },
};

export async function runToEnd(
  tf: typeof TF,
  spec: FigureSpec,
  raw: Record<string, unknown> = {},
): Promise<{ frames: Frame[]; last: Frame }> {
  const { params } = sanitize(spec, raw);
  const frames: Frame[] = [];
  for await (const f of spec.run(params, { tf, cancelled: () => false, asset: nodeAsset })) frames.push(f);
  expect(frames.length).toBeGreaterThan(0);
  return { frames, last: frames[frames.length - 1] };
}

/** Structure, finite numbers, unique names, valid roles, progress in [0, 1]. */
export function checkFrame(spec: FigureSpec, f: Frame): void {
  expect(f.id).toBe(spec.id);
  expect(f.progress).toBeGreaterThanOrEqual(0);
  expect(f.progress).toBeLessThanOrEqual(1);
  expect(['running', 'done', 'diverged']).toContain(f.status);
  const names = f.series.map((s) => s.name);
  expect(new Set(names).size).toBe(names.length);
  for (const s of f.series) {
    expect(['simulation', 'analytic', 'reference']).toContain(s.role);
    expect(s.group.length).toBeGreaterThan(0);
    for (const p of s.points) {
      expect(p.length).toBe(2);
      expect(Number.isFinite(p[0]) && Number.isFinite(p[1])).toBe(true);
    }
  }
  for (const v of Object.values(f.summary)) expect(typeof v === 'string' || Number.isFinite(v)).toBe(true);
  const text = spec.describe(f);
  expect(text.length).toBeGreaterThan(20);
  expect(text).not.toMatch(/NaN|undefined/);
}

/** The series of a frame by name, failing with the names that exist. */
export function series(f: Frame, name: string): Series {
  const s = f.series.find((x) => x.name === name);
  if (!s) throw new Error(`no series "${name}" in ${f.series.map((x) => x.name).join(' | ')}`);
  return s;
}
