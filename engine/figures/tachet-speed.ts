/**
 * Tachet des Combes et al. (2018), claims C4 and C5 (the input norm and the frequency of a feature set how fast
 * it is learned), in this site's minimal model (spec tachet-2018.md §2.4; ours): K clusters, cluster k holding n_k
 * identical examples x = r_k e_k with a random label ±1, a two-layer ReLU network with one unit per cluster started
 * aligned and balanced, full-batch gradient descent on the summed loss. Each cluster is an independent mode with
 * τ ṁ = 2 n r m g(m), so the time for its margin to reach a level M is t = τ F(M; m0) / (2 n r):
 * proportional to 1/(n r), with only a logarithmic dependence on the initial margin m0 = a0² r.
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { scaledTimeToMargin } from '../analytic/tachet.ts';
import type { TachetNet } from '../nn/tachet-model.ts';
import { disposeTachetData, disposeTachetNet, readMargins, tachetData, tachetNet, tachetStep } from '../nn/tachet-model.ts';
import { createRng } from '../rng.ts';
import { defaults, logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { blownUp, countWord, fmt, lossParam, makeFrame, num, seedParam, snapshot, str, strideFor } from './common.ts';

const ID = 'tachet-speed';
const FRAMES = 30;
const POINTS = 200;
/** Hard cap on the automatic number of steps. */
export const MAX_STEPS = 20000;

export interface Cluster {
  n: number;
  r: number;
  y: number;
  /** Initial margin of the cluster's unit. */
  m0: number;
  /** Predicted time (steps) to reach the level; 0 if it starts there, Infinity if it never does. */
  predicted: number;
  measured: number | null;
}

/** The clusters of a run: counts uniform in 1..maxCount, norms log-uniform in [1, normSpread], labels ±1. */
export function makeClusters(params: Params): Cluster[] {
  const rng = createRng(num(params, 'seed')).fork('clusters');
  const K = num(params, 'clusters');
  const maxCount = num(params, 'maxCount');
  const spread = num(params, 'normSpread');
  const m0 = num(params, 'm0');
  const init = str(params, 'init');
  const loss = str(params, 'loss') as MarginLoss;
  const level = num(params, 'level');
  const tau = 1 / num(params, 'learningRate');
  const out: Cluster[] = [];
  for (let k = 0; k < K; k++) {
    const n = 1 + Math.floor(rng.uniform() * maxCount);
    const r = spread ** rng.uniform();
    const y = rng.uniform() < 0.5 ? -1 : 1;
    const mk = init === 'weights' ? m0 * r : m0;
    const predicted = (tau * scaledTimeToMargin(loss, level, mk)) / (2 * n * r);
    out.push({ n, r, y, m0: mk, predicted, measured: mk >= level ? 0 : null });
  }
  return out;
}

/** Per cluster (in cluster order) where a value is per item. */
export type SpeedSummary = {
  level: number;
  /** Equal margins only: the slope τF(M; m0)/2 of the law t = τF/(2nr), in steps. */
  lawSlope?: number;
  counts: number[];
  norms: number[];
  initialMargin: number[];
  /** null: the cluster never reaches the level (hinge or squared loss with M ≥ 1 cannot happen here; kept for safety). */
  predictedTime: (number | null)[];
  /** null: not reached within the run. */
  measuredTime: (number | null)[];
  maxRelativeError: number;
  /** (max/min − 1) of measured t × n r over the clusters measured; absent with fewer than two. */
  timeTimesNrSpread?: number;
  runSteps: number;
};

/** The settings of the unit tests (tolerances law and logShift): the defaults with these changes. */
export const LAW_SETTINGS: Params = { clusters: 4, maxCount: 3, normSpread: 2, m0: 0.01, level: 0.5, learningRate: 0.0015, seed: 3 };

function atLawSettings(params: Params): boolean {
  const want = { ...defaults(tachetSpeed), ...LAW_SETTINGS };
  return Object.entries(want).every(([k, v]) => k === 'loss' || k === 'init' || params[k] === v);
}

function checks(params: Params, summary: SpeedSummary): Check[] {
  const law = atLawSettings(params);
  const margins = params.init === 'margin';
  const tol = law ? (margins ? tachetSpeed.tolerances.law.value : params.loss === 'hinge' ? tachetSpeed.tolerances.logShift.value : undefined) : undefined;
  const out: Check[] = [
    {
      label: 'max over clusters of |t(measured) − t(predicted)| / t(predicted)',
      value: summary.maxRelativeError,
      against: 'eq. (S3), t = τF(M; m0)/(2nr)',
      ...(tol !== undefined ? { tolerance: tol } : {}),
    },
  ];
  if (margins && summary.timeTimesNrSpread !== undefined) {
    out.push({
      label: 'spread of t × n r over clusters, max/min − 1',
      value: summary.timeTimesNrSpread,
      against: 'eq. (S3) with equal m0: t × n r is the same for every cluster',
      ...(law ? { tolerance: tachetSpeed.tolerances.law.value } : {}),
    });
  }
  return out;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<SpeedSummary>, void, void> {
  const tf = ctx.tf;
  const loss = str(params, 'loss') as MarginLoss;
  const level = num(params, 'level');
  const lr = num(params, 'learningRate');
  const init = str(params, 'init');
  const m0 = num(params, 'm0');
  const tau = 1 / lr;
  const clusters = makeClusters(params);
  const K = clusters.length;
  const notes: string[] = [];
  const finite = clusters.map((c) => c.predicted).filter(Number.isFinite);
  const longest = finite.length ? Math.max(...finite) : 0;
  let steps = Math.max(20, Math.ceil(1.15 * longest) + 10);
  if (steps > MAX_STEPS) {
    notes.push(`The slowest cluster needs about ${Math.round(longest)} steps; the run stops at ${MAX_STEPS}. Raise the learning rate or narrow the spread.`);
    steps = MAX_STEPS;
  }
  const maxNr = Math.max(...clusters.map((c) => c.n * c.r));
  notes.push(
    `${countWord(K, true)} clusters, n r from ${fmt(Math.min(...clusters.map((c) => c.n * c.r)))} to ${fmt(maxNr)}; learning time = first time the margin reaches ${fmt(level)} (interpolated in ln m between recorded steps); τ = 1/η = ${fmt(tau)} steps; the run lasts ${steps} steps (1.15 × the slowest predicted time).`,
  );
  {
    const lag = Math.log(level / Math.min(...clusters.map((c) => c.m0))) / 4;
    if (lag > 0) {
      notes.push(
        `Discrete steps multiply a balanced margin by (1 + η n r g)² per step instead of e^{2η n r g}; to first order in η n r this delays every cluster by the same number of steps, ln(M/m0)/4 ≈ ${fmt(lag)} (ours), which is ${fmt((100 * lag) / Math.max(1, Math.min(...finite.filter((x) => x > 0))), 2)}% of the fastest cluster's time.`,
      );
    }
  }
  if (init === 'weights') notes.push(`Equal initial weights a0 = √m0 = ${fmt(Math.sqrt(m0))}: each cluster starts at its own margin m₀·rₖ, which shifts its time logarithmically (the open circles no longer lie on one line).`);

  // Data: cluster k along e_k; the network has one unit per cluster, w_k = a0 e_k, v_k = y_k a0.
  const N = clusters.reduce((s, c) => s + c.n, 0);
  const X = new Float32Array(N * K);
  const y = new Float32Array(N);
  const first: number[] = [];
  let row = 0;
  for (const [k, c] of clusters.entries()) {
    first.push(row);
    for (let i = 0; i < c.n; i++, row++) {
      X[row * K + k] = c.r;
      y[row] = c.y;
    }
  }
  const W = new Float32Array(K * K);
  const v = new Float32Array(K);
  for (const [k, c] of clusters.entries()) {
    const a0 = Math.sqrt(c.m0 / c.r);
    W[k * K + k] = a0;
    v[k] = c.y * a0;
  }

  const label = (c: Cluster, k: number) => `cluster ${k + 1} (n = ${c.n}, r = ${fmt(c.r)})`;
  const group = (k: number) => `cluster ${k + 1}`;
  const curves: Series[] = clusters.map((c, k) => ({ name: `${label(c, k)}: margin`, kind: 'margin', group: group(k), panel: 'margins', points: [[0, c.m0]] }));
  const measured: Series[] = clusters.map((c, k) => ({ name: `${label(c, k)}: measured time`, kind: 'measured', group: group(k), panel: 'scatter', points: [] }));
  const predicted: Series[] = clusters.map((c, k) => ({
    name: `${label(c, k)}: predicted time τF(M; m0)/(2nr)`,
    kind: 'predicted',
    group: group(k),
    panel: 'scatter',
    points: Number.isFinite(c.predicted) ? [[1 / (c.n * c.r), c.predicted]] : [],
  }));
  const xMax = Math.max(...clusters.map((c) => 1 / (c.n * c.r)));
  const F = scaledTimeToMargin(loss, level, m0);
  const law: Series[] =
    init === 'margin' && Number.isFinite(F)
      ? [{ name: `law t = τF(M; m0)/2 × 1/(n r)`, kind: 'law', group: 'law', panel: 'scatter', points: [[0, 0], [1.05 * xMax, (1.05 * xMax * tau * F) / 2]] }]
      : [];
  const levelLine: Series = { name: `level m = ${fmt(level)}`, kind: 'level', group: 'level', panel: 'margins', points: [[0, level], [steps, level]] };

  const stride = strideFor(steps, POINTS);
  const frameEvery = Math.max(1, Math.ceil(steps / FRAMES));
  const prev = clusters.map((c) => c.m0);
  let prevT = 0;
  const data = tachetData(tf, [X], [y], [new Float32Array(N).fill(1)], [loss], K);
  let net: TachetNet = tachetNet(tf, 'two-layer', 'relu', [W], [v], K, K);
  const lrT = tf.scalar(lr);
  try {
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<SpeedSummary> => {
      clusters.forEach((c, k) => (measured[k].points = c.measured === null ? [] : [[1 / (c.n * c.r), c.measured]]));
      const summary = summarise(clusters, level, F, tau, init, steps);
      return makeFrame(ID, params, {
        series: snapshot([...law, ...predicted, ...measured, ...curves, levelLine]),
        summary,
        checks: checks(params, summary),
        progress: t / steps,
        step: t,
        status,
        notes: [...notes, ...extra],
      });
    };
    yield frame(0, 'running');
    for (let t = 1; t <= steps; t++) {
      const next = tachetStep(tf, net, data, lrT);
      disposeTachetNet(tf, net);
      net = next;
      const pending = clusters.some((c) => c.measured === null);
      const plot = t % stride === 0 || t === steps;
      if (!(plot || (pending && t % 2 === 0))) continue;
      const m = readMargins(tf, net, data)[0];
      for (const [k, c] of clusters.entries()) {
        const mk = m[first[k]];
        if (blownUp(mk)) {
          yield frame(t, 'diverged', [`Diverged by step ${t}: the learning rate ${fmt(lr)} is too large for the strongest cluster (η n r = ${fmt(lr * maxNr)}).`]);
          return;
        }
        if (c.measured === null && mk >= level) {
          const a = Math.log(Math.max(prev[k], 1e-300));
          const b = Math.log(mk);
          c.measured = b > a ? prevT + ((Math.log(level) - a) / (b - a)) * (t - prevT) : t;
        }
        prev[k] = mk;
        if (plot) curves[k].points.push([t, mk]);
      }
      prevT = t;
      if (t % frameEvery === 0 || t === steps) {
        if (ctx.cancelled()) return;
        const late = clusters.map((c, k) => (c.measured === null ? k + 1 : 0)).filter((k) => k > 0);
        const extra = t === steps && late.length ? [`Cluster${late.length > 1 ? 's' : ''} ${late.join(', ')} did not reach the level within ${steps} steps.`] : [];
        yield frame(t, t === steps ? 'done' : 'running', extra);
      }
    }
  } finally {
    lrT.dispose();
    disposeTachetNet(tf, net);
    disposeTachetData(tf, data);
  }
}

function summarise(clusters: Cluster[], level: number, F: number, tau: number, init: string, runSteps: number): SpeedSummary {
  let worst = 0;
  const prods: number[] = [];
  for (const c of clusters) {
    if (c.measured !== null && c.predicted > 0 && Number.isFinite(c.predicted)) {
      worst = Math.max(worst, Math.abs(c.measured - c.predicted) / c.predicted);
      prods.push(c.measured * c.n * c.r);
    }
  }
  return {
    level,
    ...(init === 'margin' && Number.isFinite(F) ? { lawSlope: (tau * F) / 2 } : {}),
    counts: clusters.map((c) => c.n),
    norms: clusters.map((c) => c.r),
    initialMargin: clusters.map((c) => c.m0),
    predictedTime: clusters.map((c) => (Number.isFinite(c.predicted) ? c.predicted : null)),
    measuredTime: clusters.map((c) => c.measured),
    maxRelativeError: worst,
    ...(prods.length > 1 ? { timeTimesNrSpread: Math.max(...prods) / Math.min(...prods) - 1 } : {}),
    runSteps,
  };
}

function describe(frame: Frame<SpeedSummary>): string {
  const s = frame.summary;
  const done = s.measuredTime.filter((t) => t !== null).length;
  let text = `${countWord(done, true)} of ${s.measuredTime.length} clusters have reached margin ${fmt(s.level)} by step ${frame.step}.`;
  if (done > 0) text += ` Measured learning times are within ${fmt(100 * s.maxRelativeError, 2)}% of the prediction τF/(2nr)`;
  if (s.timeTimesNrSpread !== undefined) text += `, and time × n r varies by ${fmt(100 * s.timeTimesNrSpread, 2)}% across them`;
  if (done > 0) text += '.';
  return `${text} Scatter: learning time against 1/(n r), each cluster's measured time (dot) in its predicted circle${s.lawSlope !== undefined ? ', on the predicted line' : ''}; second panel: each cluster's margin over time.`;
}

export const tachetSpeed: FigureSpec<SpeedSummary> = {
  id: ID,
  title: 'Learning time is proportional to 1/(count × norm)',
  chapter: 'speed',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claims C4 and C5 of the abstract (input norm and frequency set the speed of learning), in this site’s own minimal model; not a figure of the paper.',
  },
  iterative: true,
  deterministic: false,
  params: [
    {
      kind: 'number',
      name: 'clusters',
      label: 'Clusters K',
      doc: 'Number of clusters (orthogonal directions), one hidden unit each; at most 12, one colour per cluster.',
      min: 2,
      max: 12,
      step: 1,
      default: 8,
      integer: true,
    },
    { kind: 'number', name: 'maxCount', label: 'Largest count', doc: 'Each cluster holds nₖ identical examples, nₖ drawn uniformly from 1 to this.', min: 1, max: 20, step: 1, default: 4, integer: true },
    { kind: 'number', name: 'normSpread', label: 'Norm spread', doc: 'Norms rₖ drawn log-uniformly between 1 and this.', min: 1, max: 10, step: 0.1, default: 3 },
    lossParam('Summed over examples; the same 1/(n r) law holds for each, with its own F(M; m0).'),
    {
      kind: 'choice',
      name: 'init',
      label: 'Start',
      doc: 'Equal initial margins m₀ for every cluster, or equal initial weights a₀ = √m₀ (then cluster k starts at m₀·rₖ and its time shifts by a log term).',
      options: [
        { value: 'margin', label: 'equal margins m₀' },
        { value: 'weights', label: 'equal weights a₀ = √m₀' },
      ],
      default: 'margin',
    },
    {
      kind: 'number',
      name: 'm0',
      label: 'Initial margin m₀',
      doc: 'Initial margin (equal margins), or a0² (equal weights).',
      min: 1e-6,
      max: 0.1,
      step: 0,
      scale: 'log',
      values: logValues(1e-6, 0.1),
      default: 1e-3,
    },
    { kind: 'number', name: 'level', label: 'Margin level M', doc: 'A cluster counts as learned when its margin first reaches this level.', min: 0.05, max: 0.95, step: 0.05, default: 0.5 },
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate η',
      doc: 'Step size of full-batch gradient descent; τ = 1/η steps.',
      min: 1e-4,
      max: 0.05,
      step: 0,
      scale: 'log',
      values: logValues(1e-4, 0.05),
      default: 0.005,
    },
    seedParam('Draws the counts, norms and labels of the clusters.'),
  ],
  overlay:
    'The balanced flow τṁ = 2 n r m g(m) (ours) gives each cluster the time t = τF(M; m0)/(2nr) to reach margin M, with F the dimensionless time of the loss: squared ln[M(1−m0)/(m0(1−M))], hinge ln(M/m0), logistic ln(M/m0) + Ei(M) − Ei(m0). One open circle per cluster at its predicted time; with equal margins they lie on the line t ∝ 1/(n r); with equal weights each has its own initial margin a₀²·rₖ.',
  panels: [
    { name: 'scatter', title: 'Learning time against 1/(n r)', x: { label: '1/(n r)' }, y: { label: 'learning time (steps)' } },
    { name: 'margins', title: 'Margin of each cluster over time', x: { label: 'training step' }, y: { label: 'margin m (log scale)', scale: 'log' } },
  ],
  kinds: {
    law: { role: 'guide', style: 'dashed', label: 'law t = τF(M; m₀)/(2nr) for equal margins' },
    predicted: { role: 'theory', style: 'markers', label: 'predicted time, eq. (S3)' },
    measured: { role: 'simulation', style: 'dots', label: 'measured time (margin first reaches M)' },
    margin: { role: 'simulation', style: 'line', label: 'margin (simulation)' },
    level: { role: 'guide', style: 'dotted', label: 'level M' },
  },
  summaryLabels: {
    level: 'margin level M',
    lawSlope: 'slope of the law, τF(M; m₀)/2 (steps; equal margins only)',
    counts: 'count nₖ of each cluster',
    norms: 'norm rₖ of each cluster',
    initialMargin: 'initial margin m₀ of each cluster',
    predictedTime: 'predicted learning time of each cluster, eq. (S3) (steps; null: never)',
    measuredTime: 'measured learning time of each cluster (steps; null: not reached)',
    maxRelativeError: 'max |measured − predicted| / predicted over clusters',
    timeTimesNrSpread: 'measured t × n r over clusters: max/min − 1',
    runSteps: 'length of the run (steps: 1.15 × the slowest predicted time)',
  },
  test: { clusters: 3, maxCount: 2, normSpread: 2, m0: 0.01 },
  tolerances: {
    law: {
      value: 0.015,
      what: '4 clusters, counts 1–3, norms 1–2, equal margins m0 = 0.01, level 0.5, η = 0.0015 (η n r ≤ 0.009), seed 3, each loss: max over clusters of |t_measured − τF/(2nr)| / (τF/(2nr)), and (max/min − 1) of t_measured × n r.',
    },
    logShift: {
      value: 0.015,
      what: 'Same, hinge loss, equal weights a0² = 0.01 (m0,k = 0.01 r_k): |t_measured − τ ln(M/m0,k)/(2nr)| / prediction for every cluster, while t × n r is not constant.',
    },
  },
  departures: ['Not a figure of the paper: the paper’s own settings for C4 and C5 are not known to this site. The model is this site’s minimal setting.'],
  describe,
  run,
};
