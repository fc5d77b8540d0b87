/**
 * Saxe et al. (2014), Fig. 6A (left and middle): learning time against depth for three initialisations of a deep
 * linear network (scaled Gaussian, random orthogonal, and decoupled initial conditions standing in for greedy
 * pre-training), each at the fastest of a few learning rates, on the 8×8 digits (a stand-in for MNIST), PCA-whitened
 * so that Σ¹¹ = I, or on a synthetic whitened task with a fixed geometric spectrum and random singular vectors
 * (engine/data/synthetic-task.ts, ours; needs no data asset). Training is full-batch gradient descent by eq. (13)
 * in Float64 (engine/nn/deep-linear.ts); one frame per depth. Overlay: the decoupled theory, eq. (14) for every
 * mode sα of Σ³¹ from aᵢ(0) = 1, with the same discrete learning rates (engine/nn/deep-chain.ts).
 */
import { stabilityLimit } from '../analytic/saxe-depth.ts';
import { DIGITS_ASSET, parseDigits, whitenedDigits } from '../data/digits.ts';
import { geometricSpectrum, syntheticWhitenedTask } from '../data/synthetic-task.ts';
import type { Matrix } from '../linalg.ts';
import { fixColumnSigns, svd } from '../linalg.ts';
import { chainBatch, chainStep } from '../nn/deep-chain.ts';
import type { DeepLinear, InitKind } from '../nn/deep-linear.ts';
import { initDeepLinear, step } from '../nn/deep-linear.ts';
import type { Rng } from '../rng.ts';
import { createRng } from '../rng.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { logValues } from '../params.ts';
import { blownUp, fmt, makeFrame, num, seedParam, str } from './common.ts';

const ID = 'saxe-init-depth';
/** Learning rates tried at each depth, as fractions of the stability limit 2/(D s1^{2−2/D}); the fastest is kept. */
export const RATE_FRACTIONS = [0.4, 0.8];
const INITS: { kind: InitKind; label: string }[] = [
  { kind: 'gaussian', label: 'scaled Gaussian' },
  { kind: 'orthogonal', label: 'random orthogonal' },
  { kind: 'decoupled', label: 'decoupled (pre-trained)' },
];
/** Initial mode strength per layer of the decoupled start (a pre-trained autoencoder gives M^{1/2} ≈ 1, §3). */
const A0 = 1;
const OUTPUTS = 10;

export interface Task {
  k: number;
  sigma31: Float64Array;
  s: Float64Array;
  U: Matrix;
  V: Matrix;
  rank: number;
  norm2: number;
}

/** The task seen by the network (Σ¹¹ = I, so Σ³¹ is all it needs), with the SVD of Σ³¹ for the decoupled start. */
function taskFromSigma31(sigma31: Float64Array, k: number): Task {
  const M: Matrix = { rows: OUTPUTS, cols: k, data: sigma31 };
  const { U, s, V } = svd(M);
  fixColumnSigns(V, U);
  let norm2 = 0;
  for (const v of sigma31) norm2 += v * v;
  const rank = s.filter((x) => x > 1e-9 * s[0]).length;
  return { k, sigma31, s, U, V, rank, norm2 };
}

const taskCache = new Map<number, Task>();

/** Whitened digits task with k input components (cached per k: the data never change). */
export function digitsTask(bytes: Uint8Array, k: number): Task {
  const hit = taskCache.get(k);
  if (hit) return hit;
  const task = taskFromSigma31(whitenedDigits(parseDigits(bytes), k).sigma31, k);
  taskCache.set(k, task);
  return task;
}

/**
 * The synthetic task's singular values [ours]: nine modes, as many as the whitened digits have, geometric from
 * s1 = 12 down to s9 = 6, close to the digits' own range (12.4 … 6.8 at 16 components, 12.3 … 2.5 at 10,
 * 12.6 … 7.7 at 32), so that learning times are comparable; unlike the digits', it does not change with k.
 */
export const SYNTHETIC_S1 = 12;
export const SYNTHETIC_SR = 6;
export const SYNTHETIC_SPECTRUM = geometricSpectrum(9, SYNTHETIC_S1, SYNTHETIC_SR);
/** Examples in the synthetic task (any P ≥ k gives the same Σ³¹ = W*). */
export const SYNTHETIC_EXAMPLES = 200;

/** Synthetic whitened task with k inputs and 10 outputs: Σ¹¹ = I, Σ³¹ = U S Vᵀ with U, V random from `rng`. */
export function syntheticTask(k: number, rng: Rng): Task {
  const t = syntheticWhitenedTask({ k, out: OUTPUTS, spectrum: SYNTHETIC_SPECTRUM, rng, examples: SYNTHETIC_EXAMPLES });
  return taskFromSigma31(t.sigma31, k);
}

/**
 * One entry per depth finished so far (in the order of `depths`): learning times in steps and the fastest learning
 * rate per initialisation, null where no rate reached the threshold within the step budget.
 */
export type InitDepthSummary = {
  modes: number;
  s1: number;
  sLast: number;
  depths: number[];
  timeGaussian: (number | null)[];
  timeOrthogonal: (number | null)[];
  timeDecoupled: (number | null)[];
  timeTheory: (number | null)[];
  rateGaussian: (number | null)[];
  rateOrthogonal: (number | null)[];
  rateDecoupled: (number | null)[];
};

const TIME_KEY = { gaussian: 'timeGaussian', orthogonal: 'timeOrthogonal', decoupled: 'timeDecoupled' } as const;
const RATE_KEY = { gaussian: 'rateGaussian', orthogonal: 'rateOrthogonal', decoupled: 'rateDecoupled' } as const;

interface Run {
  init: number;
  rate: number;
  net: DeepLinear;
  time: number; // steps to threshold, NaN while not reached
  diverged: boolean;
}

/** Steps for the decoupled theory (eq. 14 per mode, a_i(0) = a0) to reach the threshold at rate lr, or NaN. */
export function decoupledTheoryTime(task: Task, D: number, lr: number, a0: number, eps: number, maxSteps: number): number {
  const modes = Array.from(task.s.subarray(0, task.rank));
  const b = chainBatch(modes.map((s) => ({ D, lr, s, a0 })));
  const u = modes.map(() => a0 ** D);
  const resid = () => modes.reduce((acc, s, i) => acc + (s - u[i]) ** 2, 0) / task.norm2;
  for (let t = 0; t <= maxSteps; t++) {
    const r = resid();
    if (!Number.isFinite(r) || r > 1e6) return NaN;
    if (r <= eps) return t;
    for (let i = 0; i < modes.length; i++) u[i] = chainStep(b, i);
  }
  return NaN;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<InitDepthSummary>, void, void> {
  const dataset = str(params, 'dataset');
  const k = num(params, 'components');
  const width = num(params, 'width');
  const eps = num(params, 'threshold');
  const maxSteps = num(params, 'maxSteps');
  const depths = str(params, 'depths')
    .split(',')
    .map(Number);
  const rng = createRng(num(params, 'seed'));
  let task: Task;
  if (dataset === 'synthetic') task = syntheticTask(k, rng.fork('data'));
  else {
    if (!ctx.asset) throw new Error('saxe-init-depth needs the digits data asset, and this context cannot load assets (the synthetic task needs none).');
    task = digitsTask(await ctx.asset(DIGITS_ASSET), k);
  }
  const s1 = task.s[0];
  const modes = `${task.rank} nonzero modes, s1 = ${fmt(s1)} … s${task.rank} = ${fmt(task.s[task.rank - 1])}`;
  const notes = [
    dataset === 'synthetic'
      ? `Synthetic task (ours): ${SYNTHETIC_EXAMPLES} inputs of dimension ${k} with Σ¹¹ = I (to rounding), and targets y = W*x, so Σ³¹ = W* (10 × ${k}) with ${modes}, spaced geometrically; its singular vectors are random orthogonal, drawn from the seed. Hidden layers have ${width} units.`
      : `Digits (1797 images, a stand-in for MNIST), centred and PCA-whitened onto the top ${k} components so that Σ¹¹ = I; one-hot targets give Σ³¹ (10 × ${k}) with ${modes}. Hidden layers have ${width} units.`,
    `Learning time: full-batch steps until ‖Σ³¹ − Wₜₒₜ‖² falls below ${fmt(eps)}·‖Σ³¹‖². At each depth every initialisation is trained at ${RATE_FRACTIONS.length} learning rates (${RATE_FRACTIONS.join(', ')} times the stability limit 2/(D·s1 to the power 2 − 2/D) of the decoupled solution, ours) and the fastest is kept.`,
  ];
  const sim: Series[] = INITS.map((x) => ({ name: `${x.label} (simulation)`, kind: 'time', group: x.label, panel: 'time', points: [] }));
  const theory: Series = { name: 'decoupled theory, eq. (14)', kind: 'theory', group: 'decoupled (pre-trained)', panel: 'time', points: [] };
  const rates: Series[] = INITS.map((x) => ({ name: `${x.label}: fastest learning rate`, kind: 'rate', group: x.label, panel: 'rate', points: [] }));
  const summary: InitDepthSummary = {
    modes: task.rank,
    s1,
    sLast: task.s[task.rank - 1],
    depths: [],
    timeGaussian: [],
    timeOrthogonal: [],
    timeDecoupled: [],
    timeTheory: [],
    rateGaussian: [],
    rateOrthogonal: [],
    rateDecoupled: [],
  };
  const missed: string[] = [];
  for (const [di, Nl] of depths.entries()) {
    const D = Nl - 1;
    const dims = [k, ...Array.from({ length: D - 1 }, () => width), OUTPUTS];
    const limit = stabilityLimit(Nl, s1);
    const runs: Run[] = [];
    for (const [ii, init] of INITS.entries()) {
      // One initial network per (depth, init), shared by all rates, so rates are compared from the same start.
      const W0 = initDeepLinear(init.kind, dims, rng.fork(`depth ${Nl}`).fork(init.kind), { U: task.U, V: task.V, rank: task.rank, a0: A0 });
      for (const [ri, f] of RATE_FRACTIONS.entries()) {
        runs.push({ init: ii, rate: ri, net: { dims, W: W0.map((w) => w.slice()), lr: f * limit }, time: NaN, diverged: false });
      }
    }
    let active = runs.slice();
    for (let t = 0; t <= maxSteps && active.length; t++) {
      for (const r of active) {
        if (t === maxSteps) {
          // Only measure: one more call would train past the budget.
          const e = step({ ...r.net, W: r.net.W.map((w) => w.slice()) }, task.sigma31) / task.norm2;
          if (e <= eps) r.time = t;
          continue;
        }
        const e = step(r.net, task.sigma31) / task.norm2;
        if (blownUp(e)) r.diverged = true;
        else if (e <= eps) r.time = t;
      }
      active = active.filter((r) => !r.diverged && Number.isNaN(r.time));
      // The fastest rate of an init is known once a faster-or-equal run finished; stop the slower ones.
      for (const [ii] of INITS.entries()) {
        if (runs.some((r) => r.init === ii && !Number.isNaN(r.time))) active = active.filter((r) => r.init !== ii);
      }
      // A long step budget at small ε takes seconds per depth: keep the progress bar and Cancel alive within one.
      if (t % 20 === 19) {
        await ctx.progress?.((di + t / maxSteps) / depths.length);
        if (ctx.cancelled()) return;
      }
    }
    summary.depths.push(Nl);
    for (const [ii, init] of INITS.entries()) {
      const done = runs.filter((r) => r.init === ii && !Number.isNaN(r.time));
      if (done.length) {
        const best = done.reduce((a, b) => (b.time < a.time ? b : a));
        sim[ii].points.push([Nl, best.time]);
        rates[ii].points.push([Nl, best.net.lr]);
        summary[TIME_KEY[init.kind]].push(best.time);
        summary[RATE_KEY[init.kind]].push(best.net.lr);
      } else {
        summary[TIME_KEY[init.kind]].push(null);
        summary[RATE_KEY[init.kind]].push(null);
        missed.push(`${init.label} at Nₗ = ${Nl}`);
      }
    }
    const th = RATE_FRACTIONS.map((f) => decoupledTheoryTime(task, D, f * limit, A0, eps, maxSteps)).filter((x) => !Number.isNaN(x));
    if (th.length) {
      const t = Math.min(...th);
      theory.points.push([Nl, t]);
      summary.timeTheory.push(t);
    } else summary.timeTheory.push(null);
    if (ctx.cancelled()) return;
    const last = di === depths.length - 1;
    const extra = last && missed.length ? [`Not reached within ${maxSteps} steps: ${missed.join('; ')}. Raise the step budget to measure them.`] : [];
    const snap = copySummary(summary);
    yield makeFrame(ID, params, {
      series: [...sim, theory, ...rates].map((x) => ({ ...x, points: x.points.slice() })),
      summary: snap,
      checks: checks(snap),
      progress: (di + 1) / depths.length,
      step: Nl,
      status: last ? 'done' : 'running',
      notes: [...notes, ...extra],
    });
  }
}

/** A copy whose arrays do not grow with later depths. */
function copySummary(s: InitDepthSummary): InitDepthSummary {
  const out = { ...s };
  for (const [k, v] of Object.entries(out)) if (Array.isArray(v)) (out as Record<string, unknown>)[k] = v.slice();
  return out;
}

/** The decoupled network against eq. (14) at every finished depth; the unit tests hold the gap to 1 step at the defaults and on the synthetic task. */
function checks(s: InitDepthSummary): Check[] {
  let gap = 0;
  let any = false;
  for (const [i, sim] of s.timeDecoupled.entries()) {
    const th = s.timeTheory[i];
    if (sim === null || th === null) continue;
    any = true;
    gap = Math.max(gap, Math.abs(sim - th));
  }
  return any ? [{ label: 'max over depths of |t(decoupled start) − t(eq. 14)| (steps)', value: gap, against: 'eq. (14), decoupled theory', tolerance: 1 }] : [];
}

function describe(frame: Frame<InitDepthSummary>): string {
  const s = frame.summary;
  const n = s.depths.length;
  if (!n) return 'No depth finished yet.';
  const what = frame.params.dataset === 'synthetic' ? 'On the synthetic task, learning time' : 'Learning time';
  const show = (xs: (number | null)[], i: number) => {
    const v = xs[i];
    return v !== null ? `${v} steps` : 'not reached';
  };
  const span = (label: string, xs: (number | null)[]) => `${label} ${show(xs, 0)} → ${show(xs, n - 1)}`;
  return (
    `${what} from Nₗ = ${s.depths[0]} to ${s.depths[n - 1]} layers: ${span('scaled Gaussian', s.timeGaussian)}, ` +
    `${span('random orthogonal', s.timeOrthogonal)}, ${span('decoupled (pre-trained)', s.timeDecoupled)}.`
  );
}

export const saxeInitDepth: FigureSpec<InitDepthSummary> = {
  id: ID,
  title: 'Learning time against depth for three initialisations',
  chapter: 'initialization',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 6A left and middle: learning time and optimal learning rate against depth on MNIST for scaled Gaussian, greedy pre-trained and random orthogonal initialisations.',
  },
  iterative: false,
  deterministic: false,
  params: [
    {
      kind: 'choice',
      name: 'dataset',
      label: 'Data',
      doc: `The whitened 8×8 digits (stand-in for MNIST), or a synthetic whitened task (ours) with ${SYNTHETIC_SPECTRUM.length} modes sα spaced geometrically from ${SYNTHETIC_S1} to ${SYNTHETIC_SR} and random singular vectors.`,
      options: [
        { value: 'digits', label: '8×8 digits' },
        { value: 'synthetic', label: 'synthetic' },
      ],
      default: 'digits',
    },
    {
      kind: 'choice',
      name: 'depths',
      label: 'Depths Nₗ',
      doc: 'Numbers of layers to train (Nₗ − 1 weight matrices each).',
      options: [
        { value: '3,5,9,17', label: '3, 5, 9, 17' },
        { value: '3,5,9,17,33', label: '3, 5, 9, 17, 33' },
        { value: '3,4,5,6,7,8', label: '3 to 8' },
        { value: '3,5,7,9,11,13', label: '3 to 13, odd' },
      ],
      default: '3,5,9,17',
    },
    { kind: 'number', name: 'width', label: 'Hidden width N', doc: 'Units in every hidden layer (paper: 1000).', min: 10, max: 64, step: 1, default: 32, integer: true },
    { kind: 'number', name: 'components', label: 'Input components', doc: 'Input dimension k: whitened principal components of the digits (at most 32 here; 61 have nonzero variance), or the synthetic task’s whitened inputs.', min: 10, max: 32, step: 1, default: 16, integer: true },
    {
      kind: 'number',
      name: 'threshold',
      label: 'Threshold ε',
      doc: 'Learning is complete when ‖Σ³¹ − Wₜₒₜ‖² < ε‖Σ³¹‖², Wₜₒₜ the product of all weight matrices.',
      min: 1e-3,
      max: 0.1,
      step: 0,
      scale: 'log',
      values: logValues(1e-3, 0.1),
      default: 0.01,
    },
    { kind: 'number', name: 'maxSteps', label: 'Step budget', doc: 'Give up on a run after this many steps.', min: 200, max: 5000, step: 100, default: 1500, integer: true, unit: 'iterations' },
    seedParam('Seeds the random initial weights and the synthetic task’s singular vectors; the digits are fixed.'),
  ],
  overlay:
    'The decoupled theory: each mode sα of Σ³¹ follows eq. (14) from aᵢ(0) = 1 with the same discrete learning rates; the fastest time to the threshold.',
  panels: [
    { name: 'time', title: 'Learning time against depth', x: { label: 'depth Nₗ (layers)' }, y: { label: 'learning time (iterations)', scale: 'log' } },
    { name: 'rate', title: 'Fastest learning rate tried, against depth', x: { label: 'depth Nₗ (layers)' }, y: { label: 'learning rate λ', scale: 'log' } },
  ],
  kinds: {
    time: { role: 'simulation', style: 'line', label: 'learning time, faster of two learning rates (simulation)' },
    theory: { role: 'theory', style: 'dashed', label: 'decoupled theory, eq. (14)' },
    rate: { role: 'simulation', style: 'line', label: 'fastest learning rate tried' },
  },
  summaryLabels: {
    modes: 'nonzero modes of Σ³¹',
    s1: 'strongest mode s₁',
    sLast: 'weakest nonzero mode',
    depths: 'depths Nₗ finished (layers)',
    timeGaussian: 'learning time, scaled Gaussian start (steps; null: not reached)',
    timeOrthogonal: 'learning time, random orthogonal start (steps; null: not reached)',
    timeDecoupled: 'learning time, decoupled (pre-trained) start (steps; null: not reached)',
    timeTheory: 'learning time, decoupled theory eq. (14) (steps; null: not reached)',
    rateGaussian: 'fastest learning rate, scaled Gaussian start (null: none reached the threshold)',
    rateOrthogonal: 'fastest learning rate, random orthogonal start (null: none reached the threshold)',
    rateDecoupled: 'fastest learning rate, decoupled start (null: none reached the threshold)',
  },
  test: { depths: '3,5,9,17', width: 10, components: 10, maxSteps: 200 },
  tolerances: {
    decoupledVsTheory: {
      value: 1,
      what: 'Decoupled start, defaults: |learning time of the full network − eq. (14) per mode| ≤ 1 step at every depth (the network stays on the decoupled manifold up to rounding).',
    },
    orthogonalFlat: {
      value: 2,
      what: 'Defaults (depths 3–17, width 32, 16 components, ε = 0.01, seed 1): random orthogonal learning time at Nₗ = 17 within a factor 2 of the decoupled theory.',
    },
    gaussianGrows: {
      value: 3,
      what: 'Same run: scaled Gaussian learning time at Nₗ = 17 at least 3 times its value at Nₗ = 3, and slower than random orthogonal at every depth ≥ 9.',
    },
  },
  departures: [
    'The 8×8 digits (1797 images) stand in for MNIST, PCA-whitened to 16 components (Σ¹¹ = I) so that the decoupled theory applies exactly; the paper does not state its preprocessing in the main text.',
    'Hidden width 32 instead of 1000, and depths 3 to 17 by default (the paper goes to 100), to keep a run within a couple of seconds in the browser. Narrow layers make the scaled Gaussian start slower than a wide one would (see the page).',
    'Two learning rates per depth (0.4 and 0.8 times the stability limit of the decoupled solution, ours) instead of the paper’s 20 log-spaced rates; the larger one is almost always the faster.',
    `The synthetic task (an option, ours) is not in the paper: whitened inputs (Σ¹¹ = I) and a target map with ${SYNTHETIC_SPECTRUM.length} singular values spaced geometrically from ${SYNTHETIC_S1} to ${SYNTHETIC_SR} and random orthogonal singular vectors, so that the decoupled theory applies exactly without the digits asset.`,
    'Decoupled initial conditions with unit mode strength stand in for greedy layer-wise pre-training: by §3 pre-training yields such a start when the input principal components match the task’s right singular vectors (eq. 18), which the whitened inputs make exact here.',
  ],
  describe,
  run,
};
