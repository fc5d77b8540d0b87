/**
 * Pezeshki et al. (2021), Fig. 6 (settings from the authors' Figure_6/toy_fig_6.py, spec
 * gradient-starvation-2021.md §4): the coupled two-feature toy. Trajectories of the feature responses
 * (|z₁|, |z₂|) under full-batch gradient descent for a family of strengths s₁ = 2, 3, …, up to the slider
 * (s₂ fixed): cross-entropy + ridge (solid) with its dual-space dynamics (dotted), against spectral
 * decoupling or the squared loss (dashed). A second panel plots the final |z₂| against s₁, with each loss's
 * fixed point (Newton, Float64; ours) and, at the blog's setting, the values plotted by the authors' blog.
 * A 2×2 linear model: Float64 loops, no tensors; deterministic (V drops out, see engine/analytic/decoupling.ts).
 */
import type { ToyLoss, Vec2 } from '../analytic/decoupling.ts';
import { coupledToy, dualKernel, dualStep, dualTheta, fixedPoint, output, primalStep, responses, ALPHA_MIN } from '../analytic/decoupling.ts';
import { pathDistance } from '../analytic/path-distance.ts';
import { logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { blownUp, fmt, makeFrame, num, snapshot, str, strideFor } from './common.ts';

const ID = 'gs-coupled-toy';
const FRAMES = 25;
const POINTS = 200;
/** The dual's step size and start in the authors' code (SGD on α, lr 3e-6, α₀ = 1e-8). */
export const DUAL_LR = 3e-6;
export const DUAL_START = ALPHA_MIN;
/**
 * Final z₂ of the cross-entropy trajectories plotted in the authors' blog post (data.js, bce_l*), at s₂ = 2,
 * 30° and y = (1, 1); read by this project (spec §5). Shown as markers at that setting only.
 */
export const BLOG_Z2: readonly [number, number][] = [
  [2, 1.638],
  [4, 1.446],
  [6, 1.12],
  [8, 0.819],
];

/** Per loss: final [z₁, z₂] at the slider's s₁ (null where that run diverged); fixed points; the family's z₂. */
export type CoupledToySummary = {
  s1: number;
  crossEntropy: (number | null)[];
  crossEntropyFixedPoint: number[];
  dual: number[];
  spectralDecoupling: (number | null)[];
  spectralDecouplingFixedPoint: number[];
  squared: (number | null)[];
  squaredFixedPoint: number[];
  familyS1: number[];
  familyZ2CrossEntropy: (number | null)[];
};

type Compare = 'sd' | 'squared';

/** The strengths drawn: 2, 3, …, ⌊s₁⌋ and s₁ itself (just s₁ below 2). */
export function familyOf(s1: number): number[] {
  const out: number[] = [];
  for (let k = 2; k < s1; k++) out.push(k);
  out.push(s1);
  return out;
}

/** The setting of the paper's figure and of the tolerances (s₂ = 2, 30°, C = 100, η = 0.05, 5000 steps). */
export function atPaperSetting(params: Params): boolean {
  return num(params, 's2') === 2 && num(params, 'angle') === 30 && num(params, 'C') === 100 && num(params, 'learningRate') === 0.05 && num(params, 'steps') === 5000;
}

const groupOf = (s1: number) => `s₁ = ${fmt(s1)}`;
const abs2 = (z: Vec2): [number, number] => [Math.abs(z[0]), Math.abs(z[1])];

interface Track {
  s1: number;
  series: Series;
  theta: Vec2;
  loss: ToyLoss;
  diverged: number | null;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<CoupledToySummary>, void, void> {
  const s1 = num(params, 's1');
  const s2 = num(params, 's2');
  const angle = num(params, 'angle');
  const C = num(params, 'C');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const compare = str(params, 'compare') as Compare;
  const family = familyOf(s1);
  const toys = family.map((s) => coupledToy(s, s2, angle, C));
  const kernels = toys.map(dualKernel);
  const paper = atPaperSetting(params);

  const mk = (name: string, kind: string, group: string, panel: string): Series => ({ name, kind, group, panel, points: [] });
  const tracks = (loss: ToyLoss, kind: string, label: string): Track[] =>
    family.map((s) => ({ s1: s, loss, theta: [0, 0], diverged: null, series: mk(`${label}, ${groupOf(s)}`, kind, groupOf(s), 'plane') }));
  const ce = tracks('ce', 'crossEntropy', 'cross-entropy + ridge');
  const other = tracks(compare, compare, compare === 'sd' ? 'spectral decoupling' : 'squared loss');
  const duals = family.map((s) => ({ alpha: [DUAL_START, DUAL_START] as Vec2, series: mk(`dual dynamics, ${groupOf(s)}`, 'dual', groupOf(s), 'plane') }));

  // Panel 2: final |z₂| against s₁. Fixed-point curves over a fine grid of s₁; the blog's markers at its setting.
  const grid: number[] = [];
  for (let s = 1; s <= 8 + 1e-9; s += 0.125) grid.push(s);
  const curve = (loss: ToyLoss, name: string, group: string): Series => ({
    name,
    kind: 'fixedCurve',
    group,
    panel: 'final',
    points: grid.map((s) => [s, Math.abs(fixedPoint(coupledToy(s, s2, angle, C), loss)[1])]),
  });
  const ceGroup = 'cross-entropy + ridge';
  const otherGroup = compare === 'sd' ? 'spectral decoupling' : 'squared loss';
  const staticSeries: Series[] = [
    curve('ce', 'fixed point, cross-entropy + ridge (Newton)', ceGroup),
    curve(compare, `fixed point, ${otherGroup} (${compare === 'sd' ? 'bisection' : 'Uᵀy'})`, otherGroup),
  ];
  if (s2 === 2 && angle === 30 && C === 100) staticSeries.push({ name: 'blog post, final z₂ (cross-entropy)', kind: 'blog', group: 'guide', panel: 'final', points: BLOG_Z2.map(([a, b]) => [a, b]) });
  const endCe = mk('after the run, cross-entropy + ridge', 'endpoint', ceGroup, 'final');
  const endOther = mk(`after the run, ${otherGroup}`, 'endpoint', otherGroup, 'final');

  const notes: string[] = [
    `Φ = U diag(s₁, ${fmt(s2)}) with U a rotation by ${fmt(angle)}°, targets y = (1, 1), θ₀ = 0, C = ${fmt(C)} (ridge λ = 1/C). Full-batch gradient descent, η = ${fmt(lr)}, ${steps} steps; the dual: gradient descent on α, step ${fmt(DUAL_LR)}, from α = ${fmt(DUAL_START)}, clipped to (0, 1).`,
  ];
  const stride = strideFor(steps, POINTS);
  const frameEvery = Math.max(1, Math.ceil(steps / FRAMES));

  const record = (t: number) => {
    for (const tr of [...ce, ...other]) {
      if (tr.diverged !== null) continue;
      const z = responses(toys[family.indexOf(tr.s1)], output(toys[family.indexOf(tr.s1)], tr.theta));
      if (blownUp(z[0]) || blownUp(z[1])) tr.diverged = t;
      else tr.series.points.push(abs2(z));
    }
    duals.forEach((d, i) => d.series.points.push(abs2(responses(toys[i], output(toys[i], dualTheta(toys[i], d.alpha))))));
  };

  const finalOf = (tr: Track): (number | null)[] => (tr.diverged !== null || !tr.series.points.length ? [null, null] : [...tr.series.points[tr.series.points.length - 1]]);
  const last = family.length - 1;

  const frame = (t: number, done: boolean): Frame<CoupledToySummary> => {
    endCe.points = ce.filter((tr) => tr.diverged === null).map((tr) => [tr.s1, tr.series.points[tr.series.points.length - 1][1]]);
    endOther.points = other.filter((tr) => tr.diverged === null).map((tr) => [tr.s1, tr.series.points[tr.series.points.length - 1][1]]);
    const checks: Check[] = done ? finalChecks(ce, other, duals, toys, compare, paper) : [];
    const extra: string[] = [];
    for (const tr of [...ce, ...other]) {
      if (tr.diverged === null) continue;
      const name = tr.loss === 'ce' ? 'cross-entropy' : tr.loss === 'sd' ? 'spectral decoupling' : 'the squared loss';
      const why = tr.loss === 'squared' ? ` (η s₁² = ${fmt(lr * tr.s1 * tr.s1)} > 2: gradient descent on ½‖Φθ − y‖² is unstable)` : ' (the learning rate is too large for this s₁)';
      extra.push(`Under ${name}, the run for s₁ = ${fmt(tr.s1)} diverged at step ${tr.diverged}${why}; it is not drawn past that.`);
    }
    const ceLast = ce[last];
    const dualEnd = duals[last].series.points[duals[last].series.points.length - 1];
    return makeFrame(ID, params, {
      series: snapshot([...ce.map((x) => x.series), ...duals.map((d) => d.series), ...other.map((x) => x.series), ...staticSeries, endCe, endOther]),
      summary: {
        s1,
        crossEntropy: finalOf(ceLast),
        crossEntropyFixedPoint: abs2(fixedPoint(toys[last], 'ce')),
        dual: [...dualEnd],
        spectralDecoupling: compare === 'sd' ? finalOf(other[last]) : [null, null],
        spectralDecouplingFixedPoint: abs2(fixedPoint(toys[last], 'sd')),
        squared: compare === 'squared' ? finalOf(other[last]) : [null, null],
        squaredFixedPoint: abs2(fixedPoint(toys[last], 'squared')),
        familyS1: family,
        familyZ2CrossEntropy: ce.map((tr) => finalOf(tr)[1]),
      },
      checks,
      progress: t / steps,
      step: t,
      status: done ? (ceLast.diverged !== null ? 'diverged' : 'done') : 'running',
      notes: [...notes, ...extra],
    });
  };

  record(0);
  yield frame(0, false);
  for (let t = 1; t <= steps; t++) {
    for (const tr of [...ce, ...other]) if (tr.diverged === null) tr.theta = primalStep(toys[family.indexOf(tr.s1)], tr.loss, tr.theta, lr);
    duals.forEach((d, i) => (d.alpha = dualStep(toys[i], kernels[i], d.alpha, DUAL_LR)));
    if (t % stride === 0 || t === steps) record(t);
    if (t % frameEvery === 0 || t === steps) {
      if (ctx.cancelled()) return;
      yield frame(t, t === steps);
    }
  }
}

function finalChecks(ce: Track[], other: Track[], duals: { series: Series }[], toys: ReturnType<typeof coupledToy>[], compare: Compare, paper: boolean): Check[] {
  const checks: Check[] = [];
  let dualGap = 0;
  let ceGap = 0;
  ce.forEach((tr, i) => {
    if (tr.diverged !== null) return;
    const zStar = fixedPoint(toys[i], 'ce');
    const scale = Math.hypot(zStar[0], zStar[1]);
    dualGap = Math.max(dualGap, pathDistance(duals[i].series.points, tr.series.points) / scale);
    const end = tr.series.points[tr.series.points.length - 1];
    ceGap = Math.max(ceGap, Math.hypot(end[0] - Math.abs(zStar[0]), end[1] - Math.abs(zStar[1])) / scale);
  });
  checks.push({ label: 'max distance of a dual path from its primal path / |z*|', value: dualGap, against: 'dual-space dynamics', ...(paper ? { tolerance: TOL.dualPath.value } : {}) });
  checks.push({ label: 'max |z(end of run) − z*| / |z*|, cross-entropy + ridge', value: ceGap, against: 'fixed point (Newton)', ...(paper ? { tolerance: TOL.ceFixedPoint.value } : {}) });
  let otherGap = 0;
  other.forEach((tr, i) => {
    if (tr.diverged !== null) return;
    const zStar = fixedPoint(toys[i], compare);
    const end = tr.series.points[tr.series.points.length - 1];
    otherGap = Math.max(otherGap, Math.hypot(end[0] - Math.abs(zStar[0]), end[1] - Math.abs(zStar[1])) / Math.hypot(zStar[0], zStar[1]));
  });
  const label = compare === 'sd' ? 'spectral decoupling' : 'squared loss';
  const tol = compare === 'sd' ? TOL.sdFixedPoint : TOL.squaredFixedPoint;
  checks.push({ label: `max |z(end of run) − z*| / |z*|, ${label} (the same z* for every s₁)`, value: otherGap, against: compare === 'sd' ? 'fixed point (bisection)' : 'Uᵀy', ...(paper ? { tolerance: tol.value } : {}) });
  return checks;
}

const TOL = {
  dualPath: {
    value: 0.05,
    what: 'At the paper’s setting (s₂ = 2, 30°, C = 100, η = 0.05, 5000 steps; dual step 3e-6), for s₁ = 2 … 8: the largest distance from a point of the dual path to the primal cross-entropy path in the (|z₁|, |z₂|) plane, over |z*| (measured 0.038 at s₁ = 4).',
  },
  ceFixedPoint: {
    value: 0.005,
    what: 'At the paper’s setting, s₁ = 2 … 8: |z(step 5000) − z*| / |z*| for cross-entropy + ridge, z* by Newton’s method in Float64 (measured 0.0017 at s₁ = 8, where 5000 steps have not quite converged).',
  },
  sdFixedPoint: {
    value: 1e-4,
    what: 'At the paper’s setting, s₁ = 2 … 8: |z(step 5000) − z*| / |z*| under spectral decoupling, where z* does not depend on s₁ (measured below 1e-6).',
  },
  squaredFixedPoint: {
    value: 1e-9,
    what: 'Squared loss at the paper’s setting, s₁ = 2 … 6 (η s₁² < 2): |z(step 5000) − Uᵀy| / |Uᵀy|.',
  },
  fixedPointIdentity: {
    value: 1e-9,
    what: 'Newton’s fixed point of cross-entropy + ridge against a long run of the dual (4·10⁵ steps) and of the primal (10⁵ steps), s₁ = 2 … 8 (relative).',
  },
};

function describe(frame: Frame<CoupledToySummary>): string {
  const s = frame.summary;
  const pair = (v: readonly (number | null)[]) => (v[0] === null || v[1] === null ? 'diverged' : `(${fmt(v[0])}, ${fmt(v[1])})`);
  const zs = s.familyZ2CrossEntropy.map((z, i) => `${z === null ? 'diverged' : fmt(z)} at s₁ = ${fmt(s.familyS1[i])}`).join(', ');
  const other = frame.params.compare === 'squared' ? `squared loss ${pair(s.squared)}` : `spectral decoupling ${pair(s.spectralDecoupling)}`;
  return (
    `Feature responses after ${frame.step} steps at s₁ = ${fmt(s.s1)}: cross-entropy + ridge (|z₁|, |z₂|) = ${pair(s.crossEntropy)}, ${other}. ` +
    `Under cross-entropy the final |z₂| is ${zs}.` +
    (frame.status === 'diverged' ? ' The cross-entropy run diverged.' : '')
  );
}

export const gsCoupledToy: FigureSpec<CoupledToySummary> = {
  id: ID,
  title: 'A stronger feature lowers the response to a weaker one',
  chapter: 'decoupling',
  source: { kind: 'paper-figure', text: 'Pezeshki et al. (2021), Fig. 6, with the settings of the authors’ code (Figure_6/toy_fig_6.py).' },
  iterative: true,
  deterministic: true,
  params: [
    { kind: 'number', name: 's1', label: 'Strength s₁ (largest drawn)', doc: 'Singular value of feature 1; trajectories are drawn for s₁ = 2, 3, … up to this value.', min: 1, max: 8, step: 0.5, default: 6 },
    { kind: 'number', name: 's2', label: 'Strength s₂', doc: 'Singular value of feature 2, the same for every trajectory.', min: 0.5, max: 4, step: 0.5, default: 2 },
    { kind: 'number', name: 'angle', label: 'Coupling angle', doc: 'U is a rotation by this angle; at 0° the features do not interact.', min: 0, max: 45, step: 1, default: 30, unit: '°' },
    { kind: 'number', name: 'C', label: 'C = 1/λ', doc: 'Inverse ridge strength; the spectral-decoupling penalty is 0.1/C · Σ ŷ².', min: 10, max: 1000, step: 0, scale: 'log', values: logValues(10, 1000), default: 100 },
    {
      kind: 'choice',
      name: 'compare',
      label: 'Compare cross-entropy with',
      doc: 'Dashed trajectories: spectral decoupling (the paper’s right panel) or the squared loss.',
      options: [
        { value: 'sd', label: 'spectral decoupling' },
        { value: 'squared', label: 'squared loss' },
      ],
      default: 'sd',
    },
    { kind: 'number', name: 'learningRate', label: 'Learning rate η', doc: 'Step size of full-batch gradient descent on θ (the dual’s step stays 3e-6).', min: 0.001, max: 0.1, step: 0, scale: 'log', values: logValues(0.001, 0.1), default: 0.05 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Gradient-descent steps, for the primal and for the dual.', min: 500, max: 20000, step: 500, default: 5000, integer: true, unit: 'iterations' },
  ],
  overlay:
    'the theory is dotted here: the dual-space dynamics of cross-entropy + ridge, gradient descent on (C/2)αᵀKα − ΣH(α) with K = (YΦ)(YΦ)ᵀ and θ = C(YΦ)ᵀα, as in the authors’ code; in the second panel, thin lines: each loss’s fixed point, found by Newton’s method (bisection for SD) in Float64 (ours).',
  panels: [
    { name: 'plane', title: 'Feature responses during training', x: { label: '|z₁| (response to feature 1)' }, y: { label: '|z₂| (response to feature 2)' } },
    { name: 'final', title: 'Final response to feature 2 against s₁', x: { label: 's₁' }, y: { label: 'final |z₂|' } },
  ],
  kinds: {
    crossEntropy: { role: 'simulation', style: 'line', label: 'cross-entropy + ridge' },
    dual: { role: 'theory', style: 'dotted', label: 'dual-space dynamics' },
    sd: { role: 'simulation', style: 'dashed', label: 'spectral decoupling' },
    squared: { role: 'simulation', style: 'dashed', label: 'squared loss' },
    fixedCurve: { role: 'theory', style: 'thin', label: 'fixed point of the loss (ours)' },
    endpoint: { role: 'simulation', style: 'dots', label: 'end of the run' },
    blog: { role: 'guide', style: 'markers', label: 'authors’ blog post (its plotted trajectories)' },
  },
  summaryLabels: {
    s1: 's₁ (the largest drawn)',
    crossEntropy: '[|z₁|, |z₂|] at this step, cross-entropy + ridge, at this s₁',
    crossEntropyFixedPoint: '[|z₁|, |z₂|] fixed point of cross-entropy + ridge (Newton), at this s₁',
    dual: '[|z₁|, |z₂|] at this step of the dual dynamics, at this s₁',
    spectralDecoupling: '[|z₁|, |z₂|] at this step, spectral decoupling (null when not drawn or diverged)',
    spectralDecouplingFixedPoint: '[|z₁|, |z₂|] fixed point of spectral decoupling (the same for every s₁)',
    squared: '[|z₁|, |z₂|] at this step, squared loss (null when not drawn or diverged)',
    squaredFixedPoint: '[|z₁|, |z₂|] fixed point of the squared loss, Uᵀy',
    familyS1: 'the s₁ of each trajectory drawn',
    familyZ2CrossEntropy: 'final |z₂| under cross-entropy + ridge for each s₁ drawn',
  },
  tolerances: TOL,
  departures: [
    'V (the right singular vectors) is taken as the identity: with θ₀ = 0 it drops out of the dynamics exactly, so the random 2×2 matrix X of the authors’ code (seed 1235) is not needed.',
    'The paper’s left and right panels are overlaid in one plane: cross-entropy solid, its dual dotted, spectral decoupling (or the squared loss) dashed. The second panel is ours.',
  ],
  test: { steps: 500 },
  describe,
  run,
};
