/**
 * Saxe et al. (2014), Fig. 7: singular values of the end-to-end Jacobian J = ∂x^{N_l}/∂x^1 (eq. 22) of a deep tanh
 * network x^{l+1} = g W^{(l+1,l)} tanh(x^l) (eq. 20) with random orthogonal W, for a gain g and an input variance q^1
 * (eq. 21). J is built layer by layer, J ← g W D_l J with D_l = diag(1 − tanh²(x^l)), in Float64 (plain TypeScript);
 * frames stream every few layers. Overlay [ours, not checked against the paper's Appendix G]: the mean-field variance
 * recursion q^{l+1} = g² ∫Dz tanh²(√q^l z), and the mean squared singular value it predicts, Π_l g² ∫Dz tanh'(√q^l z)².
 */
import { jacobianFactor, varianceRecursion } from '../analytic/mean-field.ts';
import { mulInto, singularValues } from '../linalg.ts';
import { haarOrthogonal } from '../nn/haar.ts';
import { createRng } from '../rng.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { logValues } from '../params.ts';
import { fmt, makeFrame, num, seedParam } from './common.ts';
import { fractionWhere, histogramSteps, mean } from './initialization.ts';

const ID = 'saxe-edge-of-chaos';
const FRAMES = 10;
const BINS = 32;
const FLOOR = 1e-8;
/** One network, one colour: the histogram and the variance curves belong together. */
const GROUP = 'tanh network';

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * At large gain J's singular values span 40 decades; those of the multiplied-out J are right (to 1%) only down to
 * about 1e-16 σ_max, lost below that to rounding in the product (measured against engine/linalg/product.ts at g = 1.3).
 * The histogram shows everything below 1e-8 σ_max at that floor.
 */
function resolved(sv: Float64Array): Float64Array {
  const floor = sv[0] * FLOOR;
  return sv.map((v) => Math.max(v, floor));
}

function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs, (x) => (x - m) ** 2));
}

/** The Jacobian's spectrum and the activity variance after `layers` layers (the frame's layer). */
export type EdgeOfChaosSummary = {
  layers: number;
  medianSigma: number;
  largestSigma: number;
  smallestSigma: number;
  stdLog10Sigma: number;
  fractionNearMedian: number;
  meanSigmaSq: number;
  meanSigmaSqMeanField: number;
  qNetwork: number;
  qRecursion: number;
  maxRelativeGapQ: number;
  qFixedPoint: number;
};

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<EdgeOfChaosSummary>, void, void> {
  const g = num(params, 'gain');
  const q1 = num(params, 'inputVariance');
  const N = num(params, 'size');
  const layers = num(params, 'layers'); // N_l: x^1 … x^{N_l}, so N_l − 1 weight matrices
  const steps = layers - 1;
  const rng = createRng(num(params, 'seed'));
  const xr = rng.fork('input');
  // The input is a Gaussian direction scaled so that its population variance (eq. 21) is exactly q^1.
  let x = Float64Array.from({ length: N }, () => xr.normal());
  const scale = Math.sqrt(q1 / mean(x, (v) => v * v));
  x = x.map((v) => v * scale);
  const qSim: [number, number][] = [[1, mean(x, (v) => v * v)]];
  const qTheory = varianceRecursion(q1, g, layers);
  const chi = Array.from(qTheory, (q) => jacobianFactor(q, g));
  const analytic: Series = {
    name: 'qˡ, mean-field recursion (ours)',
    kind: 'recursion',
    group: GROUP,
    panel: 'variance',
    points: Array.from(qTheory, (q, i) => [i + 1, q] as [number, number]),
  };
  const notes = [
    `${N} tanh units per layer, ${layers} layers (${steps} orthogonal weight matrices times g = ${fmt(g)}), input x¹ a random Gaussian direction with population variance q¹ = ${fmt(q1)}.`,
    'Singular values below 1e-8 times the largest are shown at that floor.',
    'The dashed curve is the mean-field recursion qˡ⁺¹ = g² ∫Dz tanh²(√qˡ z), this site’s addition; the paper computes q∞(g) in its Appendix G, which we have not checked it against.',
  ];
  let J: Float64Array | null = null;
  let spectrum: Float64Array = new Float64Array(0);
  let meanSqTheory = 1;
  const every = Math.max(1, Math.ceil(steps / FRAMES));
  const tmp = new Float64Array(N * N);
  const gwd = new Float64Array(N * N);
  for (let l = 1; l <= steps; l++) {
    const W = haarOrthogonal(N, rng.fork(`layer ${l}`));
    // D_l and the next activity.
    const h = new Float64Array(N);
    const d = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const t = Math.tanh(x[i]);
      h[i] = t;
      d[i] = 1 - t * t;
    }
    const next = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += W[i * N + j] * h[j];
      next[i] = g * s;
    }
    // J ← g W D J (J starts as the identity).
    for (let i = 0; i < N; i++) for (let k = 0; k < N; k++) gwd[i * N + k] = g * W[i * N + k] * d[k];
    if (!J) J = gwd.slice();
    else J.set(mulInto(gwd, J, N, N, N, tmp));
    meanSqTheory *= chi[l - 1];
    x = next;
    qSim.push([l + 1, mean(x, (v) => v * v)]);
    // A wide network takes seconds per frame: keep the progress bar and Cancel alive between layers.
    await ctx.progress?.(l / steps);
    if (ctx.cancelled()) return;
    if (l % every !== 0 && l !== steps) continue;
    spectrum = resolved(singularValues(J, N));
    const done = l === steps;
    const summary = summarise(spectrum, qSim, qTheory, l + 1, meanSqTheory, g);
    yield makeFrame(ID, params, {
      series: series(spectrum, qSim, analytic, l + 1),
      summary,
      checks: checks(summary),
      progress: l / steps,
      step: l + 1,
      status: done ? 'done' : 'running',
      notes,
    });
  }
}

function series(sv: Float64Array, qSim: [number, number][], analytic: Series, layer: number): Series[] {
  const logs = Array.from(sv, (v) => Math.log10(v));
  let lo = Math.min(...logs);
  let hi = Math.max(...logs);
  if (hi - lo < 0.5) [lo, hi] = [(lo + hi) / 2 - 0.25, (lo + hi) / 2 + 0.25];
  const pad = 0.03 * (hi - lo);
  return [
    { name: `singular values of J after ${layer} layers (simulation)`, kind: 'histogram', group: GROUP, panel: 'spectrum', points: histogramSteps(logs, lo - pad, hi + pad, BINS) },
    { name: 'qˡ, network (simulation)', kind: 'variance', group: GROUP, panel: 'variance', points: qSim.slice() },
    { ...analytic, points: analytic.points.slice(0, layer) },
  ];
}

function summarise(sv: Float64Array, qSim: [number, number][], qTheory: Float64Array, layer: number, meanSqTheory: number, g: number): EdgeOfChaosSummary {
  const med = median(sv);
  const logs = Array.from(sv, (v) => Math.log10(v));
  let maxRel = 0;
  for (const [l, q] of qSim) maxRel = Math.max(maxRel, Math.abs(q - qTheory[l - 1]) / Math.max(qTheory[l - 1], 1e-12));
  return {
    layers: layer,
    medianSigma: med,
    largestSigma: sv[0],
    smallestSigma: sv[sv.length - 1],
    stdLog10Sigma: std(logs),
    fractionNearMedian: fractionWhere(sv, (v) => v >= med / 2 && v <= 2 * med),
    meanSigmaSq: mean(sv, (v) => v * v),
    meanSigmaSqMeanField: meanSqTheory,
    qNetwork: qSim[qSim.length - 1][1],
    qRecursion: qTheory[layer - 1],
    maxRelativeGapQ: maxRel,
    qFixedPoint: g <= 1 ? 0 : qTheory[qTheory.length - 1],
  };
}

/** Gaps to the mean-field recursion (ours); the unit tests hold them only at N = 200, 30 layers, g = 1.1, so no tolerance here. */
function checks(s: EdgeOfChaosSummary): Check[] {
  return [
    { label: 'max over layers of |qˡ − qˡ(recursion)| / qˡ(recursion)', value: s.maxRelativeGapQ, against: 'mean-field recursion (ours)' },
    { label: '|mean σ² − Π χ| / Π χ, mean squared singular value of J', value: Math.abs(s.meanSigmaSq - s.meanSigmaSqMeanField) / s.meanSigmaSqMeanField, against: 'mean-field product (ours)' },
  ];
}

function describe(frame: Frame<EdgeOfChaosSummary>): string {
  const s = frame.summary;
  const g = Number(frame.params.gain);
  return (
    `Gain g = ${fmt(g)}, input variance ${fmt(Number(frame.params.inputVariance))}, after ${s.layers} layers: the Jacobian's median singular value is ${fmt(s.medianSigma)}, ` +
    `${fmt(100 * s.fractionNearMedian)}% of its singular values lie within a factor 2 of the median, and log10 σ has a spread (std) of ${fmt(s.stdLog10Sigma)}. ` +
    `The activity variance is ${fmt(s.qNetwork)} (mean-field recursion: ${fmt(s.qRecursion)}).`
  );
}

export const saxeEdgeOfChaos: FigureSpec<EdgeOfChaosSummary> = {
  id: ID,
  title: 'Deep tanh networks at the edge of chaos',
  chapter: 'initialization',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 7: singular values of the end-to-end Jacobian (eq. 22) of a deep tanh network with orthogonal weights times a gain g (eq. 20), for several g and input variances q¹.',
  },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'gain', label: 'Gain g', doc: 'Scale of the orthogonal weights; the paper’s critical gain for tanh is 1.', min: 0.8, max: 1.3, step: 0.01, default: 1 },
    {
      kind: 'number',
      name: 'inputVariance',
      label: 'Input variance q¹',
      doc: 'Variance of the input entries; large values drive tanh deep into saturation.',
      min: 0.1,
      max: 10,
      step: 0,
      scale: 'log',
      values: logValues(0.1, 10),
      default: 1,
    },
    { kind: 'number', name: 'size', label: 'Width N', doc: 'Units per layer (paper: 1000).', min: 50, max: 300, step: 10, default: 100, integer: true },
    { kind: 'number', name: 'layers', label: 'Layers Nₗ', doc: 'Number of layers, so Nₗ − 1 weight matrices (paper: 100).', min: 10, max: 100, step: 1, default: 100, integer: true },
    seedParam('Seeds the input and the orthogonal weights; the same seed gives the same spectrum.'),
  ],
  overlay:
    'Ours, not checked against the paper’s Appendix G: the mean-field variance recursion qˡ⁺¹ = g² ∫Dz tanh²(√qˡ z) (Gauss–Hermite quadrature), drawn against the network’s measured qˡ; and its prediction of the mean squared singular value, the product over layers of g² ∫Dz tanh′(√qˡ z)², in the summary.',
  panels: [
    { name: 'spectrum', title: 'Singular values of the end-to-end Jacobian', x: { label: 'log₁₀ σ (singular value of the Jacobian)' }, y: { label: 'density per unit of log₁₀ σ' } },
    { name: 'variance', title: 'Activity variance qˡ across layers', x: { label: 'layer l' }, y: { label: 'qˡ (population variance of xˡ)', scale: 'log' } },
  ],
  kinds: {
    histogram: { role: 'simulation', style: 'step', label: 'singular values of J, histogram (simulation)' },
    variance: { role: 'simulation', style: 'line', label: 'qˡ of the network (simulation)' },
    recursion: { role: 'theory', style: 'dashed', label: 'mean-field recursion (ours)' },
  },
  summaryLabels: {
    layers: 'layers so far',
    medianSigma: 'median singular value σ of J',
    largestSigma: 'largest σ',
    smallestSigma: 'smallest σ (floored at 1e-8 of the largest)',
    stdLog10Sigma: 'std of log₁₀ σ',
    fractionNearMedian: 'fraction of σ within a factor 2 of the median',
    meanSigmaSq: 'mean σ²',
    meanSigmaSqMeanField: 'mean σ², mean-field product (ours)',
    qNetwork: 'activity variance q at the last layer, network',
    qRecursion: 'activity variance q at the last layer, mean-field recursion (ours)',
    maxRelativeGapQ: 'max relative gap of qˡ from the recursion',
    qFixedPoint: 'fixed point q∞ of the recursion (ours; 0 for g ≤ 1)',
  },
  test: { size: 50, layers: 20 },
  tolerances: {
    criticalGain: {
      value: 1e-6,
      what: 'Mean-field recursion from q¹ = 1 after 1000 layers: q < 1e-6 for g = 0.9; q within 1e-6 of its fixed point q∞ > 0.1 for g = 1.1; decaying like 1/l at g = 1.',
    },
    varianceVsRecursion: {
      value: 0.15,
      what: 'Network N = 200, 30 layers, g = 1.1, q¹ = 1, seed 1: max over layers of |qˡ(network) − qˡ(recursion)| / qˡ(recursion).',
    },
    meanSquare: {
      value: 0.25,
      what: 'Same network: |mean σ² − Π_l χ_l| / Π_l χ_l, the Jacobian’s mean squared singular value against the mean-field product.',
    },
    isometry: {
      value: 0.4,
      what: 'Defaults (N = 100, 100 layers, q¹ = 1, seed 1): at g = 1 at least 40% of the singular values lie within a factor 2 of their median (measured 50%); at g = 0.9 (N = 50) the median is below 1e-3 of its value at g = 1.',
    },
  },
  departures: [
    'Width N = 100 by default instead of the paper’s 1000, so that the 99 layers run in about a second in the browser; the depth (100 layers) is the paper’s. Finite width makes the spectrum noisier and its edges softer.',
    'The paper shows a grid of (g, q) panels; here one (g, q) pair at a time, streamed every 10 layers, with the activity variance qˡ beside it.',
    'Singular values are drawn as a density over log10 σ, since below g = 1 they shrink by many orders of magnitude.',
  ],
  describe,
  run,
};
