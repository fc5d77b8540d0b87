/**
 * Corners: every figure at the minimum and at the maximum of every number range (one at a time), at every
 * choice value and both booleans, and with all its numbers at their maximum, from the engine in Node (wasm
 * backend, as the build and the readers' browsers run it). Each run must end 'done', or 'diverged' with a
 * note that says why, within its time budget, with no NaN in any series point, summary value or check; and
 * a run whose first frame takes more than FIRST_FRAME_SILENT_MS must have reported progress during it
 * (the page's progress bar, time left and Cancel live on those reports).
 *
 * Two forms:
 * - default (in `npm test`): each corner on top of the spec's small `test` settings (the other sizes
 *   small), and "all at max" with every number the `test` settings leave free at its maximum (the test
 *   sizes kept). 317 runs, 61 s of CPU in all in a fresh-clone CI run (75 s CPU, 256 s wall, on the
 *   shared 2-core machine at load 10–15); the slowest, saxe-mode-delay at treeDepth=5, about 6 s CPU.
 * - CORNERS=full (opt-in, long): each corner on top of the defaults, as a reader would set it, and every
 *   number at its maximum from the defaults: the heaviest state a reader can ask for.
 * CORNERS=off skips the file (for quick local iterations of the unit tests).
 *
 * Budgets are CPU time of this process (user + system), not wall time, so a loaded machine does not fail
 * them: CORNERS_BUDGET_MS (default 15000) per corner; the all-at-max case of CORNERS=full gets
 * ALL_MAX_BUDGET_MS (default 120000: a reader sees progress, time left and Cancel through it). A run past
 * its budget is stopped and fails with its time, not a test timeout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { figures } from '../registry.ts';
import { defaults } from '../params.ts';
import { nodeTf } from '../tf-node.ts';
import { nodeAsset } from '../assets-node.ts';
import { settled } from '../run.ts';
import type { FigureSpec, Frame, Params } from '../spec.ts';
import type * as TF from '@tensorflow/tfjs-core';

const MODE = process.env.CORNERS === 'full' ? 'full' : process.env.CORNERS === 'off' ? 'off' : 'ci';
const FULL = MODE === 'full';
const BUDGET_MS = Number(process.env.CORNERS_BUDGET_MS ?? 15_000);
const ALL_MAX_BUDGET_MS = Number(process.env.ALL_MAX_BUDGET_MS ?? (FULL ? 120_000 : BUDGET_MS));
/** A first frame slower than this (CPU) must come after at least one progress report. */
const FIRST_FRAME_SILENT_MS = 2_000;
const ALL_MAX = 'every number at its maximum';

let tf: typeof TF;
beforeAll(async () => {
  tf = await nodeTf('wasm');
});

interface Case {
  name: string;
  set: Params;
  budgetMs: number;
}

/** The corners of one figure: each number at min and max, each choice value, each boolean flipped, then all at max. */
export function cases(spec: FigureSpec, full = FULL): Case[] {
  const out: Case[] = [];
  for (const d of spec.params) {
    if (d.kind === 'number') {
      for (const v of [d.min, d.max]) if (v !== d.default) out.push({ name: `${d.name}=${v}`, set: { [d.name]: v }, budgetMs: BUDGET_MS });
    } else if (d.kind === 'choice') {
      for (const o of d.options) if (o.value !== d.default) out.push({ name: `${d.name}=${o.value}`, set: { [d.name]: o.value }, budgetMs: BUDGET_MS });
    } else out.push({ name: `${d.name}=${!d.default}`, set: { [d.name]: !d.default }, budgetMs: BUDGET_MS });
  }
  const all: Params = {};
  for (const d of spec.params) if (d.kind === 'number' && (full || !(d.name in (spec.test ?? {})))) all[d.name] = d.max;
  out.push({ name: full ? ALL_MAX : `${ALL_MAX} but the test sizes`, set: all, budgetMs: ALL_MAX_BUDGET_MS });
  return out;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

interface Outcome {
  last: Frame | null;
  ms: number;
  wallMs: number;
  overBudget: boolean;
  frames: number;
  firstFrameMs: number;
  progressBeforeFirst: number;
  longestSilenceMs: number;
}

/** Run to the end, stopping (and failing) at the CPU budget; progress reports are counted as a reader's page would see them. */
async function runGuarded(spec: FigureSpec, params: Params, budgetMs: number): Promise<Outcome> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let overBudget = false;
  const cancelled = () => (overBudget ||= cpuMs(c0) > budgetMs);
  let last: Frame | null = null;
  let frames = 0;
  let firstFrameMs = -1;
  let progressBeforeFirst = 0;
  let lastSign = 0;
  let longestSilenceMs = 0;
  const sign = () => {
    const t = cpuMs(c0);
    longestSilenceMs = Math.max(longestSilenceMs, t - lastSign);
    lastSign = t;
    return t;
  };
  const progress = async (fraction: number) => {
    sign();
    if (firstFrameMs < 0) progressBeforeFirst++;
    expect(fraction, `${spec.id}: progress ${fraction} out of 0..1`).toBeGreaterThanOrEqual(0);
    expect(fraction).toBeLessThanOrEqual(1);
  };
  for await (const f of spec.run(params, { tf, cancelled, asset: nodeAsset, progress })) {
    const t = sign();
    if (firstFrameMs < 0) firstFrameMs = t;
    last = f;
    frames++;
    if (cancelled()) break;
  }
  return { last: last && settled(last), ms: cpuMs(c0), wallMs: performance.now() - w0, overBudget, frames, firstFrameMs, progressBeforeFirst, longestSilenceMs };
}

/** Every place a NaN could hide in a frame: series points, summary values (null is fine), checks. */
function nansIn(f: Frame): string[] {
  const out: string[] = [];
  for (const s of f.series) {
    const i = s.points.findIndex(([x, y]) => Number.isNaN(x) || Number.isNaN(y));
    if (i >= 0) out.push(`series "${s.name}" point ${i}`);
  }
  for (const [k, v] of Object.entries(f.summary)) {
    if (typeof v === 'number' && Number.isNaN(v)) out.push(`summary.${k}`);
    if (Array.isArray(v) && v.some((x) => typeof x === 'number' && Number.isNaN(x))) out.push(`summary.${k}[]`);
  }
  for (const c of f.checks) if (Number.isNaN(c.value)) out.push(`check "${c.label}"`);
  return out;
}

const timings: { ms: number; line: string }[] = [];
const f0 = (x: number) => x.toFixed(0);

describe.skipIf(MODE === 'off').each(figures.map((f) => [f.id, f] as const))('corners of %s', (_id, spec) => {
  it.each(cases(spec).map((c) => [c.name, c] as const))(
    '%s ends done or explained-diverged, in budget, without NaN',
    async (_n, c) => {
      const params = { ...defaults(spec), ...(FULL ? {} : spec.test), ...c.set };
      const o = await runGuarded(spec, params, c.budgetMs);
      const what = `${spec.id} ${c.name}`;
      timings.push({
        ms: o.ms,
        line: `${what}: ${f0(o.ms)} ms CPU (${f0(o.wallMs)} ms wall), ${o.frames} frames, first after ${f0(o.firstFrameMs)} ms with ${o.progressBeforeFirst} progress reports, longest silence ${f0(o.longestSilenceMs)} ms, ${o.last?.status ?? 'no frame'}`,
      });
      expect(o.overBudget, `${what}: still running after ${c.budgetMs} ms CPU (stopped at ${f0(o.ms)} ms, ${o.frames} frames)`).toBe(false);
      expect(o.last, `${what}: no frame`).not.toBeNull();
      const f = o.last!;
      expect(['done', 'diverged'], `${what}: status`).toContain(f.status);
      if (f.status === 'diverged') expect(f.notes.join(' '), `${what}: a diverged run must say why`).toMatch(/\S/);
      expect(nansIn(f), `${what}: NaN in the output`).toEqual([]);
      expect(f.series.length, `${what}: nothing to draw`).toBeGreaterThan(0);
      if (o.firstFrameMs > FIRST_FRAME_SILENT_MS) {
        expect(o.progressBeforeFirst, `${what}: the first frame took ${f0(o.firstFrameMs)} ms CPU with no progress report (ctx.progress) before it`).toBeGreaterThan(0);
      }
    },
    // Wall-clock backstop only (the budget is CPU time): at load 14 on this 2-core machine 15 s of CPU took 125 s.
    (FULL ? ALL_MAX_BUDGET_MS : BUDGET_MS) * 12 + 30_000,
  );
});

describe.skipIf(MODE === 'off')('corner timings', () => {
  it('are reported', () => {
    // Printed for the record (CI logs): one line per corner, slowest first, and the total.
    const total = timings.reduce((a, t) => a + t.ms, 0);
    const lines = timings.sort((a, b) => b.ms - a.ms).map((t) => t.line);
    console.log([`corner timings (${MODE}, ${timings.length} runs, ${f0(total / 1000)} s CPU in all; slowest first):`, ...lines].join('\n'));
    expect(timings.length).toBeGreaterThan(0);
  });
});
