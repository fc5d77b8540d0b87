/**
 * Saxe et al. (2014), Fig. 7: singular values of the end-to-end Jacobian J = ∂x^{N_l}/∂x^1 (eq. 22) of a deep tanh
 * network x^{l+1} = g W^{(l+1,l)} tanh(x^l) (eq. 20) with random orthogonal W, for a gain g and an input variance q^1
 * (eq. 21). J is built layer by layer, J ← g W D_l J with D_l = diag(1 − tanh²(x^l)), in Float64 (plain TypeScript);
 * frames stream every few layers. Overlay [ours, not checked against the paper's Appendix G]: the mean-field variance
 * recursion q^{l+1} = g² ∫Dz tanh²(√q^l z), and the mean squared singular value it predicts, Π_l g² ∫Dz tanh'(√q^l z)².
 */
import { jacobianFactor, varianceRecursion } from '../analytic/mean-field.ts';
import { singularValues } from '../linalg-eig.ts';
import { haarOrthogonal } from '../nn/haar.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Frame, Params, RunContext, Series, Summary } from '../spec.ts';
import { fmt, makeFrame, num, seedParam } from './common.ts';
import { fractionWhere, histogramSteps, mean } from './initialization.ts';

const ID = 'saxe-edge-of-chaos';
const FRAMES = 10;
const BINS = 32;
const FLOOR = 1e-8;

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Singular values below 1e-8 σ_max are not resolved (Gram-matrix SVD, rounding in the product): floor them there. */
function resolved(sv: Float64Array): Float64Array {
  const floor = sv[0] * FLOOR;
  return sv.map((v) => Math.max(v, floor));
}

function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs, (x) => (x - m) ** 2));
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame, void, void> {
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
    name: 'q^l, mean-field recursion (ours)',
    role: 'analytic',
    group: 'variance',
    panel: 'variance',
    points: Array.from(qTheory, (q, i) => [i + 1, q] as [number, number]),
  };
  const notes = [
    `${N} tanh units per layer, ${layers} layers (${steps} orthogonal weight matrices times g = ${fmt(g)}), input x^1 a random Gaussian direction with population variance q^1 = ${fmt(q1)}.`,
    'Singular values below 1e-8 times the largest are not resolved in double precision and are shown at that floor.',
    'The dashed curve is the mean-field recursion q^{l+1} = g² ∫Dz tanh²(√q^l z), this site’s addition; the paper computes q^∞(g) in its Appendix G, which we have not checked it against.',
  ];
  let J: Float64Array | null = null;
  let spectrum: Float64Array = new Float64Array(0);
  let meanSqTheory = 1;
  const every = Math.max(1, Math.ceil(steps / FRAMES));
  const tmp = new Float64Array(N * N);
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
    if (!J) {
      J = new Float64Array(N * N);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) J[i * N + j] = g * W[i * N + j] * d[j];
    } else {
      tmp.fill(0);
      for (let i = 0; i < N; i++) {
        const ti = i * N;
        for (let k = 0; k < N; k++) {
          const a = g * W[i * N + k] * d[k];
          if (a === 0) continue;
          const jk = k * N;
          for (let j = 0; j < N; j++) tmp[ti + j] += a * J[jk + j];
        }
      }
      J.set(tmp);
    }
    meanSqTheory *= chi[l - 1];
    x = next;
    qSim.push([l + 1, mean(x, (v) => v * v)]);
    if (l % every !== 0 && l !== steps) continue;
    if (ctx.cancelled()) return;
    spectrum = resolved(singularValues(J, N));
    const done = l === steps;
    yield makeFrame(ID, params, {
      series: series(spectrum, qSim, analytic, l + 1),
      summary: summarise(spectrum, qSim, qTheory, l + 1, meanSqTheory, g),
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
    { name: `singular values of J after ${layer} layers (simulation)`, role: 'simulation', group: 'spectrum', panel: 'spectrum', points: histogramSteps(logs, lo - pad, hi + pad, BINS) },
    { name: 'q^l, network (simulation)', role: 'simulation', group: 'variance', panel: 'variance', points: qSim.slice() },
    { ...analytic, points: analytic.points.slice(0, layer) },
  ];
}

function summarise(sv: Float64Array, qSim: [number, number][], qTheory: Float64Array, layer: number, meanSqTheory: number, g: number): Summary {
  const med = median(sv);
  const logs = Array.from(sv, (v) => Math.log10(v));
  const qLast = qSim[qSim.length - 1][1];
  const qT = qTheory[layer - 1];
  let maxRel = 0;
  for (const [l, q] of qSim) maxRel = Math.max(maxRel, Math.abs(q - qTheory[l - 1]) / Math.max(qTheory[l - 1], 1e-12));
  return {
    layers: layer,
    'median σ': med,
    'largest σ': sv[0],
    'smallest σ': sv[sv.length - 1],
    'std of log10 σ': std(logs),
    'fraction of σ within a factor 2 of the median': fractionWhere(sv, (v) => v >= med / 2 && v <= 2 * med),
    'mean σ²': mean(sv, (v) => v * v),
    'mean σ², mean-field (ours)': meanSqTheory,
    [`q^${layer}, network`]: qLast,
    [`q^${layer}, mean-field recursion (ours)`]: qT,
    'max relative gap of q^l from the recursion': maxRel,
    'fixed point q^∞ of the recursion (ours)': g <= 1 ? 0 : qTheory[qTheory.length - 1],
  };
}

function describe(frame: Frame): string {
  const s = frame.summary;
  const g = Number(frame.params.gain);
  const frac = Number(s['fraction of σ within a factor 2 of the median']);
  const spread = Number(s['std of log10 σ']);
  return (
    `Gain g = ${fmt(g)}, input variance ${fmt(Number(frame.params.inputVariance))}, after ${s.layers} layers: the Jacobian's median singular value is ${fmt(Number(s['median σ']))}, ` +
    `${fmt(100 * frac)}% of its singular values lie within a factor 2 of the median, and log10 σ has a spread (std) of ${fmt(spread)}. ` +
    `The activity variance is ${fmt(Number(s[`q^${s.layers}, network`]))} (mean-field recursion: ${fmt(Number(s[`q^${s.layers}, mean-field recursion (ours)`]))}).`
  );
}

export const saxeEdgeOfChaos: FigureSpec = {
  id: ID,
  title: 'Deep tanh networks at the edge of chaos',
  chapter: 'initialization',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 7: singular values of the end-to-end Jacobian (eq. 22) of a deep tanh network with orthogonal weights times a gain g (eq. 20), for several g and input variances q^1.',
  },
  iterative: true,
  params: [
    { kind: 'number', name: 'gain', label: 'Gain g', doc: 'Scale of the orthogonal weights; the paper’s critical gain for tanh is g_c = 1.', min: 0.8, max: 1.3, step: 0.01, default: 1 },
    { kind: 'number', name: 'inputVariance', label: 'Input variance q^1', doc: 'Variance of the input entries; large values drive tanh deep into saturation.', min: 0.1, max: 10, step: 0.05, scale: 'log', default: 1 },
    { kind: 'number', name: 'size', label: 'Width N', doc: 'Units per layer (paper: 1000).', min: 50, max: 300, step: 10, default: 100, integer: true },
    { kind: 'number', name: 'layers', label: 'Layers N_l', doc: 'Number of layers, so N_l − 1 weight matrices (paper: 100).', min: 10, max: 100, step: 1, default: 100, integer: true },
    seedParam('Seeds the input and the orthogonal weights; the same seed gives the same spectrum.'),
  ],
  overlay:
    'Ours, not checked against the paper’s Appendix G: the mean-field variance recursion q^{l+1} = g² ∫Dz tanh²(√q^l z) (Gauss–Hermite quadrature), drawn against the network’s measured q^l; and its prediction of the mean squared singular value, Π_l g² ∫Dz tanh′(√q^l z)², in the summary.',
  axes: { x: 'log10 singular value of the Jacobian', y: 'density' },
  tolerances: {
    criticalGain: {
      value: 1e-6,
      what: 'Mean-field recursion from q^1 = 1 after 1000 layers: q < 1e-6 for g = 0.9; q within 1e-6 of its fixed point q^∞ > 0.1 for g = 1.1; decaying like 1/l at g = 1.',
    },
    varianceVsRecursion: {
      value: 0.15,
      what: 'Network N = 200, 30 layers, g = 1.1, q^1 = 1, seed 1: max over layers of |q^l_network − q^l_recursion| / q^l_recursion.',
    },
    meanSquare: {
      value: 0.25,
      what: 'Same network: |mean σ² − Π_l χ_l| / Π_l χ_l, the Jacobian’s mean squared singular value against the mean-field product.',
    },
    isometry: {
      value: 0.4,
      what: 'Defaults (N = 100, 100 layers, q^1 = 1, seed 1): at g = 1 at least 40% of the singular values lie within a factor 2 of their median (measured 50%); at g = 0.9 (N = 50) the median is below 1e-3 of its value at g = 1.',
    },
  },
  departures: [
    'Width N = 100 by default instead of the paper’s 1000, so that the 99 layers run in about a second in the browser; the depth (100 layers) is the paper’s. Finite width makes the spectrum noisier and its edges softer.',
    'The paper shows a grid of (g, q) panels; here one (g, q) pair at a time, streamed every 10 layers, with the activity variance q^l beside it.',
    'Singular values are drawn as a density over log10 σ, since below g = 1 they shrink by many orders of magnitude.',
  ],
  describe,
  run,
};
