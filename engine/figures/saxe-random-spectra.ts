/**
 * Saxe et al. (2014), Fig. 6B–C: singular values and eigenvalues of products W_Tot = W^{M} ⋯ W^{1} of M = N_l − 1
 * independent N×N random matrices, either scaled Gaussian (entries N(0, 1/N)) or random orthogonal (Haar).
 * Everything is Float64 in plain TypeScript (engine/linalg-eig.ts); no tensors. One ensemble member per frame.
 * Overlays [ours, textbook random-matrix theory]: the quarter-circle law for σ at depth 1 (Marchenko–Pastur for σ²),
 * the circular law P(|λ| ≤ r) = r² at depth 1 and its product form r^{2/M} (Burda, Janik & Waclaw 2010) at depth M;
 * for orthogonal products every σ and every |λ| is exactly 1.
 */
import { fussCatalanMoment, ksDistance, productRadialCdf, quarterCircleCdf, quarterCircleDensity } from '../analytic/rmt.ts';
import { eigenvalues, hypot, singularValues } from '../linalg-eig.ts';
import type { Matrix } from '../linalg.ts';
import { matmul } from '../linalg.ts';
import { gaussianMatrix, orthogonal } from '../nn/orthogonal.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Frame, Params, RunContext, Series, Summary } from '../spec.ts';
import { fmt, makeFrame, num, seedParam, str } from './common.ts';
import { empiricalCdf, fractionWhere, histogramSteps, mean, shownDepths, thin } from './initialization.ts';

const ID = 'saxe-random-spectra';
const BINS = 48;
/** Eigenvalues drawn per depth in the complex-plane panel (statistics use all of them). */
const DRAWN = 600;
const LN10 = Math.LN10;

interface Acc {
  depth: number;
  sv: number[];
  re: number[];
  im: number[];
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame, void, void> {
  const N = num(params, 'size');
  const depth = num(params, 'depth');
  const ensemble = num(params, 'ensemble');
  const kind = str(params, 'kind') as 'gaussian' | 'orthogonal';
  const rng = createRng(num(params, 'seed'));
  const depths = shownDepths(depth);
  const acc: Acc[] = depths.map((d) => ({ depth: d, sv: [], re: [], im: [] }));
  const notes = [
    `${ensemble} products of up to ${depth} independent ${N}×${N} ${kind === 'gaussian' ? 'Gaussian matrices with entries N(0, 1/N)' : 'random orthogonal matrices'}; spectra shown after ${depths.join(', ')} factor${depth > 1 ? 's' : ''}.`,
  ];
  if (kind === 'gaussian') {
    notes.push(
      'Singular values are computed as square roots of the eigenvalues of WᵀW in double precision, so values below about 1e-8 times the largest are not resolved; deep Gaussian products have some of those.',
    );
  }
  for (let m = 0; m < ensemble; m++) {
    const r = rng.fork(`member ${m}`);
    let P: Matrix | null = null;
    for (let d = 1; d <= depth; d++) {
      const lr = r.fork(`factor ${d}`);
      const W = kind === 'gaussian' ? gaussianMatrix(N, N, lr, 1 / Math.sqrt(N)) : orthogonal(N, N, lr);
      P = P ? matmul(W, P) : W;
      const a = acc.find((x) => x.depth === d);
      if (a) {
        for (const v of singularValues(P.data, N)) a.sv.push(v);
        const ev = eigenvalues(P.data, N);
        for (let i = 0; i < N; i++) {
          a.re.push(ev.re[i]);
          a.im.push(ev.im[i]);
        }
      }
    }
    if (ctx.cancelled()) return;
    const done = m === ensemble - 1;
    yield makeFrame(ID, params, {
      series: buildSeries(acc, kind),
      summary: summarise(acc, kind, m + 1),
      progress: (m + 1) / ensemble,
      step: m + 1,
      status: done ? 'done' : 'running',
      notes,
    });
  }
}

function buildSeries(acc: Acc[], kind: string): Series[] {
  const out: Series[] = [];
  // Singular values, as a density over log10 σ (the spread over depths covers many decades).
  const logs = acc.map((a) => a.sv.filter((v) => v > 0).map((v) => Math.log10(v)));
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of logs) for (const v of l) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  lo = Math.max(lo, -8);
  if (!(hi - lo > 0.2)) [lo, hi] = [Math.min(lo, -0.5), Math.max(hi, 0.5)];
  const pad = 0.02 * (hi - lo);
  for (const [i, a] of acc.entries()) {
    const g = `depth ${a.depth}`;
    out.push({ name: `σ, ${a.depth} factor${a.depth > 1 ? 's' : ''} (simulation)`, role: 'simulation', group: g, panel: 'singular', points: histogramSteps(logs[i], lo - pad, hi + pad, BINS) });
    if (a.depth === 1 && kind === 'gaussian') {
      const pts: [number, number][] = [];
      const y0 = Math.max(lo - pad, -3);
      for (let k = 0; k <= 120; k++) {
        const y = y0 + (k / 120) * (Math.log10(2) - y0);
        const s = 10 ** y;
        pts.push([y, quarterCircleDensity(s) * s * LN10]);
      }
      pts.push([Math.log10(2), 0]);
      out.push({ name: 'σ, 1 factor (Marchenko–Pastur)', role: 'analytic', group: g, panel: 'singular', points: pts });
    }
  }
  // Eigenvalues in the complex plane.
  for (const a of acc) {
    const pts = a.re.map((x, i) => [x, a.im[i]] as [number, number]);
    out.push({ name: `λ, ${a.depth} factor${a.depth > 1 ? 's' : ''} (simulation)`, role: 'simulation', group: `depth ${a.depth}`, panel: 'eigen', points: thin(pts, DRAWN) });
  }
  const circle: [number, number][] = [];
  for (let k = 0; k <= 96; k++) circle.push([Math.cos((2 * Math.PI * k) / 96), Math.sin((2 * Math.PI * k) / 96)]);
  out.push({ name: 'unit circle', role: 'reference', group: 'guide', panel: 'eigen', points: circle });
  // Radial CDF of |λ| against r^{2/M} (Gaussian) or a step at 1 (orthogonal).
  for (const a of acc) {
    const g = `depth ${a.depth}`;
    const mods = a.re.map((x, i) => hypot(x, a.im[i]));
    out.push({ name: `|λ| CDF, ${a.depth} factor${a.depth > 1 ? 's' : ''} (simulation)`, role: 'simulation', group: g, panel: 'radial', points: empiricalCdf(mods) });
    const th: [number, number][] =
      kind === 'gaussian'
        ? Array.from({ length: 101 }, (_, k) => [k / 100, productRadialCdf(k / 100, a.depth)] as [number, number])
        : [
            [0, 0],
            [1, 0],
            [1, 1],
          ];
    out.push({
      name: `|λ| CDF, ${a.depth} factor${a.depth > 1 ? 's' : ''} (${kind === 'gaussian' ? (a.depth === 1 ? 'circular law' : 'product law') : 'all on the unit circle'})`,
      role: 'analytic',
      group: g,
      panel: 'radial',
      points: th,
    });
  }
  return out;
}

function summarise(acc: Acc[], kind: string, members: number): Summary {
  const out: Summary = { 'ensemble members': members };
  for (const a of acc) {
    const k = `${a.depth} factor${a.depth > 1 ? 's' : ''}`;
    const mods = a.re.map((x, i) => hypot(x, a.im[i]));
    out[`${k}: mean σ²`] = mean(a.sv, (v) => v * v);
    out[`${k}: mean σ⁴`] = mean(a.sv, (v) => v ** 4);
    out[`${k}: largest σ`] = Math.max(...a.sv);
    out[`${k}: fraction of σ in [0.5, 2]`] = fractionWhere(a.sv, (v) => v >= 0.5 && v <= 2);
    out[`${k}: fraction of |λ| < 0.5`] = fractionWhere(mods, (v) => v < 0.5);
    out[`${k}: fraction of λ in the centre bin (|Re|, |Im| < 0.05)`] = fractionWhere(
      a.re.map((x, i) => Math.max(Math.abs(x), Math.abs(a.im[i]))),
      (v) => v < 0.05,
    );
    if (kind === 'gaussian') {
      out[`${k}: mean σ⁴, Fuss–Catalan`] = fussCatalanMoment(a.depth, 2);
      out[`${k}: fraction of |λ| < 0.5, product law`] = productRadialCdf(0.5, a.depth);
      out[`${k}: KS distance of |λ| from r^(2/M)`] = ksDistance(mods, (r) => productRadialCdf(r, a.depth));
      if (a.depth === 1) out[`${k}: KS distance of σ from the quarter-circle law`] = ksDistance(a.sv, quarterCircleCdf);
    } else {
      out[`${k}: max |σ − 1|`] = Math.max(...a.sv.map((v) => Math.abs(v - 1)));
      out[`${k}: max ||λ| − 1|`] = Math.max(...mods.map((v) => Math.abs(v - 1)));
    }
  }
  return out;
}

function describe(frame: Frame): string {
  const s = frame.summary;
  const keys = Object.keys(s).filter((k) => k.endsWith(': mean σ²'));
  const depths = keys.map((k) => k.split(':')[0]);
  if (!depths.length) return 'No spectra computed yet.';
  const orth = `${depths[0]}: max |σ − 1|` in s;
  const parts = depths.map(
    (d) => `${d}: ${fmt(100 * Number(s[`${d}: fraction of σ in [0.5, 2]`]))}% of singular values within [0.5, 2], ${fmt(100 * Number(s[`${d}: fraction of |λ| < 0.5`]))}% of eigenvalues inside radius 0.5`,
  );
  const head = orth
    ? `Products of random orthogonal matrices stay orthogonal: every singular value and every |eigenvalue| is 1 (largest deviation ${fmt(Number(s[`${depths[depths.length - 1]}: max |σ − 1|`]))}).`
    : 'Products of scaled Gaussian matrices: with more factors the singular values spread over many decades and the eigenvalues crowd towards 0.';
  return `${head} ${parts.join('; ')}. (${s['ensemble members']} products.)`;
}

export const saxeRandomSpectra: FigureSpec = {
  id: ID,
  title: 'Spectra of products of random matrices',
  chapter: 'initialization',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 6B–C: singular values and eigenvalues of products of N_l − 1 random N×N Gaussian matrices with entries N(0, 1/N); random orthogonal matrices for comparison (Fig. 6A right).',
  },
  iterative: true,
  params: [
    {
      kind: 'choice',
      name: 'kind',
      label: 'Matrices',
      doc: 'Scaled Gaussian (i.i.d. N(0, 1/N) entries, norm-preserving on average) or random orthogonal (WᵀW = I).',
      options: [
        { value: 'gaussian', label: 'scaled Gaussian' },
        { value: 'orthogonal', label: 'random orthogonal' },
      ],
      default: 'gaussian',
    },
    { kind: 'number', name: 'size', label: 'Size N', doc: 'Each factor is N×N (paper: 1000; the browser default is smaller).', min: 50, max: 500, step: 10, default: 100, integer: true },
    { kind: 'number', name: 'depth', label: 'Factors N_l − 1', doc: 'Number of matrices in the product; spectra are shown after 1, about √depth and depth factors.', min: 1, max: 32, step: 1, default: 16, integer: true },
    { kind: 'number', name: 'ensemble', label: 'Ensemble size', doc: 'Independent products pooled into the histograms (paper: 500).', min: 1, max: 50, step: 1, default: 10, integer: true, unit: 'products' },
    seedParam('Seeds the random matrices; the same seed gives the same spectra.'),
  ],
  overlay:
    'Ours (textbook random-matrix theory, large N): at 1 factor the quarter-circle law √(4 − σ²)/π for σ (Marchenko–Pastur for σ²) and the circular law P(|λ| ≤ r) = r²; at M factors P(|λ| ≤ r) = r^{2/M} (Burda, Janik & Waclaw 2010). Orthogonal products: every σ and |λ| is exactly 1.',
  axes: { x: 'log10 singular value', y: 'density' },
  tolerances: {
    quarterCircle: {
      value: 0.04,
      what: 'Gaussian, N = 100, 1 factor, 16 products (1600 σ), seed 1: Kolmogorov–Smirnov distance of σ from the quarter-circle law (Marchenko–Pastur).',
    },
    meanSquare: {
      value: 0.03,
      what: 'Same ensemble, and at 4 factors: |mean σ² − 1| (E[σ²] = 1 exactly for every depth, since E[WᵀW] = I).',
    },
    circularLaw: {
      value: 0.03,
      what: 'Same ensemble: |fraction of |λ| < 0.5 − 0.25| (circular law) and the KS distance of |λ| from r² below 0.04; at 4 factors |fraction − 0.5^{1/2}| below 0.03 (product law).',
    },
    fussCatalan: {
      value: 0.15,
      what: 'Gaussian, N = 100, 4 factors, 16 products: |mean σ⁴ − (M + 1)| / (M + 1), the Fuss–Catalan second moment (finite-N corrections are of order M/N).',
    },
    orthogonalUnit: {
      value: 1e-10,
      what: 'Random orthogonal, N = 60, 8 factors, 3 products: max |σ − 1| and max ||λ| − 1| (Float64).',
    },
  },
  departures: [
    'N = 100 and 10 products by default instead of the paper’s N = 1000 and 500 realisations, so that a run takes about a second in the browser; N and the ensemble size are on the controls.',
    'The paper does not state the depths of its panels; this figure shows the spectra after 1, about √depth and depth factors of one product (default 1, 4 and 16).',
    'Singular values are drawn as a density over log10 σ and eigenvalues as dots rather than 2-D histograms, so that all depths fit in one panel; the centre-bin fractions (bin width 0.1, as in the paper) are in the summary.',
  ],
  describe,
  run,
};
