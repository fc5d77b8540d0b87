/** Helpers for the figure tests: run a spec to the end and check a frame against the contract. */
import type * as TF from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { sanitize } from '../params.ts';
import type { FigureSpec, Frame, RunContext, Series, Summary } from '../spec.ts';

/** max |a − b| over max |b|: the gap between two arrays relative to the larger scale of the reference. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

export async function runToEnd<S extends Summary>(
  tf: typeof TF,
  spec: FigureSpec<S>,
  raw: Record<string, unknown> = {},
  ctx: Partial<RunContext> = {},
): Promise<{ frames: Frame<S>[]; last: Frame<S> }> {
  const { params } = sanitize(spec, raw);
  const frames: Frame<S>[] = [];
  for await (const f of spec.run(params, { tf, cancelled: () => false, asset: nodeAsset, ...ctx })) frames.push(f);
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
  const panels = spec.panels.map((p) => p.name);
  for (const s of f.series) {
    expect(spec.kinds[s.kind], `kind "${s.kind}" of series "${s.name}" is declared`).toBeDefined();
    expect(panels, `panel of series "${s.name}"`).toContain(s.panel ?? panels[0]);
    expect(s.group.length).toBeGreaterThan(0);
    for (const p of s.points) {
      expect(p.length).toBe(2);
      expect(Number.isFinite(p[0]) && Number.isFinite(p[1])).toBe(true);
    }
  }
  for (const [k, v] of Object.entries(f.summary)) {
    const ok = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || x === null || Number.isFinite(x);
    expect(Array.isArray(v) ? v.every(ok) : ok(v), `summary ${k} = ${String(v)}`).toBe(true);
    expect(spec.summaryLabels[k], `label of summary key ${k}`).toBeTypeOf('string');
  }
  for (const c of f.checks) {
    expect(c.label.length).toBeGreaterThan(2);
    expect(c.against.length).toBeGreaterThan(2);
  }
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
