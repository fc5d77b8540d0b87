/**
 * Saxe et al. (2014), Fig. 6B–C: singular values and eigenvalues of products W_Tot = W^{M} ⋯ W^{1} of M = Nₗ − 1
 * independent N×N random matrices, either scaled Gaussian (entries N(0, 1/N)) or random orthogonal (Haar).
 * Everything is Float64 in plain TypeScript (engine/linalg.ts); no tensors. One ensemble member per frame.
 * Overlays [ours, textbook random-matrix theory]: the quarter-circle law for σ at depth 1 (Marchenko–Pastur for σ²),
 * the circular law P(|λ| ≤ r) = r² at depth 1 and its product form r^{2/M} (Burda, Janik & Waclaw 2010) at depth M;
 * for orthogonal products every σ and every |λ| is exactly 1.
 */
import { fussCatalanMoment, ksDistance, productRadialCdf, quarterCircleCdf, quarterCircleDensity } from '../analytic/rmt.ts';
import { eigenvalues, factoredProduct, hypot } from '../linalg.ts';
import { gaussianMatrix, orthogonal } from '../nn/orthogonal.ts';
import { createRng } from '../rng.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
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

/**
 * One entry per shown depth (number of factors M, ascending: 1, about √depth, depth). Theory entries are null
 * for orthogonal products (every σ and |λ| is 1 there; the deviations are in maxSigmaDeviation, maxModulusDeviation).
 */
export type RandomSpectraSummary = {
  members: number;
  factors: number[];
  meanSigmaSq: number[];
  meanSigma4: number[];
  meanSigma4FussCatalan: (number | null)[];
  largestSigma: number[];
  fractionSigmaInBand: number[];
  fractionModulusBelowHalf: number[];
  fractionModulusBelowHalfTheory: (number | null)[];
  fractionCentreBin: number[];
  ksModulus: (number | null)[];
  ksQuarterCircle: (number | null)[];
  maxSigmaDeviation: number[];
  maxModulusDeviation: number[];
};

const factorsText = (d: number) => `${d} factor${d > 1 ? 's' : ''}`;

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<RandomSpectraSummary>, void, void> {
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
      'Singular values are computed from the product kept factored by a QR step at every factor, not from the multiplied-out product, so even those far below 1e-8 times the largest are accurate (to about 1e-11 relative); the density is drawn down to σ = 1e-8.',
    );
  }
  for (let m = 0; m < ensemble; m++) {
    const r = rng.fork(`member ${m}`);
    // P = W_d ⋯ W_1 kept as Q·T: the multiplied-out product would round away every σ below about 1e-14 σ_max
    // (a few per cent of them at 16 factors); this way all are accurate to about 1e-11 (engine/linalg/product.ts).
    const P = factoredProduct(N);
    for (let d = 1; d <= depth; d++) {
      const lr = r.fork(`factor ${d}`);
      const W = kind === 'gaussian' ? gaussianMatrix(N, N, lr, 1 / Math.sqrt(N)) : orthogonal(N, N, lr);
      P.push(W.data);
      // Large products take seconds per member: keep the progress bar and Cancel alive within one.
      await ctx.progress?.((m + d / (depth + 1)) / ensemble);
      if (ctx.cancelled()) return;
      const a = acc.find((x) => x.depth === d);
      if (a) {
        for (const v of P.singularValues()) a.sv.push(v);
        const ev = eigenvalues(P.product(), N);
        for (let i = 0; i < N; i++) {
          a.re.push(ev.re[i]);
          a.im.push(ev.im[i]);
        }
      }
    }
    if (ctx.cancelled()) return;
    const done = m === ensemble - 1;
    const summary = summarise(acc, kind, m + 1);
    yield makeFrame(ID, params, {
      series: buildSeries(acc, kind),
      summary,
      checks: checks(summary, kind),
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
    const g = factorsText(a.depth);
    out.push({ name: `σ, ${g} (simulation)`, kind: 'histogram', group: g, panel: 'singular', points: histogramSteps(logs[i], lo - pad, hi + pad, BINS) });
    if (a.depth === 1 && kind === 'gaussian') {
      const pts: [number, number][] = [];
      const y0 = Math.max(lo - pad, -3);
      for (let k = 0; k <= 120; k++) {
        const y = y0 + (k / 120) * (Math.log10(2) - y0);
        const s = 10 ** y;
        pts.push([y, quarterCircleDensity(s) * s * LN10]);
      }
      pts.push([Math.log10(2), 0]);
      out.push({ name: 'σ, 1 factor (Marchenko–Pastur)', kind: 'quarterCircle', group: g, panel: 'singular', points: pts });
    }
  }
  // Eigenvalues in the complex plane.
  for (const a of acc) {
    const pts = a.re.map((x, i) => [x, a.im[i]] as [number, number]);
    out.push({ name: `λ, ${factorsText(a.depth)} (simulation)`, kind: 'eigenvalues', group: factorsText(a.depth), panel: 'eigen', points: thin(pts, DRAWN) });
  }
  const circle: [number, number][] = [];
  for (let k = 0; k <= 96; k++) circle.push([Math.cos((2 * Math.PI * k) / 96), Math.sin((2 * Math.PI * k) / 96)]);
  out.push({ name: 'unit circle', kind: 'unitCircle', group: 'unit circle', panel: 'eigen', points: circle });
  // Radial CDF of |λ| against r^(2/M) (Gaussian) or a step at 1 (orthogonal).
  for (const a of acc) {
    const g = factorsText(a.depth);
    const mods = a.re.map((x, i) => hypot(x, a.im[i]));
    out.push({ name: `|λ| CDF, ${g} (simulation)`, kind: 'cdf', group: g, panel: 'radial', points: empiricalCdf(mods) });
    if (kind === 'gaussian') {
      out.push({
        name: `|λ| CDF, ${g} (${a.depth === 1 ? 'circular law' : 'product law'})`,
        kind: 'radialLaw',
        group: g,
        panel: 'radial',
        points: Array.from({ length: 101 }, (_, k) => [k / 100, productRadialCdf(k / 100, a.depth)] as [number, number]),
      });
    } else {
      out.push({
        name: `|λ| CDF, ${g} (all on the unit circle)`,
        kind: 'unitModulus',
        group: g,
        panel: 'radial',
        points: [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
      });
    }
  }
  return out;
}

function summarise(acc: Acc[], kind: string, members: number): RandomSpectraSummary {
  const gaussian = kind === 'gaussian';
  const mods = acc.map((a) => a.re.map((x, i) => hypot(x, a.im[i])));
  return {
    members,
    factors: acc.map((a) => a.depth),
    meanSigmaSq: acc.map((a) => mean(a.sv, (v) => v * v)),
    meanSigma4: acc.map((a) => mean(a.sv, (v) => v ** 4)),
    meanSigma4FussCatalan: acc.map((a) => (gaussian ? fussCatalanMoment(a.depth, 2) : null)),
    largestSigma: acc.map((a) => Math.max(...a.sv)),
    fractionSigmaInBand: acc.map((a) => fractionWhere(a.sv, (v) => v >= 0.5 && v <= 2)),
    fractionModulusBelowHalf: mods.map((m) => fractionWhere(m, (v) => v < 0.5)),
    fractionModulusBelowHalfTheory: acc.map((a) => (gaussian ? productRadialCdf(0.5, a.depth) : null)),
    fractionCentreBin: acc.map((a) =>
      fractionWhere(
        a.re.map((x, i) => Math.max(Math.abs(x), Math.abs(a.im[i]))),
        (v) => v < 0.05,
      ),
    ),
    ksModulus: acc.map((a, i) => (gaussian ? ksDistance(mods[i], (r) => productRadialCdf(r, a.depth)) : null)),
    ksQuarterCircle: acc.map((a) => (gaussian && a.depth === 1 ? ksDistance(a.sv, quarterCircleCdf) : null)),
    maxSigmaDeviation: acc.map((a) => Math.max(...a.sv.map((v) => Math.abs(v - 1)))),
    maxModulusDeviation: mods.map((m) => Math.max(...m.map((v) => Math.abs(v - 1)))),
  };
}

/**
 * Gaussian: the distances of the spectra from the random-matrix laws (large-N limits, no tolerance at these
 * settings); orthogonal: the largest deviation of σ and |λ| from 1, held below 1e-10 by the unit tests.
 */
function checks(s: RandomSpectraSummary, kind: string): Check[] {
  const out: Check[] = [];
  const last = s.factors.length - 1;
  if (last < 0) return out;
  if (kind === 'gaussian') {
    const ks = s.ksQuarterCircle[0];
    if (ks !== null) out.push({ label: 'KS distance of σ from the quarter-circle law, 1 factor', value: ks, against: 'quarter-circle law (Marchenko–Pastur)' });
    for (const [i, M] of s.factors.entries()) {
      const d = s.ksModulus[i];
      const law = M === 1 ? 'circular law' : 'product law';
      if (d !== null) out.push({ label: `KS distance of |λ| from the ${law}, ${factorsText(M)}`, value: d, against: law });
    }
    const fc = s.meanSigma4FussCatalan[last];
    if (fc !== null) {
      out.push({ label: `|mean σ⁴ − (M + 1)| / (M + 1), ${factorsText(s.factors[last])}`, value: Math.abs(s.meanSigma4[last] - fc) / fc, against: 'Fuss–Catalan moment' });
    }
    out.push({ label: `|mean σ² − 1|, ${factorsText(s.factors[last])}`, value: Math.abs(s.meanSigmaSq[last] - 1), against: 'E[σ²] = 1' });
  } else {
    out.push({ label: 'max |σ − 1| over all depths', value: Math.max(...s.maxSigmaDeviation), against: 'orthogonal product (σ = 1)', tolerance: 1e-10 });
    out.push({ label: 'max ||λ| − 1| over all depths', value: Math.max(...s.maxModulusDeviation), against: 'orthogonal product (|λ| = 1)', tolerance: 1e-10 });
  }
  return out;
}

function describe(frame: Frame<RandomSpectraSummary>): string {
  const s = frame.summary;
  if (!s.factors.length) return 'No spectra computed yet.';
  const last = s.factors.length - 1;
  const parts = s.factors.map(
    (M, i) => `${factorsText(M)}: ${fmt(100 * s.fractionSigmaInBand[i])}% of singular values within [0.5, 2], ${fmt(100 * s.fractionModulusBelowHalf[i])}% of eigenvalues inside radius 0.5`,
  );
  const head =
    frame.params.kind === 'orthogonal'
      ? `Products of random orthogonal matrices stay orthogonal: every singular value and every |eigenvalue| is 1 (largest deviation ${fmt(s.maxSigmaDeviation[last])}).`
      : 'Products of scaled Gaussian matrices: with more factors the singular values spread over many decades and the eigenvalues crowd towards 0.';
  return `${head} ${parts.join('; ')}. (${s.members} product${s.members > 1 ? 's' : ''}.)`;
}

export const saxeRandomSpectra: FigureSpec<RandomSpectraSummary> = {
  id: ID,
  title: 'Spectra of products of random matrices',
  chapter: 'initialization',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 6B–C: singular values and eigenvalues of products of Nₗ − 1 random N×N Gaussian matrices with entries N(0, 1/N); random orthogonal matrices for comparison (Fig. 6A right).',
  },
  iterative: true,
  deterministic: false,
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
    { kind: 'number', name: 'size', label: 'Size N', doc: 'Each factor is N×N (paper: 1000; the browser default is smaller, and 200 at most).', min: 50, max: 200, step: 10, default: 100, integer: true },
    { kind: 'number', name: 'depth', label: 'Factors Nₗ − 1', doc: 'Number of matrices in the product; spectra are shown after 1, about √depth and depth factors.', min: 1, max: 32, step: 1, default: 16, integer: true },
    { kind: 'number', name: 'ensemble', label: 'Ensemble size', doc: 'Independent products pooled into the histograms (paper: 500).', min: 1, max: 50, step: 1, default: 10, integer: true, unit: 'products' },
    seedParam('Seeds the random matrices; the same seed gives the same spectra.'),
  ],
  overlay:
    'Ours (textbook random-matrix theory, large N): at 1 factor the quarter-circle law √(4 − σ²)/π for σ (Marchenko–Pastur for σ²) and the circular law P(|λ| ≤ r) = r²; at M factors P(|λ| ≤ r) = r^(2/M) (Burda, Janik & Waclaw 2010). Orthogonal products: every σ and |λ| is exactly 1.',
  panels: [
    { name: 'singular', title: 'Singular values of the product', x: { label: 'log₁₀ σ (singular value)' }, y: { label: 'density per unit of log₁₀ σ' } },
    { name: 'eigen', title: 'Eigenvalues in the complex plane', x: { label: 'Re λ' }, y: { label: 'Im λ' } },
    { name: 'radial', title: 'Fraction of eigenvalues with |λ| ≤ r', x: { label: 'r' }, y: { label: 'fraction of eigenvalues with |λ| ≤ r' } },
  ],
  kinds: {
    histogram: { role: 'simulation', style: 'step', label: 'singular values, histogram (simulation)' },
    quarterCircle: { role: 'theory', style: 'dashed', label: 'quarter-circle law (Marchenko–Pastur), 1 factor' },
    eigenvalues: { role: 'simulation', style: 'dots', label: 'eigenvalues (simulation)' },
    unitCircle: { role: 'guide', style: 'thin', label: 'unit circle' },
    cdf: { role: 'simulation', style: 'line', label: 'fraction with |λ| ≤ r (simulation)' },
    radialLaw: { role: 'theory', style: 'dashed', label: 'circular law r² (1 factor) and product law (M factors)' },
    unitModulus: { role: 'theory', style: 'dashed', label: 'orthogonal: every |λ| = 1' },
  },
  summaryLabels: {
    members: 'products pooled so far',
    factors: 'numbers of factors M shown',
    meanSigmaSq: 'mean σ² (1 in expectation at every depth)',
    meanSigma4: 'mean σ⁴',
    meanSigma4FussCatalan: 'mean σ⁴, Fuss–Catalan moment M + 1 (Gaussian; null for orthogonal)',
    largestSigma: 'largest σ',
    fractionSigmaInBand: 'fraction of σ in [0.5, 2]',
    fractionModulusBelowHalf: 'fraction of eigenvalues with |λ| < 0.5',
    fractionModulusBelowHalfTheory: 'fraction of |λ| < 0.5 by the circular or product law, 0.5 to the power 2/M (Gaussian; null for orthogonal)',
    fractionCentreBin: 'fraction of λ in the centre bin (|Re λ|, |Im λ| < 0.05)',
    ksModulus: 'KS distance of |λ| from the circular or product law (Gaussian; null for orthogonal)',
    ksQuarterCircle: 'KS distance of σ from the quarter-circle law (Gaussian, 1 factor; else null)',
    maxSigmaDeviation: 'max |σ − 1|',
    maxModulusDeviation: 'max ||λ| − 1|',
  },
  test: { size: 50, depth: 4, ensemble: 4 },
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
      what: 'Same ensemble: |fraction of |λ| < 0.5 − 0.25| (circular law) and the KS distance of |λ| from r² below 0.04; at 4 factors |fraction − √0.5| below 0.03 (product law).',
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
    'N = 100 and 10 products by default instead of the paper’s N = 1000 and 500 realisations, so that a run takes about a second in the browser; N and the ensemble size are on the controls. N goes up to 200, not 1000: at N = 500 one run took 71 s in Node (229 s at 32 factors), which a browser tab cannot be asked to sit through.',
    'The paper does not state the depths of its panels; this figure shows the spectra after 1, about √depth and depth factors of one product (default 1, 4 and 16).',
    'Singular values are drawn as a density over log10 σ and eigenvalues as dots rather than 2-D histograms, so that all depths fit in one panel; the centre-bin fractions (bin width 0.1, as in the paper) are in the summary.',
  ],
  describe,
  run,
};
