/**
 * Claim C3 of Tachet des Combes et al. (2018) beyond the phase diagram (ours): how often does training from a
 * random initialisation fail? Model (spec tachet-2018.md §2.6, ours): one cluster of n = 1 example of norm r,
 * label +1, a two-layer network of H ReLU units f(x) = Σ_j v_j ReLU(w_j·x), full-batch gradient descent.
 * Only the component of w_j along the cluster moves, so unit j is the point (z_j, y_j) = (v_j, r w_j·e) of the
 * phase diagram. Initialisation: w ~ N(0, σ_w²), v ~ N(0, σ_v²) with σ_w = σ√κ, σ_v = σ/√κ (κ = σ_w/σ_v).
 *
 * "Failed training": the cluster ends misclassified, final margin m = Σ_j v_j ReLU(y_j) ≤ 0. Under the flow
 * this happens iff every unit starts in the failure region of the phase diagram (all units share the factor
 * g(m) > 0, so each moves along its own hyperbola; one unit in the success region drives m above 0, and units in
 * the failure region only ever contribute m ≤ 0 and die). Hence (failure page, eq. (S3))
 *   P(fail) = q(κ)^H,  q(κ) = 3/4 − arctan(κ)/(2π),  independent of σ and of r.
 * Every κ, width and seed trains at once as one batch of elementwise tensor operations; seeds stream in chunks.
 * Each point carries a Wilson score interval (a binomial confidence interval for the measured fraction) at the
 * normal quantile z that makes the intervals of all points together a 95% confidence band (Bonferroni): if the
 * prediction is right, every bar contains its line in at least 95% of runs of the figure.
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { networkFailureProbability, predictedOutcome } from '../analytic/tachet.ts';
import type { UnitsState } from '../nn/tachet-model.ts';
import { unitsMargins, unitsStep } from '../nn/tachet-model.ts';
import { defaults, logValues } from '../params.ts';
import { createRng } from '../rng.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { fmt, lossParam, makeFrame, num, seedParam, str } from './common.ts';

const ID = 'tachet-failure-rate';
/** The ratios κ = σ_w/σ_v on the horizontal axis. */
export const KAPPAS = [0.1, 0.178, 0.316, 0.562, 1, 1.78, 3.16, 5.62, 10];
/** Runs per (κ, width) point trained in one batch (one frame each). */
const SEED_CHUNK = 100;
/** Joint confidence of the intervals drawn (all points together). */
export const CONFIDENCE = 0.95;
/** Runs per point: the control's range (stated in its doc). */
export const SEEDS_MIN = 50;
export const SEEDS_MAX = 5000;
export const SEEDS_DEFAULT = 2000;

export function widthsUpTo(maxWidth: number): number[] {
  const out: number[] = [];
  for (let h = 1; h <= maxWidth; h *= 2) out.push(h);
  if (out[out.length - 1] !== maxWidth) out.push(maxWidth);
  return out;
}

/** The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p = ${p} is not in (0, 1)`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < lo ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** The quantile z for intervals that hold jointly for `points` points at CONFIDENCE (two-sided, Bonferroni). */
export function jointZ(points: number, confidence = CONFIDENCE): number {
  return normalQuantile(1 - (1 - confidence) / (2 * Math.max(1, points)));
}

/** The Wilson score interval for k successes in n trials at normal quantile z. */
export function wilsonInterval(k: number, n: number, z: number): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Per width (in the order of `widths`) where a value is per item. */
export type FailureRateSummary = {
  widths: number[];
  runsPerPoint: number;
  runs: number;
  /** The normal quantile of the intervals: jointly 95% over all points (Bonferroni). */
  intervalZ: number;
  /** Measured failed fraction at κ = 1 for each width, with its Wilson interval at intervalZ. */
  failedFractionAtKappa1: number[];
  intervalLowAtKappa1: number[];
  intervalHighAtKappa1: number[];
  /** q(1)^H = (5/8)^H for each width. */
  predictedAtKappa1: number[];
  fractionMatchingCondition: number;
  largestDeviationInStandardErrors: number;
  pointsOutsideInterval: number;
  points: number;
  divergedRuns: number;
};

interface Cell {
  kappa: number;
  width: number;
  runs: number;
  failed: number;
  agree: number;
  diverged: number;
}

/** The settings at which the unit tests hold the tolerances perRun and closedForm: the defaults with these changes. */
export const TEST_SETTINGS: Params = { seeds: 50, maxWidth: 4 };

function atTestSettings(params: Params): boolean {
  const want = { ...defaults(tachetFailureRate), ...TEST_SETTINGS };
  return Object.entries(want).every(([k, v]) => params[k] === v);
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<FailureRateSummary>, void, void> {
  const tf = ctx.tf;
  const seeds = num(params, 'seeds');
  const maxWidth = num(params, 'maxWidth');
  const sigma = num(params, 'initScale');
  const loss = str(params, 'loss') as MarginLoss;
  const r = num(params, 'r');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const seed = num(params, 'seed');
  const widths = widthsUpTo(maxWidth);
  const H = maxWidth;
  const cells: Cell[] = [];
  for (const width of widths) for (const kappa of KAPPAS) cells.push({ kappa, width, runs: 0, failed: 0, agree: 0, diverged: 0 });
  const tested = atTestSettings(params);
  const notes: string[] = [
    `Each point: the fraction of ${seeds} random initialisations whose cluster is still misclassified (margin ≤ 0) after ${steps} steps; the lines are q(κ)^H with q(κ) = 3/4 − arctan(κ)/(2π) (ours, from the failure condition).`,
  ];
  const zJoint = jointZ(cells.length);
  notes.push(
    `Bars: Wilson score intervals at z = ${fmt(zJoint)}, so that the ${cells.length} bars together are a 95% confidence band (Bonferroni; each bar alone is a ${fmt(100 * (1 - 0.05 / cells.length), 4)}% interval): if the prediction is right, all of them contain their line in at least 95% of runs.`,
  );

  const frame = (done: number, status: Frame['status']): Frame<FailureRateSummary> => {
    const series: Series[] = [];
    let agree = 0;
    let total = 0;
    let diverged = 0;
    let worstZ = 0;
    let outside = 0;
    let points = 0;
    const at1 = { f: [] as number[], lo: [] as number[], hi: [] as number[], p: [] as number[] };
    for (const width of widths) {
      const group = `width ${width}`;
      const mine = cells.filter((c) => c.width === width && c.runs > 0);
      const bounds = mine.map((c) => wilsonInterval(c.failed, c.runs, zJoint));
      series.push({ name: `${group}: failed fraction (simulation)`, kind: 'measured', group, points: mine.map((c) => [c.kappa, c.failed / c.runs]) });
      series.push({ name: `${group}: interval (joint 95%), lower end`, kind: 'interval', group, points: mine.map((c, i) => [c.kappa, bounds[i][0]]) });
      series.push({ name: `${group}: interval (joint 95%), upper end`, kind: 'interval', group, points: mine.map((c, i) => [c.kappa, bounds[i][1]]) });
      const line: [number, number][] = [];
      for (let i = 0; i <= 60; i++) {
        const k = 0.1 * 100 ** (i / 60);
        line.push([k, networkFailureProbability(k, width)]);
      }
      series.push({ name: `${group}: q(κ)^${width}, eq. (S3)`, kind: 'prediction', group, points: line });
      mine.forEach((c, i) => {
        agree += c.agree;
        total += c.runs;
        diverged += c.diverged;
        const p = networkFailureProbability(c.kappa, width);
        const se = Math.sqrt(Math.max(p * (1 - p), 1 / c.runs) / c.runs);
        worstZ = Math.max(worstZ, Math.abs(c.failed / c.runs - p) / se);
        if (p < bounds[i][0] || p > bounds[i][1]) outside++;
        points++;
        if (c.kappa === 1) {
          at1.f.push(c.failed / c.runs);
          at1.lo.push(bounds[i][0]);
          at1.hi.push(bounds[i][1]);
          at1.p.push(p);
        }
      });
    }
    const summary: FailureRateSummary = {
      widths,
      runsPerPoint: done,
      runs: total,
      intervalZ: zJoint,
      failedFractionAtKappa1: at1.f,
      intervalLowAtKappa1: at1.lo,
      intervalHighAtKappa1: at1.hi,
      predictedAtKappa1: at1.p,
      fractionMatchingCondition: total ? agree / total : 0,
      largestDeviationInStandardErrors: worstZ,
      pointsOutsideInterval: outside,
      points,
      divergedRuns: diverged,
    };
    const checks: Check[] = [
      {
        label: 'fraction of runs whose outcome differs from the failure condition at their initial weights',
        value: total ? 1 - agree / total : 0,
        against: 'failure condition (S2)',
        ...(tested ? { tolerance: tachetFailureRate.tolerances.perRun.value } : {}),
      },
      {
        label: 'largest |measured − q(κ)^H| over the points, in binomial standard errors √(p(1−p)/runs)',
        value: worstZ,
        against: 'eq. (S3), q(κ)^H',
        ...(tested ? { tolerance: tachetFailureRate.tolerances.closedForm.value } : {}),
      },
      { label: `points whose interval (joint 95%, z = ${fmt(zJoint)}) misses q(κ)^H, of ${points}`, value: outside, against: 'eq. (S3), q(κ)^H' },
    ];
    return makeFrame(ID, params, { series, summary, checks, progress: seeds ? done / seeds : 1, step: done, status, notes });
  };

  for (let s0 = 0; s0 < seeds; s0 += SEED_CHUNK) {
    const S = Math.min(SEED_CHUNK, seeds - s0);
    const B = S * cells.length;
    const Z = new Float32Array(B * H);
    const Y = new Float32Array(B * H);
    const predicted: boolean[] = [];
    let b = 0;
    for (const c of cells) {
      const sw = sigma * Math.sqrt(c.kappa);
      const sv = sigma / Math.sqrt(c.kappa);
      for (let s = s0; s < s0 + S; s++, b++) {
        const rng = createRng(seed).fork(`run/${c.width}/${c.kappa}/${s}`);
        let fails = true;
        for (let j = 0; j < c.width; j++) {
          const y = Math.fround(r * sw * rng.normal());
          const z = Math.fround(sv * rng.normal());
          Y[b * H + j] = y;
          Z[b * H + j] = z;
          if (predictedOutcome(z, y, r) === 'success') fails = false;
        }
        predicted.push(fails);
      }
    }
    let state: UnitsState = { Z: tf.tensor2d(Z, [B, H]), Y: tf.tensor2d(Y, [B, H]) };
    let margins: Float32Array;
    try {
      for (let t = 0; t < steps; t++) {
        const next = unitsStep(tf, state, loss, r, 1, lr, false);
        tf.dispose([state.Z, state.Y]);
        state = next;
      }
      margins = unitsMargins(tf, state, false);
    } finally {
      tf.dispose([state.Z, state.Y]);
    }
    b = 0;
    for (const c of cells) {
      for (let s = 0; s < S; s++, b++) {
        const m = margins[b];
        const bad = !Number.isFinite(m) || Math.abs(m) > 1e6;
        const failed = bad || m <= 0;
        c.runs++;
        if (bad) c.diverged++;
        if (failed) c.failed++;
        if (failed === predicted[b]) c.agree++;
      }
    }
    const done = s0 + S;
    if (done < seeds && ctx.cancelled()) return;
    yield frame(done, done >= seeds ? 'done' : 'running');
  }
}

function describe(frame: Frame<FailureRateSummary>): string {
  const p = frame.params;
  const s = frame.summary;
  const pct = (x: number) => `${fmt(100 * x, 3)}%`;
  const parts = s.widths.map(
    (w, i) => `${pct(s.failedFractionAtKappa1[i])} at width ${w} (interval ${pct(s.intervalLowAtKappa1[i])}–${pct(s.intervalHighAtKappa1[i])}; predicted ${pct(s.predictedAtKappa1[i])})`,
  );
  let text = `Random initialisations of one-cluster ReLU networks, ${String(p.loss)} loss, ${s.runsPerPoint} runs per point (${s.runs} in all): at equal input and output scales (κ = 1) training failed in ${parts.join(', ')}. `;
  text += `${fmt(100 * s.fractionMatchingCondition, 4)}% of runs ended as the failure condition predicts; ${s.pointsOutsideInterval} of the ${s.points} intervals (jointly 95%) miss the predicted line. Wider networks fail less often, and a larger input scale κ lowers the failure rate.`;
  return text;
}

export const tachetFailureRate: FigureSpec<FailureRateSummary> = {
  id: ID,
  title: 'How often random initialisation leads to failed training',
  chapter: 'failure',
  source: { kind: 'ours', text: 'This site’s extension of claim C3 of Tachet des Combes et al. (2018): failure probability of random initialisations, simulated and derived.' },
  iterative: false,
  deterministic: false,
  params: [
    {
      kind: 'number',
      name: 'seeds',
      label: 'Runs per point',
      doc: `Random initialisations per (κ, width) point, trained at once: ${SEEDS_MIN} to ${SEEDS_MAX} in steps of 50 (the interval of a point narrows like 1/√runs).`,
      min: SEEDS_MIN,
      max: SEEDS_MAX,
      step: 50,
      default: SEEDS_DEFAULT,
      integer: true,
    },
    { kind: 'number', name: 'maxWidth', label: 'Largest width H', doc: 'Widths 1, 2, 4, … up to this many hidden units.', min: 1, max: 16, step: 1, default: 8, integer: true },
    {
      kind: 'number',
      name: 'initScale',
      label: 'Init scale σ',
      doc: 'Geometric mean of the input and output weight scales, σ = √(σw·σv); the prediction does not depend on it.',
      min: 0.02,
      max: 2,
      step: 0,
      scale: 'log',
      values: logValues(0.02, 2),
      default: 0.5,
    },
    { kind: 'number', name: 'r', label: 'Input norm r', doc: 'Norm of the example; the prediction does not depend on it.', min: 0.25, max: 3, step: 0.05, default: 1 },
    lossParam('Logistic (cross-entropy), hinge or squared loss on the margin.'),
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate λ',
      doc: 'Step size of full-batch gradient descent.',
      min: 0.005,
      max: 0.5,
      step: 0,
      scale: 'log',
      values: logValues(0.005, 0.5),
      default: 0.1,
    },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Gradient-descent iterations per run.', min: 20, max: 2000, step: 10, default: 200, integer: true, unit: 'iterations' },
    seedParam('Seeds every initialisation (each run has its own substream).'),
  ],
  overlay:
    'q(κ)^H with q(κ) = 3/4 − arctan(κ)/(2π): the probability that all H units start in the failure region of the phase diagram (derived here; ours). Bars: Wilson score intervals of each measured fraction (binomial, runs per point) at z = Φ⁻¹(1 − 0.025/points), e.g. z = 3.19 for the 36 points of the default: together a 95% confidence band (Bonferroni), so if the prediction is right all bars contain their line in at least 95% of runs.',
  panels: [
    {
      name: 'main',
      title: 'Fraction of failed runs against the scale ratio κ',
      // Short enough for a phone: the controls and the chapter say what σw and σv are.
      x: { label: 'κ = σw/σv (input over output weight scale)', scale: 'log' },
      y: { label: 'fraction of failed runs' },
    },
  ],
  kinds: {
    prediction: { role: 'theory', style: 'dashed', label: 'q(κ)^H, eq. (S3)' },
    interval: { role: 'simulation', style: 'rule', label: 'Wilson interval, jointly 95% over all points' },
    measured: { role: 'simulation', style: 'dots', label: 'failed fraction (simulation)' },
  },
  summaryLabels: {
    widths: 'widths H shown',
    runsPerPoint: 'runs per point so far',
    runs: 'runs so far, all points',
    intervalZ: 'normal quantile z of the intervals (jointly 95% over all points, Bonferroni)',
    failedFractionAtKappa1: 'failed fraction at κ = 1, per width (simulation)',
    intervalLowAtKappa1: 'lower end of its Wilson interval (joint 95%), per width',
    intervalHighAtKappa1: 'upper end of its Wilson interval (joint 95%), per width',
    predictedAtKappa1: 'predicted failure probability at κ = 1, (5/8)^H, per width',
    fractionMatchingCondition: 'fraction of runs whose outcome matches the failure condition at their initial weights',
    largestDeviationInStandardErrors: 'largest deviation from q(κ)^H over the points, in binomial standard errors',
    pointsOutsideInterval: 'points whose interval (joint 95%) misses q(κ)^H',
    points: 'points (κ, width) measured',
    divergedRuns: 'diverged runs',
  },
  test: { seeds: 400, maxWidth: 2, steps: 60 },
  tolerances: {
    perRun: {
      value: 0.005,
      what: 'Defaults with 50 runs per point and widths up to 4: the fraction of runs whose simulated outcome (final margin ≤ 0) differs from the failure condition evaluated at their initial weights is at most this (the exceptions start within a step of the separatrix).',
    },
    closedForm: {
      value: 4,
      what: 'Defaults with 50 runs per point and widths up to 4: every point within this many binomial standard errors of q(κ)^H (standard error √(p(1−p)/runs)).',
    },
    monteCarlo: { value: 0.01, what: 'q(κ) against the fraction of 2×10⁵ Float64 Gaussian draws meeting the failure condition, κ ∈ {0.1, 1, 10}, r ∈ {0.5, 2}: absolute difference.' },
  },
  departures: [
    'The paper shows failure regions but, as far as we know, no failure rate; this figure, its model (one cluster, H units) and its prediction are our own.',
    'Discrete gradient descent for a finite number of steps: with a tiny init scale or learning rate, runs that start in the success region with z < 0 have not yet crossed to a positive margin by the end, and count as failed although the flow would succeed.',
  ],
  describe,
  run,
};
