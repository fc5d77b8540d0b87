/**
 * Saxe et al. (2014), Fig. 3 right: how much later than eq. (11) each mode reaches half its strength
 * when the network starts from small random weights instead of decoupled initial conditions.
 * Relative delay = (t_half,sim − t_half,eq. (11)) / t_half,eq. (11), per mode and per seed. All seeds
 * train together as B independent networks on one shared dataset (engine/nn/three-layer-trainer.ts).
 */
import { halfLearningTime } from '../analytic/saxe.ts';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import { matmul } from '../linalg.ts';
import { modeStrengthForStd } from '../nn/init.ts';
import { gaussianMatrix } from '../nn/orthogonal.ts';
import { randomReducedOutputs, unitColumns } from '../nn/output-basis.ts';
import type { Activation } from '../nn/three-layer.ts';
import type { ThreeLayerNet } from '../nn/three-layer-trainer.ts';
import { kernelOf } from '../nn/three-layer-trainer.ts';
import type { SplitTrainer } from '../nn/three-layer-split.ts';
import { splitThreeLayer } from '../nn/three-layer-split.ts';
import { createRng } from '../rng.ts';
import { keepRecent } from '../keep-recent.ts';
import { logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { countWord, crossingTime, fmt, makeFrame, num, seedParam, str } from './common.ts';
import { modeColumns, selectModes, stepSizeNotes } from './modes.ts';

const ID = 'saxe-mode-delay';
const FRAMES = 30;
/** The share of the progress bar given to the set-up (less than the first frame’s own progress). */
const SETUP_SHARE = 0.5 / FRAMES;
/** Records per analytic half-time of the slowest mode; crossings are interpolated in logit(u/s). */
const RECORDS = 100;
/** Give up on a mode after this multiple of its analytic half-learning time, or MIN_LIMIT steps if that is more. */
const PATIENCE = 3;
/** At a learning rate far too large the half-times are a step or two: run long enough to see the divergence. */
const MIN_LIMIT = 100;

/** One entry per mode α = 1, 2, … (every nonzero mode; N₂ = number of items, so all can be learned). */
export type ModeDelaySummary = {
  modes: number[];
  s: number[];
  /** u₀ = N₂σ²/2, the initial strength eq. (11) is evaluated at. */
  u0: number;
  halfTimeTheory: number[];
  /** Mean over seeds of (t½ simulated − t½ eq. (11)) / t½ eq. (11); null until every seed has reached half strength. */
  meanDelay: (number | null)[];
  /** Standard deviation over seeds of the same; null as above. */
  stdDelay: (number | null)[];
  /** How many seeds have reached half strength so far. */
  seedsReached: number[];
};

/** The test settings of tolerance linearDelay: the defaults (any number of seeds, any seed), linear networks. */
const LINEAR_DELAY_AT = { treeDepth: 5, features: 1000, initScale: 0.01, learningRate: 7e-4 } as const;

/**
 * The tree with its SVD, and each seed's initial networks, depend only on the tree, the seed and σ: the last are kept
 * (read-only; about 6 MB at 100 seeds), so a rerun with another λ, activation or number of seeds skips drawing them
 * (20–170 ms of a default run in Chromium, much of its first frame). The same numbers as drawing them again: every
 * draw comes from its own named substream of the seed (engine/rng.ts).
 */
const trees = keepRecent<ReturnType<typeof hierarchicalTree>>(2);
const initials = keepRecent<ThreeLayerNet[]>(1);

function stats(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, std: Math.sqrt(v) };
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<ModeDelaySummary>, void, void> {
  const tf = ctx.tf;
  const B = num(params, 'seeds');
  const sigma = num(params, 'initScale');
  const lr = num(params, 'learningRate');
  const activation = str(params, 'activation') as Activation;
  const tau = 1 / lr;
  const rng = createRng(num(params, 'seed'));
  const treeKey = `${num(params, 'treeDepth')} ${num(params, 'features')} ${num(params, 'seed')}`;
  const data = trees(treeKey, () => hierarchicalTree({ depth: num(params, 'treeDepth'), features: num(params, 'features'), flip: 0.1 }, rng.fork('data')));
  const hidden = data.items; // N2 = N1, as in the paper (32 hidden units for 32 items): every mode can be learned
  const { U, s, V } = data.svd;
  const { modes, notes } = selectModes('all', s, hidden);
  const K = modes.length;
  const u0 = modeStrengthForStd(sigma, hidden);
  const tHalf = modes.map((m) => halfLearningTime(s[m - 1], u0, tau));
  const tMax = Math.max(...tHalf);
  const stride = Math.max(1, Math.floor(tMax / RECORDS));
  const limit = Math.max(MIN_LIMIT, Math.ceil(PATIENCE * tMax));
  const frameEvery = stride * Math.max(1, Math.round((1.3 * tMax) / FRAMES / stride)); // a multiple of stride
  notes.push(
    `Eq. (11) uses u0 = N2σ²/2 = ${fmt(u0)}: for i.i.d. N(0, σ²) weights a mode's initial strength averages to zero, and N2σ²/2 is the expected squared size of its growing part (from linearising eq. (5) near zero; ours).`,
  );
  notes.push(...stepSizeNotes(lr, s[0]));
  if (u0 >= s[K - 1] / 2) notes.push('The initial weights are so large that the weakest modes start above half their strength: the comparison is meaningless there.');

  // Per network and mode: recorded (t, u) since the last record, and the crossing time once found.
  const prev = new Float64Array(B * K).fill(NaN);
  let prevT = 0;
  const crossed = new Float64Array(B * K).fill(NaN);
  const s1 = s[0];

  let trainer: SplitTrainer | null = null;
  try {
    // Each network drawn directly in its reduced output space (the same law of runs as drawing all N3·N2 output
    // weights; exact in distribution, engine/nn/output-basis.ts): O(N2²) per seed instead of O(N3·N2·(P + N2)).
    const kept = initials(`${treeKey} ${sigma}`, () => []);
    if (kept.length < B) {
      const YU = matmul(data.Y, U);
      const Uk = modes.map((m) => m - 1);
      for (let b = kept.length; b < B; b++) {
        const r = rng.fork(`init/${b}`);
        const W21 = gaussianMatrix(hidden, data.items, r.fork('W21'), sigma);
        const out = randomReducedOutputs(YU, data.features, hidden, sigma, r);
        kept.push({ W21, ...out, U: unitColumns(out.Y.cols, Uk) });
      }
    }
    const nets = kept.slice(0, B);
    await ctx.progress?.(SETUP_SHARE);
    if (ctx.cancelled()) return;
    // On two cores where the page offers a helper worker: half the networks each, the same frames (three-layer-split.ts).
    const setup = { nets, V: modeColumns(V, modes), activation, learningRate: lr };
    const t3 = (trainer = splitThreeLayer(tf, setup, { every: stride, last: limit }, ctx.kernelHelper?.()));
    if (t3.kernel === 'tfjs' && B * hidden > 320) {
      notes.push(
        `This browser has no WebAssembly SIMD, so the ${B} networks train on TensorFlow.js, many times slower than on this site's kernel: expect a long run; fewer random initialisations or a smaller tree run faster.`,
      );
    }

    // Diverging: a loss that is not finite or has grown tenfold from the start (gradient descent with a stable step
    // only lowers it), or a strength far beyond the strongest mode's.
    let loss0 = NaN;
    const record = async (t: number): Promise<boolean> => {
      const { strengths, loss } = await t3.read(t);
      if (t === 0) loss0 = Math.max(...loss);
      if (loss.some((l) => !Number.isFinite(l) || l > 10 * loss0) || strengths.some((x) => !Number.isFinite(x) || Math.abs(x) > 1e3 * s1)) return false;
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < K; i++) {
          const j = b * K + i;
          const u = strengths[j];
          const sa = s[modes[i] - 1];
          if (Number.isNaN(crossed[j]) && u >= sa / 2) crossed[j] = Number.isNaN(prev[j]) ? t : crossingTime([prevT, t], [prev[j], u], sa / 2, sa);
          prev[j] = u;
        }
      }
      prevT = t;
      return true;
    };

    const group = activation === 'tanh' ? 'tanh networks' : 'linear networks';
    const tested = activation === 'linear' && Object.entries(LINEAR_DELAY_AT).every(([k, v]) => params[k] === v);
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<ModeDelaySummary> => {
      const perSeed: [number, number][] = [];
      const mean: [number, number][] = [];
      const meanDelay: (number | null)[] = [];
      const stdDelay: (number | null)[] = [];
      const seedsReached: number[] = [];
      for (const [i, m] of modes.entries()) {
        const delays: number[] = [];
        for (let b = 0; b < B; b++) {
          const c = crossed[b * K + i];
          if (Number.isFinite(c)) delays.push((c - tHalf[i]) / tHalf[i]);
        }
        for (const d of delays) perSeed.push([m, d]);
        seedsReached.push(delays.length);
        if (delays.length === B) {
          const st = stats(delays);
          mean.push([m, st.mean]);
          meanDelay.push(st.mean);
          stdDelay.push(st.std);
        } else {
          meanDelay.push(null);
          stdDelay.push(null);
        }
      }
      const summary: ModeDelaySummary = { modes, s: modes.map((m) => s[m - 1]), u0, halfTimeTheory: tHalf, meanDelay, stdDelay, seedsReached };
      const series: Series[] = [
        { name: 'relative delay (one point per seed)', kind: 'perSeed', group, points: perSeed },
        { name: 'mean relative delay', kind: 'mean', group, points: mean },
        { name: 'zero delay (eq. (11) from a decoupled start)', kind: 'zero', group, points: [[0.5, 0], [K + 0.5, 0]] },
      ];
      const progress = status === 'running' ? Math.min(0.99, t / (1.3 * tMax)) : 1;
      return makeFrame(ID, params, { series, summary, checks: checks(summary, tested), progress, step: t, status, notes: [...notes, ...extra], ...kernelOf(t3) });
    };

    // The start at once (no mode has reached half strength yet): the reader sees the new run begin while 100 networks
    // train, instead of the previous run's dots for the first tens of steps.
    yield frame(0, 'running');
    if (ctx.cancelled()) return;
    if (!(await record(0))) {
      yield frame(0, 'diverged', [divergenceNote(0, lr, s1)]);
      return;
    }
    for (let t = 1; t <= limit; t++) {
      t3.step();
      // Many seeds of a wide tree take seconds before the first frame: keep the progress bar and Cancel alive.
      if (t % 10 === 0) {
        await ctx.progress?.(Math.min(0.99, Math.max(SETUP_SHARE, t / (1.3 * tMax))));
        if (ctx.cancelled()) return;
      }
      if (t % stride !== 0 && t !== limit) continue;
      if (!(await record(t))) {
        yield frame(t, 'diverged', [divergenceNote(t, lr, s1)]);
        return;
      }
      const done = crossed.every((c) => Number.isFinite(c));
      if (done || t === limit) {
        const missing = crossed.filter((c) => Number.isNaN(c)).length;
        const extra = missing
          ? [`${missing} of ${B * K} (seed, mode) pairs did not reach half strength within ${limit} steps (${limit === MIN_LIMIT ? 'the least this figure runs' : `${PATIENCE}× the slowest analytic half-time`}); they are left out.`]
          : [];
        yield frame(t, 'done', extra);
        return;
      }
      if (t % frameEvery === 0) {
        if (ctx.cancelled()) return;
        yield frame(t, 'running');
      }
    }
  } finally {
    trainer?.dispose();
  }
}

function divergenceNote(t: number, lr: number, s1: number): string {
  return (
    `Diverged by step ${t}: the learning rate ${fmt(lr)} is too large for discrete gradient descent on this dataset ` +
    `(s1 = ${fmt(s1)}; steps are stable only for λ·s1 below about 1, here ${fmt(lr * s1)}). Eq. (11) assumes the continuous-time limit.`
  );
}

/**
 * The mean relative delay is itself the gap to eq. (11): the three strongest modes (held to the tolerance
 * linearDelay at the tested settings) and the largest over all modes learned by every seed.
 */
function checks(sum: ModeDelaySummary, tested: boolean): Check[] {
  const abs = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null).map(Math.abs);
  const strong = abs(sum.meanDelay.slice(0, 3));
  const all = abs(sum.meanDelay);
  const out: Check[] = [];
  if (strong.length)
    out.push({
      label: `max |mean relative delay| over modes ${sum.modes.slice(0, strong.length).join(', ')}`,
      value: Math.max(...strong),
      against: 'eq. (11) at u₀ = N₂σ²/2',
      ...(tested && strong.length === 3 ? { tolerance: 0.1 } : {}),
    });
  if (all.length) out.push({ label: 'max |mean relative delay| over all modes', value: Math.max(...all), against: 'eq. (11) at u₀ = N₂σ²/2' });
  return out;
}

function describe(frame: Frame<ModeDelaySummary>): string {
  const { modes, meanDelay } = frame.summary;
  const means = meanDelay.filter((x): x is number => x !== null);
  const seeds = num(frame.params, 'seeds');
  const net = frame.params.activation === 'tanh' ? 'tanh networks' : 'linear networks';
  if (frame.status === 'diverged') return `The ${net} diverged at step ${frame.step}: the learning rate is too large for discrete steps.`;
  if (!means.length) return `${countWord(seeds, true)} ${net} from small random weights are training (step ${frame.step}); no mode has yet been learned by every seed.`;
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const pct = (x: number) => `${fmt(100 * x, 2)}%`;
  const missing = modes.length - means.length;
  return (
    `Over ${seeds} random initialisations of ${net}, the ${countWord(means.length)} modes learned by every seed reach half their strength ` +
    `${lo >= 0 ? 'later than' : hi <= 0 ? 'earlier than' : 'close to when'} eq. (11) predicts: the mean relative delay ranges from ${pct(lo)} to ${pct(hi)} (zero would be exact agreement).` +
    (missing ? ` ${countWord(missing, true)} weaker mode${missing > 1 ? 's are' : ' is'} not yet learned by every seed.` : '')
  );
}

export const saxeModeDelay: FigureSpec<ModeDelaySummary> = {
  id: ID,
  title: 'How late each mode is learned from random weights',
  chapter: 'modes',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 3 right: relative delay of the half-learning time against eq. (11), over 100 random initialisations.',
  },
  iterative: false,
  deterministic: false,
  params: [
    { kind: 'number', name: 'seeds', label: 'Random initialisations', doc: 'Networks trained at once, one per seed (paper: 100).', min: 2, max: 100, step: 1, default: 100, integer: true },
    {
      kind: 'number',
      name: 'initScale',
      label: 'Init scale σ',
      doc: 'Standard deviation of the i.i.d. Gaussian initial weights; eq. (11) is evaluated at the matching initial strength u₀ = N₂σ²/2.',
      min: 1e-4,
      max: 0.1,
      step: 0,
      scale: 'log',
      values: logValues(1e-4, 0.1),
      default: 0.01,
    },
    {
      kind: 'choice',
      name: 'activation',
      label: 'Network',
      doc: 'Linear hidden layer (the theory) or tanh.',
      options: [
        { value: 'linear', label: 'linear' },
        { value: 'tanh', label: 'tanh' },
      ],
      default: 'linear',
    },
    { kind: 'number', name: 'learningRate', label: 'Learning rate λ', doc: 'Step size of full-batch gradient descent, τ = 1/λ.', min: 1e-4, max: 2e-2, step: 0, scale: 'log', values: logValues(1e-4, 2e-2), default: 7e-4 },
    { kind: 'number', name: 'treeDepth', label: 'Tree depth', doc: 'Levels of the binary tree: 2^depth items, as many hidden units (paper: 5).', min: 3, max: 5, step: 1, default: 5, integer: true },
    { kind: 'number', name: 'features', label: 'Features N₃', doc: 'Output features per item (paper: 1000).', min: 20, max: 1000, step: 10, default: 1000, integer: true },
    seedParam('Seeds the dataset and the B initialisations (each network gets its own substream).'),
  ],
  overlay: 'The zero line: from decoupled initial conditions eq. (12) is exact in continuous time, so the analytic delay is zero.',
  panels: [
    {
      name: 'main',
      title: 'Relative delay of the half-learning time, per mode',
      x: { label: 'mode α (by decreasing strength s)' },
      // Short enough for a phone; the chapter gives the formula, (t½ simulated − t½ eq. (11)) / t½ eq. (11).
      y: { label: 'relative delay of t½ against eq. (11)' },
    },
  ],
  kinds: {
    perSeed: { role: 'per-seed', style: 'dots', label: 'one random initialisation' },
    mean: { role: 'simulation', style: 'line', label: 'mean over initialisations' },
    zero: { role: 'theory', style: 'dashed', label: 'no delay: eq. (11) from a decoupled start' },
  },
  summaryLabels: {
    modes: 'modes α (by decreasing strength)',
    s: 'singular value s of each mode',
    u0: 'initial strength u₀ = N₂σ²/2 used in eq. (11)',
    halfTimeTheory: 'half-learning time t½, eq. (11) (steps)',
    meanDelay: 'mean relative delay of t½ against eq. (11) (null: not every seed has reached half strength)',
    stdDelay: 'standard deviation of the relative delay over seeds (null: as above)',
    seedsReached: 'seeds that have reached half strength, per mode',
  },
  test: { seeds: 3, treeDepth: 3, features: 30 },
  // The paper's scale is the default: the 32-item tree, 1000 features, 100 seeds. Each network is drawn directly in a
  // reduced output space with the same law of runs (engine/nn/output-basis.ts, randomReducedOutputs) and trains on
  // our WebAssembly SIMD kernel (engine/nn/three-layer-simd.ts); the chapter says so.
  tolerances: {
    batchedEqualsSingle: {
      value: 1e-5,
      what: 'Batched training of B = 3 networks on TensorFlow.js (the path for browsers without WebAssembly SIMD; depth 3, 30 features, 40 steps, λ = 5e-3, linear and tanh) against three separate trainings: max |ΔW| relative to max |W|.',
    },
    linearDelay: {
      value: 0.1,
      what: 'Defaults (the paper’s tree: 32 items, 1000 features) with 6 seeds, linear networks: |mean relative delay| below this for modes 1–3; every mode’s mean delay between −0.1 and 0.5 (competition between modes delays the weak ones by up to about 30 %).',
    },
  },
  departures: [
    'Learning rate 7e-4 rather than the 0.5e-3 of the paper’s Fig. 3 left (the rate for this panel is not stated): 30% fewer steps for the 100 networks. On the paper’s tree λ·s1 ≈ 0.06, and discrete steps add about λ·s_α/2 (at most 3%) to the relative delay.',
    'The paper does not state its initial weight scale for this panel; σ = 0.01 is the scale of its Fig. 5, and eq. (11) uses the matching initial strength u0 = N2σ²/2 (ours).',
    'Each network’s 1000×32 output weights are drawn in a 64-dimensional space that gives the runs the same law as the full draw: the weights along the 32 target directions as drawn, the rest through its Gram matrix, drawn from its Wishart law (Bartlett’s decomposition; ours, engine/nn/output-basis.ts). The statistics over seeds are the paper’s; a given seed does not reproduce the draws of a full-size network.',
  ],
  describe,
  run,
};
