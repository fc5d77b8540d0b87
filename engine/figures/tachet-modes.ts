/**
 * Tachet des Combes et al. (2018), claims C1 (sigmoidal classification error) and C2 (independent modes), in this
 * site's minimal model (spec tachet-2018.md §2.1–2.5; ours). K clusters: cluster k holds n_k identical examples
 * x = r_k e_k (orthogonal directions) with label y_k = ±1 (alternating). Network of depth L (L weight layers,
 * K hidden units per layer, no biases), ReLU or linear, summed loss, full-batch gradient descent (tfjs, explicit
 * gradients). Since the examples of a cluster are identical, each cluster enters the loss once with weight n_k.
 *
 * Initialisations:
 *   balanced — aligned, every weight of mode k equal to σ (margin m0 = r σ^L > 0): the closed forms of §2.3
 *              (L = 2) or the §2.5 flow (L > 2) apply exactly;
 *   aligned  — aligned, input-side weights σ, output weight y_k σ u_k with u_k uniform in (−0.9, 0.9): modes with
 *              u_k < 0 start misclassified and cross m = 0 at a finite time (eq. S6/S7, RK4);
 *   random   — every weight i.i.d. N(0, σ²): modes share units and output weights, so they are only
 *              approximately independent; for L = 2 the overlay is the independent-mode flow (S7) per cluster.
 * The classification error is Σ_k (n_k/N) 1[m_k ≤ 0] (sigmoidal or a staircase); the soft error Σ_k (n_k/N) σ(−m_k).
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { alignedModeMargins, firstPositive, independentModeMargins, marginAt } from '../analytic/tachet.ts';
import type { TachetDeepNet, TachetData } from '../nn/tachet-model.ts';
import { disposeTachetData, disposeTachetDeepNet, readDeepMargins, tachetData, tachetDeepNet, tachetDeepStep } from '../nn/tachet-model.ts';
import { createRng } from '../rng.ts';
import { defaults, logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { anyBlownUp, countWord, fmt, lossParam, makeFrame, num, seedParam, snapshot, str, strideFor } from './common.ts';

const ID = 'tachet-modes';
const FRAMES = 30;
const POINTS = 160;
const U_MAX = 0.9;

export interface ModeCluster {
  n: number;
  r: number;
  y: number;
}

/** Counts geometric from 2 to 2·countSpread, norms geometric from 1 to normSpread, each shuffled by the seed. */
export function makeModeClusters(params: Params): ModeCluster[] {
  const K = num(params, 'clusters');
  const rng = createRng(num(params, 'seed')).fork('clusters');
  const frac = (k: number) => (K === 1 ? 0 : k / (K - 1));
  const ns = Array.from({ length: K }, (_, k) => Math.round(2 * num(params, 'countSpread') ** frac(k)));
  const rs = Array.from({ length: K }, (_, k) => num(params, 'normSpread') ** frac(k));
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  shuffle(ns);
  shuffle(rs);
  return ns.map((n, k) => ({ n, r: rs[k], y: k % 2 === 0 ? 1 : -1 }));
}

interface Init {
  /** Ws[layer] = one K×K (or K×D) row-major block. */
  Ws: Float32Array[];
  v: Float32Array;
  /** Per cluster: initial signed output weight over input-side weight (aligned), for the overlay. */
  u: number[];
}

function initialWeights(params: Params, clusters: ModeCluster[]): Init {
  const K = clusters.length;
  const L = num(params, 'depth');
  const sigma = num(params, 'initScale');
  const init = str(params, 'init');
  const rng = createRng(num(params, 'seed')).fork(`init/${init}`);
  const Ws: Float32Array[] = [];
  const u: number[] = [];
  if (init === 'random') {
    for (let l = 0; l < L - 1; l++) Ws.push(Float32Array.from({ length: K * K }, () => sigma * rng.normal()));
    return { Ws, v: Float32Array.from({ length: K }, () => sigma * rng.normal()), u };
  }
  for (let l = 0; l < L - 1; l++) {
    const W = new Float32Array(K * K);
    for (let k = 0; k < K; k++) W[k * K + k] = sigma;
    Ws.push(W);
  }
  const v = new Float32Array(K);
  for (let k = 0; k < K; k++) {
    const uk = init === 'balanced' ? 1 : U_MAX * (2 * rng.uniform() - 1);
    u.push(uk);
    v[k] = clusters[k].y * sigma * uk;
  }
  return { Ws, v, u };
}

/** The per-cluster prediction: its name and one cluster's margins at `times` (null: none for this start). */
function overlay(params: Params, clusters: ModeCluster[], w: Init, m0: Float32Array, times: number[]): { name: string; margins: (k: number) => number[] } | null {
  const loss = str(params, 'loss') as MarginLoss;
  const L = num(params, 'depth');
  const sigma = num(params, 'initScale');
  const tau = 1 / num(params, 'learningRate');
  const init = str(params, 'init');
  const K = clusters.length;
  if (init === 'balanced' && L === 2) {
    const name = loss === 'squared' ? 'logistic sigmoid (S3)' : loss === 'hinge' ? 'exponential until t* (S4)' : 't(m) with Ei inverted (S5)';
    return { name, margins: (k) => times.map((t) => marginAt(loss, t, clusters[k].n * clusters[k].r, clusters[k].r * sigma * sigma, tau)) };
  }
  if (init !== 'random') {
    const name = init === 'balanced' ? 'depth-L flow (S6), RK4' : 'exact mode flow (S6), RK4';
    return {
      name,
      margins: (k) => alignedModeMargins({ loss, n: clusters[k].n, r: clusters[k].r, depth: L, a0: sigma, p0: sigma * w.u[k], tau }, times),
    };
  }
  if (L !== 2) return null;
  // Random start: the units active on cluster k (W1[j,k] > 0 for ReLU, all for linear), as if not shared.
  const relu = str(params, 'activation') === 'relu';
  const W1 = w.Ws[0];
  return {
    name: 'independent-mode flow (S7), RK4',
    margins: (k) => {
      const c = clusters[k];
      let A = 0;
      for (let j = 0; j < K; j++) {
        const a = W1[j * K + k];
        if (relu && !(a > 0)) continue;
        A += a * a + w.v[j] * w.v[j];
      }
      const C = Math.max(0, c.r * c.r * A * A - 4 * m0[k] * m0[k]);
      return independentModeMargins(loss, c.n, c.r, m0[k], C, tau, times);
    },
  };
}

/**
 * The share of the progress bar that the prediction takes (computed before the first frame, cluster by
 * cluster). At every maximum (depth 5, 4000 steps, 10 clusters) its RK4 takes 27 s CPU in Node and the
 * training 4 s; at the defaults it takes milliseconds and the bar starts at this share.
 */
const OVERLAY_SHARE = 0.5;

const sigmoidNeg = (m: number) => (m >= 0 ? Math.exp(-m) / (1 + Math.exp(-m)) : 1 / (1 + Math.exp(m)));

/**
 * Per cluster (in cluster order) where a value is per item; keys marked optional are absent when there is no
 * per-cluster prediction (random start deeper than two layers) or when the error never reaches zero.
 */
export type ModesSummary = {
  clusters: number;
  examples: number;
  /** The overlay drawn, or "none". */
  prediction: string;
  counts: number[];
  norms: number[];
  strengths: number[];
  initialMargin: number[];
  finalMarginSimulation: number[];
  finalMarginPredicted: (number | null)[];
  /** For clusters that start misclassified (m0 ≤ 0): the step their margin turns positive; null otherwise or if never. */
  crossingStepSimulation: (number | null)[];
  crossingStepPredicted: (number | null)[];
  errorStart: number;
  errorEndSimulation: number;
  errorEndPredicted?: number;
  errorZeroStepSimulation?: number;
  errorZeroStepPredicted?: number;
  maxMarginGap?: number;
};

/** The settings at which the unit tests hold each tolerance (the defaults with these changes). */
const TOLERANCE_SETTINGS: { tolerance: 'closedForms' | 'alignedFlow' | 'depthFlow'; changes: Params[] }[] = [
  {
    tolerance: 'closedForms',
    changes: ['squared', 'hinge', 'logistic'].map((loss) => ({ clusters: 4, init: 'balanced', initScale: 0.3, learningRate: 0.002, steps: 1500, loss })),
  },
  { tolerance: 'alignedFlow', changes: [{ learningRate: 0.002, steps: 2000 }] },
  { tolerance: 'depthFlow', changes: [{ clusters: 3, init: 'balanced', depth: 3, initScale: 0.5, learningRate: 0.002, steps: 2000 }] },
];

function toleranceAt(params: Params): number | undefined {
  const base = defaults(tachetModes);
  for (const { tolerance, changes } of TOLERANCE_SETTINGS) {
    for (const c of changes) {
      const want = { ...base, ...c };
      if (Object.entries(want).every(([k, v]) => params[k] === v)) return tachetModes.tolerances[tolerance].value;
    }
  }
  return undefined;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<ModesSummary>, void, void> {
  const tf = ctx.tf;
  const clusters = makeModeClusters(params);
  const K = clusters.length;
  const N = clusters.reduce((s, c) => s + c.n, 0);
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const loss = str(params, 'loss') as MarginLoss;
  const activation = str(params, 'activation') as 'relu' | 'linear';
  const init = str(params, 'init');
  const L = num(params, 'depth');
  const stride = strideFor(steps, POINTS);
  const frameEvery = stride * Math.max(1, Math.round(steps / FRAMES / stride));
  const times: number[] = [];
  for (let t = 0; t <= steps; t += stride) times.push(t);
  if (times[times.length - 1] !== steps) times.push(steps);

  const w = initialWeights(params, clusters);
  const X = new Float32Array(K * K);
  clusters.forEach((c, k) => (X[k * K + k] = c.r));
  const notes: string[] = [];
  if (init === 'random' && L > 2) notes.push('No per-cluster prediction is drawn for a random start deeper than two layers: the modes share every layer.');
  if (activation === 'linear' && init !== 'random' && K > 1) {
    notes.push(
      'Linear network: the aligned start is not an invariant manifold here. With one output, the input weights of every unit receive gradient from every cluster (through its output weight), so the modes are coupled; the ReLU gates (closed at exactly 0 on the other clusters) are what make them independent.',
    );
  }
  const maxNr = Math.max(...clusters.map((c) => c.n * c.r * c.r));
  if (lr * maxNr > 0.5) notes.push(`λ·n·r² reaches ${fmt(lr * maxNr)}: discrete steps depart visibly from the flow.`);
  const tolerance = toleranceAt(params);

  let data: TachetData | null = null;
  let net: TachetDeepNet | null = null;
  const lrT = tf.scalar(lr);
  try {
    data = tachetData(tf, [X], [Float32Array.from(clusters.map((c) => c.y))], [Float32Array.from(clusters.map((c) => c.n))], [loss], K);
    net = tachetDeepNet(tf, activation, w.Ws.map((W) => [W]), [w.v], K, K);
    const m0 = readDeepMargins(tf, net, data)[0];
    const plan = overlay(params, clusters, w, m0, times);
    const predicted: number[][] = [];
    for (const k of plan ? clusters.keys() : []) {
      predicted.push(plan!.margins(k));
      // A deep, long flow takes seconds per cluster: keep the progress bar and Cancel alive through it.
      await ctx.progress?.((OVERLAY_SHARE * (k + 1)) / K);
      if (ctx.cancelled()) return;
    }
    const theory = plan && { name: plan.name, margins: predicted };
    const base = plan ? OVERLAY_SHARE : 0;
    const progressAt = (step: number) => (steps ? base + ((1 - base) * step) / steps : 1);
    const sim: Series[] = clusters.map((c, k) => ({
      name: `cluster ${k + 1}, simulation`,
      kind: 'simulation',
      group: `cluster ${k + 1}`,
      panel: 'margins',
      points: [[0, m0[k]]],
    }));
    const th: Series[] = theory
      ? clusters.map((c, k) => ({ name: `cluster ${k + 1}, ${theory.name}`, kind: 'prediction', group: `cluster ${k + 1}`, panel: 'margins', points: [] }))
      : [];
    const err = (ms: ArrayLike<number>) => clusters.reduce((s, c, k) => s + (ms[k] <= 0 ? c.n : 0), 0) / N;
    const soft = (ms: ArrayLike<number>) => clusters.reduce((s, c, k) => s + c.n * sigmoidNeg(ms[k]), 0) / N;
    const errSim: Series = { name: 'classification error, simulation', kind: 'errorSimulation', group: 'classification error', panel: 'error', points: [[0, err(m0)]] };
    const softSim: Series = { name: 'soft error, simulation', kind: 'simulation', group: 'soft error', panel: 'error', points: [[0, soft(m0)]] };
    const errTh: Series = { name: 'classification error, predicted', kind: 'errorPrediction', group: 'classification error', panel: 'error', points: [] };
    const softTh: Series = { name: 'soft error, predicted', kind: 'prediction', group: 'soft error', panel: 'error', points: [] };
    let idx = 0;
    const pushTheory = (upTo: number) => {
      if (!theory) return;
      while (idx < times.length && times[idx] <= upTo) {
        const ms = theory.margins.map((m) => m[idx]);
        th.forEach((s, k) => s.points.push([times[idx], ms[k]]));
        errTh.points.push([times[idx], err(ms)]);
        softTh.points.push([times[idx], soft(ms)]);
        idx++;
      }
    };
    pushTheory(0);
    let last = m0;

    const crossing = (pts: [number, number][], k: number): number | null => {
      if (m0[k] > 0 || !pts.length) return null;
      const t = firstPositive(pts.map((p) => p[0]), pts.map((p) => p[1]));
      return Number.isFinite(t) ? t : null;
    };
    const comparable = (k: number) => theory !== null && th[k].points.length === sim[k].points.length;
    const gaps = () => {
      let abs = 0;
      let rel = 0;
      let cross = 0;
      let crossings = 0;
      clusters.forEach((_, k) => {
        if (!comparable(k)) return;
        const ms = sim[k].points;
        for (let i = 0; i < ms.length; i++) {
          const d = Math.abs(ms[i][1] - th[k].points[i][1]);
          abs = Math.max(abs, d);
          rel = Math.max(rel, d / Math.max(1, Math.abs(ms[i][1])));
        }
        const a = crossing(ms, k);
        const b = crossing(th[k].points, k);
        if (a !== null && b !== null) {
          cross = Math.max(cross, Math.abs(a - b));
          crossings++;
        }
      });
      let errGap = 0;
      errSim.points.forEach(([, v], i) => {
        if (i < errTh.points.length) errGap = Math.max(errGap, Math.abs(v - errTh.points[i][1]));
      });
      return { abs, rel, cross, crossings, errGap };
    };

    const summary = (): ModesSummary => {
      const tz = (pts: [number, number][]) => pts.find((p) => p[1] === 0)?.[0];
      const zeroSim = tz(errSim.points);
      const zeroTh = theory ? tz(errTh.points) : undefined;
      const out: ModesSummary = {
        clusters: K,
        examples: N,
        prediction: theory ? theory.name : 'none',
        counts: clusters.map((c) => c.n),
        norms: clusters.map((c) => c.r),
        strengths: clusters.map((c) => c.n * c.r),
        initialMargin: Array.from(m0),
        finalMarginSimulation: Array.from(last),
        finalMarginPredicted: clusters.map((_, k) => (comparable(k) ? th[k].points.at(-1)![1] : null)),
        crossingStepSimulation: clusters.map((_, k) => crossing(sim[k].points, k)),
        crossingStepPredicted: clusters.map((_, k) => (theory && th[k].points.length ? crossing(th[k].points, k) : null)),
        errorStart: errSim.points[0][1],
        errorEndSimulation: errSim.points.at(-1)![1],
      };
      if (theory && errTh.points.length) out.errorEndPredicted = errTh.points.at(-1)![1];
      if (zeroSim !== undefined) out.errorZeroStepSimulation = zeroSim;
      if (zeroTh !== undefined) out.errorZeroStepPredicted = zeroTh;
      if (theory) out.maxMarginGap = gaps().abs;
      return out;
    };
    const checks = (): Check[] => {
      if (!theory) return [];
      const g = gaps();
      const out: Check[] = [
        { label: 'max |m − m(prediction)| / max(1, |m|) over clusters and steps', value: g.rel, against: theory.name, ...(tolerance !== undefined ? { tolerance } : {}) },
      ];
      if (g.crossings) out.push({ label: 'max |step margin turns positive − predicted| (steps)', value: g.cross, against: theory.name });
      out.push({
        label: 'max |classification error − predicted|',
        value: g.errGap,
        against: `classification error from ${theory.name}`,
        ...(toleranceAtDefaults(params) ? { tolerance: tachetModes.tolerances.errorCurve.value } : {}),
      });
      return out;
    };
    const frame = (step: number, status: Frame['status'], extra: string[] = []): Frame<ModesSummary> =>
      makeFrame(ID, params, {
        series: snapshot([...sim.flatMap((s, k) => (th[k] ? [s, th[k]] : [s])), errSim, errTh, softSim, softTh].filter((s) => s.points.length > 0)),
        summary: summary(),
        checks: checks(),
        progress: progressAt(step),
        step,
        status,
        notes: [...notes, ...extra],
      });

    for (let step = 1; step <= steps; step++) {
      const old: TachetDeepNet = net;
      net = tachetDeepStep(tf, old, data, lrT);
      disposeTachetDeepNet(tf, old);
      // A deep, long run takes seconds before its first frame: keep the progress bar and Cancel alive.
      await ctx.progress?.(progressAt(step));
      if (ctx.cancelled()) return;
      const record = step % stride === 0 || step === steps;
      if (!record) continue;
      const ms = readDeepMargins(tf, net, data)[0];
      if (anyBlownUp(ms)) {
        yield frame(step - stride, 'diverged', [
          `Diverged by step ${step}: the learning rate ${fmt(lr)} is too large for discrete gradient descent on these clusters (λ·n·r² up to ${fmt(lr * maxNr)}); the theory is the continuous-time flow.`,
        ]);
        return;
      }
      last = ms;
      sim.forEach((s, k) => s.points.push([step, ms[k]]));
      errSim.points.push([step, err(ms)]);
      softSim.points.push([step, soft(ms)]);
      pushTheory(step);
      if (step % frameEvery === 0 || step === steps) {
        if (ctx.cancelled()) return;
        yield frame(step, step === steps ? 'done' : 'running');
      }
    }
    if (steps === 0) yield frame(0, 'done');
  } finally {
    lrT.dispose();
    if (net) disposeTachetDeepNet(tf, net);
    if (data) disposeTachetData(tf, data);
  }
}

function toleranceAtDefaults(params: Params): boolean {
  const base = defaults(tachetModes);
  return Object.entries(base).every(([k, v]) => params[k] === v);
}

function describe(frame: Frame<ModesSummary>): string {
  const p = frame.params;
  const s = frame.summary;
  const net = `${p.activation === 'relu' ? 'ReLU' : 'linear'} network of depth ${String(p.depth)}`;
  const start = `${p.init === 'random' ? 'small random' : p.init === 'balanced' ? 'aligned, balanced' : 'aligned'} initialisation`;
  let text = `${countWord(s.clusters, true)} clusters, ${String(p.loss)} loss, ${net} from ${start}, after ${frame.step} steps: `;
  text += `the classification error went from ${fmt(100 * s.errorStart, 2)}% to ${fmt(100 * s.errorEndSimulation, 2)}%`;
  text += s.errorZeroStepSimulation !== undefined ? `, reaching zero at step ${s.errorZeroStepSimulation}. ` : '. ';
  if (s.maxMarginGap !== undefined) text += `The per-cluster margins stay within ${fmt(s.maxMarginGap)} of the independent-mode prediction.`;
  else text += 'No per-cluster prediction is drawn for this start.';
  if (frame.status === 'diverged') text += ' The run diverged: the learning rate is too large.';
  return text;
}

export const tachetModes: FigureSpec<ModesSummary> = {
  id: ID,
  title: 'Independent modes and a sigmoidal classification error',
  chapter: 'classification',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claims C1 (sigmoidal classification error) and C2 (independent modes from a proper initialisation), demonstrated in this site’s own minimal model.',
  },
  iterative: true,
  deterministic: false,
  params: [
    {
      kind: 'number',
      name: 'clusters',
      label: 'Clusters K',
      doc: 'Number of clusters (orthogonal directions), one hidden unit per cluster; at most 10, so that each cluster and the two error curves have a colour of their own.',
      min: 1,
      max: 10,
      step: 1,
      default: 10,
      integer: true,
    },
    { kind: 'number', name: 'countSpread', label: 'Spread of counts nₖ', doc: 'Counts range geometrically from 2 to 2 × this (shuffled by the seed).', min: 1, max: 8, step: 0.5, default: 4 },
    { kind: 'number', name: 'normSpread', label: 'Spread of norms rₖ', doc: 'Norms range geometrically from 1 to this (shuffled by the seed).', min: 1, max: 3, step: 0.1, default: 2 },
    lossParam('Summed logistic (cross-entropy), hinge or squared loss of the margin.'),
    {
      kind: 'choice',
      name: 'activation',
      label: 'Activation',
      doc: 'ReLU (the modes are independent from an aligned start) or linear (they are coupled through the shared output).',
      options: [
        { value: 'relu', label: 'ReLU' },
        { value: 'linear', label: 'linear' },
      ],
      default: 'relu',
    },
    {
      kind: 'choice',
      name: 'init',
      label: 'Initialisation',
      doc: 'Aligned (one unit per cluster, random output weights, some modes start misclassified), aligned and balanced (closed forms), or small random weights.',
      options: [
        { value: 'aligned', label: 'aligned' },
        { value: 'balanced', label: 'aligned, balanced' },
        { value: 'random', label: 'small random' },
      ],
      default: 'aligned',
    },
    {
      kind: 'number',
      name: 'initScale',
      label: 'Init scale σ',
      doc: 'Size of the initial weights (aligned: every input-side weight; random: standard deviation).',
      min: 0.02,
      max: 1,
      step: 0,
      scale: 'log',
      values: logValues(0.02, 1),
      default: 0.1,
    },
    { kind: 'number', name: 'depth', label: 'Depth L', doc: 'Number of weight layers (2: one hidden layer).', min: 2, max: 5, step: 1, default: 2, integer: true },
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate λ',
      doc: 'Step size of full-batch gradient descent, τ = 1/λ (default 0.004, τ = 250 steps).',
      min: 0.001,
      max: 0.1,
      step: 0,
      scale: 'log',
      values: logValues(0.001, 0.1, [0.004]),
      default: 0.004,
    },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Number of gradient-descent iterations.', min: 20, max: 4000, step: 10, default: 300, integer: true, unit: 'iterations' },
    seedParam('Seeds the assignment of counts and norms to clusters and the initial weights.'),
  ],
  overlay:
    'Per cluster, the independent-mode prediction: the closed forms (S3)–(S5) for a balanced two-layer start, otherwise the exact flow of one mode (eqs. (S6), (S7) of the chapter) integrated by RK4 (τ = 1/λ); the predicted classification error and soft error follow from those margins.',
  panels: [
    { name: 'margins', title: 'Margin of each cluster over time', x: { label: 't (iterations)' }, y: { label: 'margin y·f(x) of each cluster (symlog scale)', scale: 'symlog' } },
    { name: 'error', title: 'Classification error and soft error over time', x: { label: 't (iterations)' }, y: { label: 'fraction of examples' } },
  ],
  kinds: {
    simulation: { role: 'simulation', style: 'line', label: 'simulation' },
    prediction: { role: 'theory', style: 'dashed', label: 'independent-mode prediction' },
    errorSimulation: { role: 'simulation', style: 'step', label: 'classification error, simulation' },
    errorPrediction: { role: 'theory', style: 'dashed-step', label: 'classification error, predicted' },
  },
  summaryLabels: {
    clusters: 'clusters K',
    examples: 'examples N',
    prediction: 'per-cluster prediction drawn ("none" for a random start deeper than two layers)',
    counts: 'count nₖ of each cluster',
    norms: 'norm rₖ of each cluster',
    strengths: 'nₖ·rₖ of each cluster',
    initialMargin: 'initial margin of each cluster',
    finalMarginSimulation: 'final margin of each cluster, simulation',
    finalMarginPredicted: 'final margin of each cluster, predicted (null: no prediction)',
    crossingStepSimulation: 'step the margin turns positive, simulation (null: started positive or not reached)',
    crossingStepPredicted: 'step the margin turns positive, predicted (null: started positive, no prediction or not reached)',
    errorStart: 'classification error at the start',
    errorEndSimulation: 'classification error at the end, simulation',
    errorEndPredicted: 'classification error at the end, predicted (absent: no prediction)',
    errorZeroStepSimulation: 'step the classification error reaches 0, simulation (absent: not reached)',
    errorZeroStepPredicted: 'step the classification error reaches 0, predicted (absent: not reached or no prediction)',
    maxMarginGap: 'max |margin(simulation) − margin(predicted)| over clusters and steps (absent: no prediction)',
  },
  test: { clusters: 4, steps: 100 },
  tolerances: {
    closedForms: {
      value: 0.02,
      what: 'Balanced aligned ReLU start, K = 4, σ = 0.3, λ = 0.002, 1500 steps, each loss: max |m_sim − m_closed form (S3)–(S5)| / max(1, |m|) over clusters and recorded steps (discrete steps lag the flow by O(λ n r)).',
    },
    alignedFlow: {
      value: 0.02,
      what: 'Defaults with λ = 0.002 and 2000 steps (aligned, wrong-sign starts included): max |m_sim − m_RK4| / max(1, |m|); every cluster that starts misclassified turns positive within 3% (or 3 steps) of the predicted step.',
    },
    depthFlow: { value: 0.03, what: 'Balanced ReLU start, depth 3, K = 3, σ = 0.5, λ = 0.002, 2000 steps, logistic: max |m_sim − m_(S6)| / max(1, |m|).' },
    errorCurve: { value: 0.13, what: 'Defaults: the simulated classification error equals the predicted one at every recorded step except near a crossing (at most one cluster’s share, here ≤ 0.13).' },
  },
  departures: [
    'The paper’s own setting for these claims is not known to us; the model, data and defaults here are this site’s own minimal setting: 10 orthogonal clusters with counts from 2 to 8 and norms from 1 to 2.',
    'The theory is the continuous flow; the simulation takes discrete steps with λ = 0.004 (τ = 250 steps), small enough that they follow it to within a few per cent.',
  ],
  describe,
  run,
};
