/**
 * This site's addition to Saxe et al. (2014), §2: the conserved quantities aᵢ² − aⱼ² of eq. (14)
 * during one deep run from an unbalanced decoupled start. Under the gradient flow they are exactly
 * conserved (the paper's claim; RK4 in Float64 shows it to about 1e-9); under discrete gradient
 * descent each step multiplies every gap by exactly (1 − λ²(s − u)² Π_{m≠i,j} a_m²) [ours], so
 * balancedness drifts by O(λ²) per step, towards balance.
 */
import { rk4Vector } from '../analytic/ode.ts';
import { spread } from '../analytic/saxe-depth.ts';
import { chainBatch, chainFlow, chainStep } from '../nn/deep-chain.ts';
import { createRng } from '../rng.ts';
import { logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { fmt, makeFrame, num, seedParam, snapshot, strideFor } from './common.ts';

const ID = 'saxe-depth-balance';
const FRAMES = 40;
const POINTS = 300;
/** RK4 substeps per iteration for the flow. */
export const RK4_SUBSTEPS = 4;

export type DepthBalanceSummary = {
  /** Nₗ: the chain has Nₗ − 1 scalars aᵢ. */
  depth: number;
  /** max over pairs of |aᵢ² − aⱼ²| at the start: how unbalanced the start is (not a gap to theory). */
  initialGap: number;
  /** max over pairs and steps of |Δ(aᵢ² − aⱼ²)| under gradient descent. */
  driftDescent: number;
  /** The same under the gradient flow (RK4); the flow conserves the gaps, so this is integration error. */
  driftFlow: number;
  /** Our bound on driftDescent: λ² max|aᵢ² − aⱼ²|(0) Σ (s − u)² max Π_{m≠i,j} aₘ². */
  driftBound: number;
  finalUDescent: number;
  finalUFlow: number;
};

/** The defaults at which tolerance flowConserves is tested (any seed). */
const FLOW_TESTED = { depth: 20, imbalance: 0.3, u0: 1e-3, s: 1, learningRate: 0.02, steps: 2000 } as const;

/**
 * An unbalanced decoupled start with product u0: a_i = u0^{1/D} exp(δ z_i), z_i standard normal
 * with their mean removed, so Π a_i = u0 exactly and every a_i > 0.
 */
export function unbalancedStart(D: number, u0: number, delta: number, seed: number): Float64Array {
  const rng = createRng(seed).fork('start');
  const z = Array.from({ length: D }, () => rng.normal());
  const mean = z.reduce((x, y) => x + y, 0) / D;
  const a0 = Math.pow(u0, 1 / D);
  return Float64Array.from(z, (zi) => a0 * Math.exp(delta * (zi - mean)));
}

/** max over pairs of Π_{m≠i,j} a_m²: the product without the two smallest |a_m|. */
export function maxPairProduct(a: ArrayLike<number>): number {
  let i1 = -1;
  let i2 = -1;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (i1 < 0 || v < Math.abs(a[i1])) {
      i2 = i1;
      i1 = i;
    } else if (i2 < 0 || v < Math.abs(a[i2])) i2 = i;
  }
  let p = 1;
  for (let i = 0; i < a.length; i++) if (i !== i1 && i !== i2) p *= a[i] * a[i];
  return p;
}

/** max_{i,j} |Δ(a_i² − a_j²)| since the start = spread of a_i² − a_i²(0). */
function drift(a: ArrayLike<number>, sq0: Float64Array): number {
  const d = new Float64Array(sq0.length);
  for (let i = 0; i < d.length; i++) d[i] = a[i] * a[i] - sq0[i];
  return spread(d);
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<DepthBalanceSummary>, void, void> {
  const depth = num(params, 'depth');
  const D = depth - 1;
  const s = num(params, 's');
  const u0 = num(params, 'u0');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const start = unbalancedStart(D, u0, num(params, 'imbalance'), num(params, 'seed'));
  const sq0 = Float64Array.from(start, (x) => x * x);
  const gap0 = spread(sq0);

  const b = chainBatch([{ D, lr, s, a0: 0 }]);
  b.a.set(start);
  const flow = Float64Array.from(start);
  const rk4 = rk4Vector(D, (a, out) => chainFlow(a, s, out));
  const h = lr / RK4_SUBSTEPS; // in units of τ: one iteration is t/τ = λ

  const gd: Series = { name: 'gradient descent: max |Δ(aᵢ² − aⱼ²)|', kind: 'descent', group: 'mode', panel: 'drift', points: [] };
  const rk: Series = { name: 'gradient flow (RK4): max |Δ(aᵢ² − aⱼ²)|', kind: 'flow', group: 'mode', panel: 'drift', points: [] };
  const bound: Series = { name: 'bound λ² max|aᵢ² − aⱼ²|(0) Σ (s − u)² max Π aₘ² over m ≠ i, j (ours)', kind: 'bound', group: 'bound', panel: 'drift', points: [] };
  const uGd: Series = { name: 'u = Π aᵢ, gradient descent', kind: 'descent', group: 'mode', panel: 'u', points: [[0, u0]] };
  const uFlow: Series = { name: 'u = Π aᵢ, gradient flow (RK4)', kind: 'flow', group: 'mode', panel: 'u', points: [[0, u0]] };
  const target: Series = { name: 'fixed point u = s', kind: 'target', group: 'reference', panel: 'u', points: [[0, s], [steps, s]] };
  const notes = [
    `Start: Nₗ − 1 = ${D} scalars aᵢ = u₀^(1/${D}) e^(δzᵢ) (zᵢ seeded normal, mean removed), so u(0) = u₀ = ${fmt(u0)} and the largest gap max|aᵢ² − aⱼ²| is ${fmt(gap0)}.`,
    `Per step, gradient descent multiplies every gap exactly by 1 − λ²(s − u)² Π aₘ² over m ≠ i, j (ours): a drift of O(λ²) per step, towards balance. The flow is integrated with RK4, ${RK4_SUBSTEPS} substeps per iteration.`,
  ];
  const tested = Object.entries(FLOW_TESTED).every(([k, v]) => params[k] === v);

  let acc = 0; // Σ_k (s − u_k)² max P_k
  let maxGd = 0;
  let maxRk = 0;
  const stride = strideFor(steps, POINTS);
  const frameEvery = Math.max(1, Math.ceil(steps / FRAMES));
  let u = u0;
  const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<DepthBalanceSummary> => {
    const summary: DepthBalanceSummary = {
      depth,
      initialGap: gap0,
      driftDescent: maxGd,
      driftFlow: maxRk,
      driftBound: lr * lr * gap0 * acc,
      finalUDescent: u,
      finalUFlow: uFlow.points.at(-1)![1],
    };
    return makeFrame(ID, params, {
      series: snapshot([gd, rk, bound, uGd, uFlow, target]),
      summary,
      checks: checks(summary, tested, status === 'diverged'),
      progress: t / steps,
      step: t,
      status,
      notes: [...notes, ...extra],
    });
  };
  for (let t = 1; t <= steps; t++) {
    const e = s - u;
    acc += e * e * maxPairProduct(b.a);
    u = chainStep(b, 0);
    for (let k = 0; k < RK4_SUBSTEPS; k++) rk4(flow, h);
    if (!Number.isFinite(u) || Math.abs(u) > 10 * s) {
      yield frame(t, 'diverged', [`Diverged at step ${t}: λ = ${fmt(lr)} is too large for this depth and start (our stability limit for a balanced network is 2/((Nₗ−1)s^(2−2/(Nₗ−1)))).`]);
      return;
    }
    const dg = drift(b.a, sq0);
    const dr = drift(flow, sq0);
    maxGd = Math.max(maxGd, dg);
    maxRk = Math.max(maxRk, dr);
    if (t % stride === 0 || t === steps) {
      if (dg > 0) gd.points.push([t, dg]);
      if (dr > 0) rk.points.push([t, dr]);
      if (acc > 0) bound.points.push([t, lr * lr * gap0 * acc]);
      uGd.points.push([t, u]);
      let uf = 1;
      for (const x of flow) uf *= x;
      uFlow.points.push([t, uf]);
    }
    if (t % frameEvery === 0 || t === steps) {
      if (ctx.cancelled()) return;
      yield frame(t, t === steps ? 'done' : 'running');
    }
  }
}

/**
 * Two checks, each against what it is measured against: under the flow the gaps are conserved (the
 * conservation law of eq. (14); what is left is RK4 error), and under gradient descent their drift
 * stays within our bound (the ratio is at most 1 while every step's factor 1 − λ²(s − u)² Π aₘ² lies in [−1, 1]).
 */
function checks(sum: DepthBalanceSummary, tested: boolean, diverged: boolean): Check[] {
  return [
    {
      label: 'max |Δ(aᵢ² − aⱼ²)|, gradient flow (RK4)',
      value: sum.driftFlow,
      against: 'the conservation law of eq. (14): the flow keeps every aᵢ² − aⱼ² fixed',
      ...(tested ? { tolerance: 1e-9 } : {}),
    },
    {
      label: 'max |Δ(aᵢ² − aⱼ²)| / bound, gradient descent',
      value: sum.driftBound > 0 ? sum.driftDescent / sum.driftBound : 0,
      against: 'our bound λ²·max|aᵢ² − aⱼ²|(0)·Σ(s − u)²·max Π aₘ² (ratio ≤ 1)',
      ...(diverged ? {} : { tolerance: 1 }),
    },
  ];
}

function describe(frame: Frame<DepthBalanceSummary>): string {
  const s = frame.summary;
  return (
    `A ${s.depth}-layer chain starts unbalanced (largest gap aᵢ² − aⱼ² = ${fmt(s.initialGap)}). By step ${frame.step} gradient descent has changed the gaps by at most ${fmt(s.driftDescent)}, ` +
    `within the bound ${fmt(s.driftBound)}; the gradient flow keeps them to ${fmt(s.driftFlow)} (numerical error). u = ${fmt(s.finalUDescent)}.` +
    (frame.status === 'diverged' ? ' The run diverged.' : '')
  );
}

export const saxeDepthBalance: FigureSpec<DepthBalanceSummary> = {
  id: ID,
  title: 'Deep networks conserve aᵢ² − aⱼ², up to the learning rate squared',
  chapter: 'depth',
  source: {
    kind: 'ours',
    text: 'This site’s addition to Saxe, McClelland & Ganguli (2014), §2: the conserved quantities aᵢ² − aⱼ² of eq. (14) during one run, under gradient flow and under discrete gradient descent.',
  },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'depth', label: 'Depth Nₗ', doc: 'Layers; the mode is Nₗ − 1 scalars aᵢ.', min: 3, max: 100, step: 1, default: 20, integer: true, unit: 'layers' },
    { kind: 'number', name: 'imbalance', label: 'Imbalance δ', doc: 'Spread of the start: aᵢ = u₀^(1/(Nₗ−1)) e^(δzᵢ) (0 is balanced).', min: 0, max: 1, step: 0.01, default: 0.3 },
    { kind: 'number', name: 'u0', label: 'Initial strength u₀', doc: 'Initial product u₀ = Π aᵢ.', min: 1e-4, max: 0.5, step: 0, scale: 'log', values: logValues(1e-4, 0.5), default: 1e-3 },
    { kind: 'number', name: 's', label: 'Mode strength s', doc: 'Singular value s of the mode.', min: 0.25, max: 4, step: 0.05, default: 1 },
    { kind: 'number', name: 'learningRate', label: 'Learning rate λ', doc: 'Step size of gradient descent (τ = 1/λ); the drift of aᵢ² − aⱼ² grows like λ².', min: 1e-4, max: 0.5, step: 0, scale: 'log', values: logValues(1e-4, 0.5), default: 0.02 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Training iterations.', min: 100, max: 20000, step: 100, default: 2000, integer: true, unit: 'iterations' },
    seedParam('Seeds the unbalanced start.'),
  ],
  overlay: 'The gradient flow of eq. (14), integrated with RK4 (dashed): its aᵢ² − aⱼ² stay constant up to integration error. Grey: our bound on the drift under gradient descent.',
  panels: [
    { name: 'drift', title: 'Largest change of any aᵢ² − aⱼ² since the start', x: { label: 'training step (iterations)' }, y: { label: 'max |Δ(aᵢ² − aⱼ²)|', scale: 'log' } },
    { name: 'u', title: 'Mode strength u = Π aᵢ over time', x: { label: 'training step (iterations)' }, y: { label: 'u = Π aᵢ' } },
  ],
  kinds: {
    descent: { role: 'simulation', style: 'line', label: 'gradient descent' },
    flow: { role: 'theory', style: 'dashed', label: 'gradient flow of eq. (14) (RK4)' },
    bound: { role: 'guide', style: 'thin', label: 'our bound on the drift of gradient descent' },
    target: { role: 'guide', style: 'dotted', label: 'fixed point u = s' },
  },
  summaryLabels: {
    depth: 'depth Nₗ',
    initialGap: 'largest gap max |aᵢ² − aⱼ²| at the start (the imbalance; not a gap to theory)',
    driftDescent: 'max |Δ(aᵢ² − aⱼ²)| under gradient descent',
    driftFlow: 'max |Δ(aᵢ² − aⱼ²)| under the gradient flow (RK4; conserved: integration error)',
    driftBound: 'our bound on the gradient-descent drift',
    finalUDescent: 'u = Π aᵢ at the last step, gradient descent',
    finalUFlow: 'u = Π aᵢ at the last step, gradient flow',
  },
  test: { depth: 8, steps: 300, learningRate: 0.05 },
  tolerances: {
    flowConserves: {
      value: 1e-9,
      what: 'Gradient flow (RK4, 4 substeps per iteration), defaults: max over pairs and steps of |Δ(aᵢ² − aⱼ²)|.',
    },
    stepIdentity: {
      value: 1e-12,
      what: 'One gradient-descent step, Nₗ = 8, random unbalanced start, λ = 0.05: |Δ(aᵢ² − aⱼ²) + λ²(s − u)² Π aₘ² (m ≠ i, j) (aᵢ² − aⱼ²)| relative to |aᵢ² − aⱼ²|, every pair.',
    },
    driftScaling: {
      value: 0.1,
      what: 'Defaults with λ = 0.02 and λ = 0.01 (2000 and 4000 steps, the same continuous time): drift(λ)/drift(λ/2) within 10 % of 2 (O(λ²) per step, O(λ) per unit of t/τ).',
    },
  },
  departures: ['Not a figure of the paper: the paper states the conservation of aᵢ² − aⱼ² for the continuous-time dynamics; the discrete-step drift and its bound are ours.'],
  describe,
  run,
};
