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
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { networkFailureProbability, predictedOutcome } from '../analytic/tachet.ts';
import type { UnitsState } from '../nn/tachet-model.ts';
import { unitsMargins, unitsStep } from '../nn/tachet-model.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Frame, Params, RunContext, Series, Summary } from '../spec.ts';
import { fmt, lossParam, makeFrame, num, seedParam, str } from './common.ts';

const ID = 'tachet-failure-rate';
/** The ratios κ = σ_w/σ_v on the horizontal axis. */
export const KAPPAS = [0.1, 0.178, 0.316, 0.562, 1, 1.78, 3.16, 5.62, 10];
const SEED_CHUNK = 50;

export function widthsUpTo(maxWidth: number): number[] {
  const out: number[] = [];
  for (let h = 1; h <= maxWidth; h *= 2) out.push(h);
  if (out[out.length - 1] !== maxWidth) out.push(maxWidth);
  return out;
}

interface Cell {
  kappa: number;
  width: number;
  runs: number;
  failed: number;
  predictedFailed: number;
  agree: number;
  diverged: number;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame, void, void> {
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
  for (const width of widths) for (const kappa of KAPPAS) cells.push({ kappa, width, runs: 0, failed: 0, predictedFailed: 0, agree: 0, diverged: 0 });
  const notes: string[] = [
    `Each point: the fraction of ${seeds} random initialisations whose cluster is still misclassified (margin ≤ 0) after ${steps} steps; the lines are q(κ)^H with q(κ) = 3/4 − arctan(κ)/(2π) (ours, from the failure condition).`,
  ];

  const frame = (done: number, status: Frame['status']): Frame => {
    const series: Series[] = [];
    const summary: Summary = {};
    let agree = 0;
    let total = 0;
    let diverged = 0;
    let worstZ = 0;
    for (const width of widths) {
      const mine = cells.filter((c) => c.width === width);
      series.push({
        name: `width ${width}: failed fraction (simulation)`,
        role: 'simulation',
        group: `width ${width}`,
        points: mine.filter((c) => c.runs > 0).map((c) => [c.kappa, c.failed / c.runs]),
      });
      const line: [number, number][] = [];
      for (let i = 0; i <= 60; i++) {
        const k = 0.1 * 100 ** (i / 60);
        line.push([k, networkFailureProbability(k, width)]);
      }
      series.push({ name: `width ${width}: q(κ)^${width} (failure condition)`, role: 'analytic', group: `width ${width}`, points: line });
      for (const c of mine) {
        agree += c.agree;
        total += c.runs;
        diverged += c.diverged;
        if (c.runs > 0) {
          const p = networkFailureProbability(c.kappa, width);
          const se = Math.sqrt(Math.max(p * (1 - p), 1 / c.runs) / c.runs);
          worstZ = Math.max(worstZ, Math.abs(c.failed / c.runs - p) / se);
        }
      }
      const one = mine.find((c) => c.kappa === 1)!;
      if (one.runs) {
        summary[`width ${width}, κ = 1: failed fraction (simulation)`] = one.failed / one.runs;
        summary[`width ${width}, κ = 1: predicted (5/8)^${width}`] = networkFailureProbability(1, width);
      }
    }
    summary['runs so far'] = total;
    summary['runs whose outcome matches the failure condition'] = total ? agree / total : 0;
    summary['largest deviation from q(κ)^H, in binomial standard errors'] = worstZ;
    summary['diverged runs'] = diverged;
    return makeFrame(ID, params, { series, summary, progress: seeds ? done / seeds : 1, step: done, status, notes });
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
        if (predicted[b]) c.predictedFailed++;
        if (failed === predicted[b]) c.agree++;
      }
    }
    const done = s0 + S;
    if (done < seeds && ctx.cancelled()) return;
    yield frame(done, done >= seeds ? 'done' : 'running');
  }
}

function describe(frame: Frame): string {
  const p = frame.params;
  const s = frame.summary;
  const widths = widthsUpTo(Number(p.maxWidth));
  const parts = widths
    .filter((w) => typeof s[`width ${w}, κ = 1: failed fraction (simulation)`] === 'number')
    .map((w) => `${fmt(100 * Number(s[`width ${w}, κ = 1: failed fraction (simulation)`]), 2)}% at width ${w} (predicted ${fmt(100 * Number(s[`width ${w}, κ = 1: predicted (5/8)^${w}`]), 2)}%)`);
  let text = `Random initialisations of one-cluster ReLU networks, ${String(p.loss)} loss, ${s['runs so far']} runs so far: at equal input and output scales (κ = 1) training failed in ${parts.join(', ')}. `;
  text += `${fmt(100 * Number(s['runs whose outcome matches the failure condition']), 3)}% of runs ended as the failure condition predicts; wider networks fail less often, and a larger input scale κ lowers the failure rate.`;
  return text;
}

export const tachetFailureRate: FigureSpec = {
  id: ID,
  title: 'How often random initialisation leads to failed training',
  chapter: 'failure',
  source: { kind: 'ours', text: 'This site’s extension of claim C3 of Tachet des Combes et al. (2018): failure probability of random initialisations, simulated and derived.' },
  iterative: false,
  params: [
    { kind: 'number', name: 'seeds', label: 'Runs per point', doc: 'Random initialisations per (κ, width) point, trained at once.', min: 25, max: 1000, step: 25, default: 200, integer: true },
    { kind: 'number', name: 'maxWidth', label: 'Largest width H', doc: 'Widths 1, 2, 4, … up to this many hidden units.', min: 1, max: 16, step: 1, default: 8, integer: true },
    {
      kind: 'number',
      name: 'initScale',
      label: 'Init scale σ',
      doc: 'Geometric mean of the input and output weight scales, σ = √(σ_w σ_v); the prediction does not depend on it.',
      min: 0.02,
      max: 2,
      step: 0.1,
      scale: 'log',
      default: 0.5,
    },
    { kind: 'number', name: 'r', label: 'Input norm r', doc: 'Norm of the example; the prediction does not depend on it.', min: 0.25, max: 3, step: 0.05, default: 1 },
    lossParam('Logistic (cross-entropy), hinge or squared loss on the margin.'),
    { kind: 'number', name: 'learningRate', label: 'Learning rate λ', doc: 'Step size of full-batch gradient descent.', min: 0.005, max: 0.5, step: 0.1, scale: 'log', default: 0.1 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Gradient-descent iterations per run.', min: 20, max: 2000, step: 10, default: 200, integer: true, unit: 'iterations' },
    seedParam('Seeds every initialisation (each run has its own substream).'),
  ],
  overlay: 'q(κ)^H with q(κ) = 3/4 − arctan(κ)/(2π): the probability that all H units start in the failure region of the phase diagram (derived here; ours).',
  axes: { x: 'κ = σ_w/σ_v (input-weight scale over output-weight scale)', y: 'fraction of failed runs', xScale: 'log' },
  tolerances: {
    perRun: {
      value: 0.995,
      what: 'Defaults with 50 runs per point: the fraction of runs whose simulated outcome (final margin ≤ 0) equals the failure condition evaluated at their initial weights is at least this (the exceptions start within a step of the separatrix).',
    },
    closedForm: {
      value: 4,
      what: 'Defaults: every point within this many binomial standard errors of q(κ)^H (σ_p = √(p(1−p)/runs)).',
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
