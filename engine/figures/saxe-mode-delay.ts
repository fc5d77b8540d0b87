/**
 * Saxe et al. (2014), Fig. 3 right: how much later than eq. (11) each mode reaches half its strength
 * when the network starts from small random weights instead of decoupled initial conditions.
 * Relative delay = (t_half,sim − t_half,eq. (11)) / t_half,eq. (11), per mode and per seed. All seeds
 * train at once as one batch of B independent networks (rank-3 matMul), on one shared dataset.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { halfLearningTime } from '../analytic/saxe.ts';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import { gaussianInit, modeStrengthForStd } from '../nn/init.ts';
import { toTensor2d } from '../nn/tensors.ts';
import type { Activation, TrainingData, Weights } from '../nn/three-layer.ts';
import { disposeData, readModes, toBatchWeights, trainStep, trainingData } from '../nn/three-layer.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Frame, Params, RunContext, Series, Summary } from '../spec.ts';
import { countWord, crossingTime, fmt, makeFrame, num, seedParam, str } from './common.ts';
import { modeColumns, selectModes, stepSizeNotes } from './modes.ts';

const ID = 'saxe-mode-delay';
const FRAMES = 30;
/** Records per analytic half-time of the slowest mode; crossings are interpolated in logit(u/s). */
const RECORDS = 150;
/** Give up on a mode after this multiple of its analytic half-learning time. */
const PATIENCE = 3;

function stats(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, std: Math.sqrt(v) };
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame, void, void> {
  const tf = ctx.tf;
  const B = num(params, 'seeds');
  const sigma = num(params, 'initScale');
  const lr = num(params, 'learningRate');
  const activation = str(params, 'activation') as Activation;
  const tau = 1 / lr;
  const rng = createRng(num(params, 'seed'));
  const data = hierarchicalTree({ depth: num(params, 'treeDepth'), features: num(params, 'features'), flip: 0.1 }, rng.fork('data'));
  const hidden = data.items; // N2 = N1, as in the paper (32 hidden units for 32 items): every mode can be learned
  const { U, s, V } = data.svd;
  const { modes, notes } = selectModes('all', s, hidden);
  const K = modes.length;
  const u0 = modeStrengthForStd(sigma, hidden);
  const tHalf = modes.map((m) => halfLearningTime(s[m - 1], u0, tau));
  const tMax = Math.max(...tHalf);
  const stride = Math.max(1, Math.floor(tMax / RECORDS));
  const limit = Math.ceil(PATIENCE * tMax);
  const frameEvery = stride * Math.max(1, Math.round((1.3 * tMax) / FRAMES / stride)); // a multiple of stride
  notes.push(
    `Eq. (11) uses u0 = N2σ²/2 = ${fmt(u0)}, the average initial strength of a mode for i.i.d. N(0, σ²) weights (from linearising eq. (5) near zero; ours).`,
  );
  notes.push(...stepSizeNotes(lr, s[0]));
  if (u0 >= s[K - 1] / 2) notes.push('The initial weights are so large that the weakest modes start above half their strength: the comparison is meaningless there.');

  // Per network and mode: recorded (t, u) since the last record, and the crossing time once found.
  const prev = new Float64Array(B * K).fill(NaN);
  let prevT = 0;
  const crossed = new Float64Array(B * K).fill(NaN);
  const s1 = s[0];

  const held: TF.Tensor[] = [];
  const w: { cur: Weights<TF.Tensor3D> | null } = { cur: null };
  let train: TrainingData | null = null;
  try {
    const d = (train = trainingData(tf, data.X, data.Y, B));
    const Ut = toTensor2d(tf, modeColumns(U, modes));
    const Vt = toTensor2d(tf, modeColumns(V, modes));
    const lrT = tf.scalar(lr);
    held.push(Ut, Vt, lrT);
    const inits = Array.from({ length: B }, (_, b) => gaussianInit(data.items, hidden, data.features, sigma, rng.fork(`init/${b}`)));
    w.cur = toBatchWeights(tf, inits);

    const record = (t: number): boolean => {
      const { strengths, loss } = readModes(tf, w.cur!, d, Ut, Vt, activation);
      if (loss.some((l) => !Number.isFinite(l)) || strengths.some((x) => !Number.isFinite(x) || Math.abs(x) > 1e3 * s1)) return false;
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

    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame => {
      const perSeed: [number, number][] = [];
      const mean: [number, number][] = [];
      const summary: Summary = {};
      for (const [i, m] of modes.entries()) {
        const delays: number[] = [];
        for (let b = 0; b < B; b++) {
          const c = crossed[b * K + i];
          if (Number.isFinite(c)) delays.push((c - tHalf[i]) / tHalf[i]);
        }
        for (const d of delays) perSeed.push([m, d]);
        summary[`mode ${m}: s`] = s[m - 1];
        summary[`mode ${m}: half-learning time, eq. (11)`] = tHalf[i];
        if (delays.length === B) {
          const st = stats(delays);
          mean.push([m, st.mean]);
          summary[`mode ${m}: mean relative delay`] = st.mean;
          summary[`mode ${m}: std of relative delay`] = st.std;
        } else {
          summary[`mode ${m}: mean relative delay`] = `${delays.length} of ${B} seeds so far`;
        }
      }
      const series: Series[] = [
        { name: 'relative delay (one point per seed)', role: 'simulation', group: 'delay', points: perSeed },
        { name: 'mean relative delay', role: 'simulation', group: 'mean', points: mean },
        { name: 'zero line (eq. 12)', role: 'analytic', group: 'theory', points: [[0.5, 0], [K + 0.5, 0]] },
      ];
      const progress = status === 'running' ? Math.min(0.99, t / (1.3 * tMax)) : 1;
      return makeFrame(ID, params, { series, summary, progress, step: t, status, notes: [...notes, ...extra] });
    };

    if (!record(0)) {
      yield frame(0, 'diverged', [divergenceNote(0, lr, s1)]);
      return;
    }
    for (let t = 1; t <= limit; t++) {
      const old: Weights<TF.Tensor3D> = w.cur!;
      w.cur = trainStep(tf, old, d, lrT, activation);
      tf.dispose([old.W21, old.W32t]);
      if (t % stride !== 0 && t !== limit) continue;
      if (!record(t)) {
        yield frame(t, 'diverged', [divergenceNote(t, lr, s1)]);
        return;
      }
      const done = crossed.every((c) => Number.isFinite(c));
      if (done || t === limit) {
        const missing = crossed.filter((c) => Number.isNaN(c)).length;
        const extra = missing
          ? [`${missing} of ${B * K} (seed, mode) pairs did not reach half strength within ${limit} steps (${PATIENCE}× the slowest analytic half-time); they are left out.`]
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
    tf.dispose(held);
    if (train) disposeData(tf, train);
    if (w.cur) tf.dispose([w.cur.W21, w.cur.W32t]);
  }
}

function divergenceNote(t: number, lr: number, s1: number): string {
  return (
    `Diverged by step ${t}: the learning rate ${fmt(lr)} is too large for discrete gradient descent on this dataset ` +
    `(s1 = ${fmt(s1)}; steps are stable only for λ·s1 below about 1, here ${fmt(lr * s1)}). Eq. (11) assumes the continuous-time limit.`
  );
}

function describe(frame: Frame): string {
  const sum = frame.summary;
  const modes = Object.keys(sum)
    .filter((k) => k.endsWith(': s'))
    .map((k) => Number(k.slice(5, -3)));
  const means = modes.map((m) => sum[`mode ${m}: mean relative delay`]).filter((x): x is number => typeof x === 'number');
  const seeds = frame.params.seeds as number;
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

export const saxeModeDelay: FigureSpec = {
  id: ID,
  title: 'How late each mode is learned from random weights',
  chapter: 'modes',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 3 right: relative delay of the half-learning time against eq. (11), over 100 random initialisations.',
  },
  iterative: false,
  params: [
    { kind: 'number', name: 'seeds', label: 'Random initialisations', doc: 'Networks trained at once, one per seed (paper: 100).', min: 2, max: 100, step: 1, default: 20, integer: true },
    {
      kind: 'number',
      name: 'initScale',
      label: 'Init scale σ',
      doc: 'Std of the i.i.d. Gaussian initial weights; eq. (11) uses the matching initial strength u0 = N2σ²/2.',
      min: 1e-4,
      max: 0.1,
      step: 0.25,
      scale: 'log',
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
    { kind: 'number', name: 'learningRate', label: 'Learning rate λ', doc: 'Step size of full-batch gradient descent, τ = 1/λ.', min: 1e-4, max: 2e-2, step: 0.05, scale: 'log', default: 3e-3 },
    { kind: 'number', name: 'treeDepth', label: 'Tree depth', doc: 'Levels of the binary tree: 2^depth items, as many hidden units (paper: 5).', min: 3, max: 5, step: 1, default: 3, integer: true },
    { kind: 'number', name: 'features', label: 'Features N3', doc: 'Output features per item (paper: 1000).', min: 20, max: 1000, step: 10, default: 50, integer: true },
    seedParam('Seeds the dataset and the B initialisations (each network gets its own substream).'),
  ],
  overlay: 'The zero line: from decoupled initial conditions eq. (12) is exact in continuous time, so the analytic delay is zero.',
  axes: { x: 'mode α (by decreasing strength s_α)', y: 'relative delay (t_half,sim − t_half,eq. 11) / t_half,eq. 11' },
  tolerances: {
    batchedEqualsSingle: {
      value: 1e-5,
      what: 'Batched training of B = 3 networks (depth 3, 30 features, 40 steps, λ = 5e-3, linear and tanh) against three separate trainings: max |ΔW| relative to max |W|.',
    },
    linearDelay: {
      value: 0.1,
      what: 'Defaults with 6 seeds, linear networks: |mean relative delay| below this for modes 1–3; every mode’s mean delay between −0.1 and 0.5 (competition between modes delays the weak ones by up to about 30 %).',
    },
  },
  departures: [
    'A smaller dataset than the paper’s: tree depth 3 (8 items, 8 hidden units, 8 modes) and 50 features instead of 32 items, 32 hidden units and 1000 features, and 20 seeds instead of 100, so the whole batch trains in about a second in the browser. Depth, features and seeds are adjustable up to depth 5, 1000 features and 100 seeds.',
    'Learning rate 3e-3 so that λ·s1 ≈ 0.04, as in the paper’s Fig. 3 setting; discrete steps then add about λ·s_α/2 (at most 2%) to the relative delay.',
    'The paper does not state its initial weight scale for this panel; σ = 0.01 is the scale of its Fig. 5, and eq. (11) uses the matching initial strength u0 = N2σ²/2 (ours).',
  ],
  describe,
  run,
};
