/**
 * Saxe et al. (2014), Fig. 2: the phase portrait of one connectivity mode, eq. (8), in the (a, b)
 * plane. Discrete gradient descent on E(a, b) = (s − ab)²/2τ (eq. (9)) from two start points,
 * drawn over the exact orbit (the hyperbola a² − b² = c that eq. (8) conserves), the fixed-point
 * curve ab = s and the saddle's stable manifold a = −b. Deterministic: nothing in it is random.
 */
import {
  C_ZERO,
  conserved,
  distanceToHyperbola,
  hyperbolaArc,
  modeStrength,
  rk4Step,
} from '../analytic/saxe.ts';
import { logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, Series } from '../spec.ts';
import { EXPLODED, blownUp, fmt, makeFrame, num, snapshot, strideFor } from './common.ts';

const ID = 'saxe-phase-portrait';
/** Half-width of the plotted square; start points are limited to it. */
export const PHASE_RANGE = 2;
const FRAMES = 40;
const MAX_POINTS = 600;
/** |a0 − b0| below this counts as a balanced start, where eq. (12) applies. */
export const BALANCED_TOL = 1e-9;
/** The start points: parameters a1/b1, a2/b2 (one trajectory each). */
const STARTS = 2;

/** One entry per trajectory (start 1, start 2). */
export type PhasePortraitSummary = {
  /** u = ab at the last step. */
  finalAb: number[];
  /** c = a0² − b0², the value of a² − b² that eq. (8) conserves. */
  c: number[];
  /** max over steps of |a² − b² − c| under gradient descent. */
  drift: number[];
  /** Our bound on that drift, |c| λ² Σ (s − ab)² over the steps taken. */
  driftBound: number[];
  /** max over steps of the distance from the hyperbola a² − b² = c. */
  distanceFromHyperbola: number[];
  /** max over recorded steps of |ab − u(t)| / s, u(t) from eq. (12) (balanced) or eq. (8) by RK4. */
  flowGap: number[];
  /** First step with ab ≥ 0.9 s; null if not reached. */
  stepsTo90: (number | null)[];
};

interface Trajectory {
  k: number;
  a: number;
  b: number;
  a0: number;
  b0: number;
  c0: number;
  balanced: boolean;
  /** RK4 state of eq. (8) for the continuous-time u(t) of an unbalanced start. */
  ra: number;
  rb: number;
  phase: Series;
  time: Series;
  flow: Series;
  drift: number;
  /** Σ (s − ab)² over the steps taken (for the drift bound). */
  sumE2: number;
  distance: number;
  flowGap: number;
  reached: number | null;
}

function startTrajectory(k: number, a0: number, b0: number, s: number): { t: Trajectory; hyperbola: Series } {
  const c0 = conserved(a0, b0);
  const balanced = Math.abs(a0 - b0) <= BALANCED_TOL;
  const group = `trajectory ${k}`;
  const t: Trajectory = {
    k,
    a: a0,
    b: b0,
    a0,
    b0,
    c0,
    balanced,
    ra: a0,
    rb: b0,
    phase: { name: `trajectory ${k} (gradient descent)`, kind: 'descent', group, panel: 'phase', points: [[a0, b0]] },
    time: { name: `trajectory ${k}: u = ab (gradient descent)`, kind: 'descent', group, panel: 'time', points: [[0, a0 * b0]] },
    flow: balanced
      ? { name: `trajectory ${k}: u(t), eq. (12)`, kind: 'eq12', group, panel: 'time', points: [[0, a0 * b0]] }
      : { name: `trajectory ${k}: u(t), eq. (8) integrated (RK4)`, kind: 'rk4', group, panel: 'time', points: [[0, a0 * b0]] },
    drift: 0,
    sumE2: 0,
    distance: 0,
    flowGap: 0,
    reached: a0 * b0 >= 0.9 * s ? 0 : null,
  };
  const hyperbola: Series = {
    name: `trajectory ${k}: hyperbola a²−b² = c (exact)`,
    kind: 'orbit',
    group,
    panel: 'phase',
    points: hyperbolaArc(a0, b0, s, 240),
  };
  return { t, hyperbola };
}

/** The reference guides: both branches of ab = s and the line a = −b (phase panel), and u = s (time panel). */
function guides(s: number, steps: number): Series[] {
  const n = 120;
  const lo = s / PHASE_RANGE;
  const pos: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const a = lo * (PHASE_RANGE / lo) ** (i / n); // log-spaced: dense where the curve bends
    pos.push([a, s / a]);
  }
  const neg = pos.map(([a, b]) => [-a, -b] as [number, number]).reverse();
  return [
    { name: 'fixed points ab = s (a>0)', kind: 'fixed', group: 'reference', panel: 'phase', points: pos },
    { name: 'fixed points ab = s (a<0)', kind: 'fixed', group: 'reference', panel: 'phase', points: neg },
    {
      name: "saddle's stable manifold a = −b",
      kind: 'manifold',
      group: 'reference',
      panel: 'phase',
      points: [
        [-PHASE_RANGE, PHASE_RANGE],
        [PHASE_RANGE, -PHASE_RANGE],
      ],
    },
    {
      name: 'fixed point u = s',
      kind: 'target',
      group: 'reference',
      panel: 'time',
      points: [
        [0, s],
        [Math.max(1, steps), s],
      ],
    },
  ];
}

function summarise(trajs: Trajectory[], lr: number): PhasePortraitSummary {
  return {
    finalAb: trajs.map((t) => t.a * t.b),
    c: trajs.map((t) => t.c0),
    drift: trajs.map((t) => t.drift),
    driftBound: trajs.map((t) => Math.abs(t.c0) * lr * lr * t.sumE2),
    distanceFromHyperbola: trajs.map((t) => t.distance),
    flowGap: trajs.map((t) => t.flowGap),
    stepsTo90: trajs.map((t) => t.reached),
  };
}

/**
 * Per trajectory: how far gradient descent is from the continuous-time u(t), and how far a² − b² drifted
 * against our bound (c stays exactly 0 on the lines a = ±b, where the bound is 0 too).
 */
function checks(trajs: Trajectory[], sum: PhasePortraitSummary, diverged: boolean): Check[] {
  return trajs.flatMap((t, i): Check[] => [
    {
      label: `max |ab − u(t)| / s, trajectory ${t.k}`,
      value: t.flowGap,
      against: t.balanced ? 'eq. (12)' : 'eq. (8) integrated by RK4',
    },
    {
      label: `max |Δ(a² − b²)| / bound, trajectory ${t.k}`,
      value: sum.driftBound[i] > 0 ? t.drift / sum.driftBound[i] : 0,
      against: 'our bound |c|·λ²·Σ(s − ab)² on the drift of discrete steps (the flow of eq. (8) conserves a² − b²; ratio ≤ 1)',
      ...(diverged ? {} : { tolerance: 1 }),
    },
  ]);
}

function describe(frame: Frame<PhasePortraitSummary>): string {
  const p = frame.params;
  const s = num(p, 's');
  const { finalAb, stepsTo90, drift } = frame.summary;
  const parts: string[] = [];
  for (let i = 0; i < STARTS; i++) {
    const k = i + 1;
    const a0 = num(p, `a${k}`);
    const b0 = num(p, `b${k}`);
    const reached = stepsTo90[i];
    const c = a0 * a0 - b0 * b0;
    const path =
      Math.abs(c) <= C_ZERO ? (a0 * b0 < 0 ? 'along the line a = −b' : 'along the diagonal a = b') : `along the hyperbola a² − b² = ${fmt(c)}`;
    const when = reached !== null ? `, reaching ab ≥ 0.9 s at step ${reached}` : ', not yet near ab = s';
    parts.push(`trajectory ${k} from (${fmt(a0)}, ${fmt(b0)}) moves ${path}${when} (ab = ${fmt(finalAb[i])})`);
  }
  let text = `Gradient descent on one mode with s = ${fmt(s)} after ${frame.step} steps: ${parts.join('; ')}. `;
  text += `The conserved quantity a² − b² drifted by at most ${fmt(Math.max(...drift))}.`;
  if (frame.status === 'diverged') text += ' The run diverged: the learning rate is too large for discrete steps.';
  return text;
}

function divergenceNote(step: number, k: number, lr: number, s: number, c: number): string {
  const curvature = Math.sqrt(c * c + 4 * s * s);
  return (
    `Diverged at step ${step} (trajectory ${k}): the learning rate ${fmt(lr)} is too large for discrete gradient descent at s = ${fmt(s)}. ` +
    `Near the fixed-point curve a step is stable only while λ·(a² + b²) < 2, i.e. λ·s below about 1 for a balanced start ` +
    `(here λ·√(c² + 4s²) = ${fmt(lr * curvature)}); the theory assumes the continuous-time limit of small λ.`
  );
}

async function* run(params: Params, ctx: { cancelled(): boolean }): AsyncGenerator<Frame<PhasePortraitSummary>, void, void> {
  const s = num(params, 's');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const tau = 1 / lr;
  const starts = Array.from({ length: STARTS }, (_, i): [number, number] => [num(params, `a${i + 1}`), num(params, `b${i + 1}`)]);
  const made = starts.map(([a0, b0], i) => startTrajectory(i + 1, a0, b0, s));
  const trajs = made.map((m) => m.t);
  const fixed = guides(s, steps);
  const stride = strideFor(steps, MAX_POINTS);
  const chunk = Math.max(1, Math.ceil(steps / FRAMES));
  const notes: string[] = [];
  for (const t of trajs) {
    const curvature = lr * Math.sqrt(t.c0 * t.c0 + 4 * s * s);
    if (curvature > 1 && curvature < 2) {
      notes.push(
        `Trajectory ${t.k}: λ·√(c² + 4s²) = ${fmt(curvature)} is above 1, so the discrete steps overshoot the fixed-point curve and oscillate around it; the continuous-time theory does not.`,
      );
    }
  }

  const series = (): Series[] => [
    ...trajs.flatMap((t, i) => [t.phase, made[i].hyperbola]),
    ...trajs.flatMap((t) => [t.time, t.flow]),
    ...fixed,
  ];
  const frame = (step: number, status: Frame['status'], extra: string[] = []): Frame<PhasePortraitSummary> => {
    const summary = summarise(trajs, lr);
    return makeFrame(ID, params, {
      series: snapshot(series()),
      summary,
      checks: checks(trajs, summary, status === 'diverged'),
      progress: steps ? step / steps : 1,
      step,
      status,
      notes: [...notes, ...extra],
    });
  };

  for (let step = 1; step <= steps; step++) {
    for (const t of trajs) {
      // Saxe eq. (1) for one mode: a ← a + λ b (s − ab), b ← b + λ a (s − ab), simultaneously.
      const e = s - t.a * t.b;
      const a = t.a + lr * t.b * e;
      const b = t.b + lr * t.a * e;
      if (blownUp(a, EXPLODED) || blownUp(b, EXPLODED) || blownUp(a * b, EXPLODED)) {
        yield frame(step - 1, 'diverged', [divergenceNote(step, t.k, lr, s, t.c0)]);
        return;
      }
      t.sumE2 += e * e;
      t.a = a;
      t.b = b;
      t.drift = Math.max(t.drift, Math.abs(conserved(a, b) - t.c0));
      t.distance = Math.max(t.distance, distanceToHyperbola(a, b, t.c0));
      if (t.reached === null && a * b >= 0.9 * s) t.reached = step;
      if (!t.balanced) {
        // Four RK4 substeps per iteration keep the continuous-time reference far below plotting error.
        for (let j = 0; j < 4; j++) [t.ra, t.rb] = rk4Step(t.ra, t.rb, s, tau, 0.25);
      }
      if (step % stride === 0 || step === steps) {
        t.phase.points.push([a, b]);
        t.time.points.push([step, a * b]);
        const u = t.balanced ? modeStrength(step, s, t.a0 * t.b0, tau) : t.ra * t.rb;
        if (Number.isFinite(u)) {
          t.flow.points.push([step, u]);
          t.flowGap = Math.max(t.flowGap, Math.abs(a * b - u) / s);
        }
      }
    }
    if (step % chunk === 0 || step === steps) {
      if (ctx.cancelled()) return;
      yield frame(step, step === steps ? 'done' : 'running');
    }
  }
  if (steps === 0) yield frame(0, 'done');
}

export const saxePhasePortrait: FigureSpec<PhasePortraitSummary> = {
  id: ID,
  title: 'The phase portrait of one mode',
  chapter: 'modes',
  source: { kind: 'paper-figure', text: 'Saxe, McClelland & Ganguli (2014), Fig. 2: the vector field of eq. (8) with τ = 1, s = 1.' },
  iterative: true,
  deterministic: true,
  params: [
    { kind: 'number', name: 's', label: 'Mode strength s', doc: 'The singular value s of the mode; the fixed points are the hyperbola ab = s.', min: 0.2, max: 3, step: 0.05, default: 1 },
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate λ',
      doc: 'Step size of gradient descent (τ = 1/λ); near the fixed points steps become unstable once λ·s exceeds about 1.',
      min: 0.001,
      max: 1,
      step: 0,
      scale: 'log',
      // 0.6: with s = 2, λ·s = 1.2, the chapter's example of steps that never settle.
      values: logValues(0.001, 1, [0.6]),
      default: 0.05,
    },
    { kind: 'number', name: 'a1', label: 'Start 1: a', doc: 'First start point, input-side weight a.', min: -PHASE_RANGE, max: PHASE_RANGE, step: 0.01, default: 0.02 },
    { kind: 'number', name: 'b1', label: 'Start 1: b', doc: 'First start point, output-side weight b (a = b: balanced, eq. (12) applies).', min: -PHASE_RANGE, max: PHASE_RANGE, step: 0.01, default: 0.02 },
    { kind: 'number', name: 'a2', label: 'Start 2: a', doc: 'Second start point, input-side weight a.', min: -PHASE_RANGE, max: PHASE_RANGE, step: 0.01, default: 1.5 },
    { kind: 'number', name: 'b2', label: 'Start 2: b', doc: 'Second start point, output-side weight b.', min: -PHASE_RANGE, max: PHASE_RANGE, step: 0.01, default: -0.4 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Number of gradient-descent iterations.', min: 10, max: 5000, step: 10, default: 200, integer: true, unit: 'iterations' },
  ],
  handles: [
    { panel: 'phase', x: 'a1', y: 'b1', label: 'start 1' },
    { panel: 'phase', x: 'a2', y: 'b2', label: 'start 2' },
  ],
  overlay:
    'The exact orbit of eq. (8): the hyperbola a² − b² = c through each start, followed to the fixed-point curve ab = s; in the time panel, u(t) from eq. (12) for a balanced start (a = b) and eq. (8) integrated by RK4 otherwise.',
  panels: [
    { name: 'phase', title: 'Phase plane (a, b)', x: { label: 'a (input-side weight of the mode)' }, y: { label: 'b (output-side weight of the mode)' } },
    { name: 'time', title: 'Mode strength u = ab over time', x: { label: 't (iterations)' }, y: { label: 'u = ab' } },
  ],
  kinds: {
    descent: { role: 'simulation', style: 'line', label: 'gradient descent' },
    orbit: { role: 'theory', style: 'dashed', label: 'orbit of eq. (8): hyperbola a² − b² = c' },
    eq12: { role: 'theory', style: 'dashed', label: 'u(t), eq. (12)' },
    rk4: { role: 'theory', style: 'dashed', label: 'u(t), eq. (8) integrated (RK4)' },
    start: { role: 'simulation', style: 'markers', label: 'start point' },
    current: { role: 'simulation', style: 'dots', label: 'current point' },
    flow: { role: 'guide', style: 'arrows', label: 'vector field of eq. (8)' },
    fixed: { role: 'guide', style: 'thin', label: 'fixed points ab = s' },
    manifold: { role: 'guide', style: 'dotted', label: 'saddle’s stable manifold a = −b' },
    target: { role: 'guide', style: 'dotted', label: 'fixed point u = s' },
  },
  summaryLabels: {
    finalAb: 'u = ab at the last step, per trajectory',
    c: 'c = a₀² − b₀², conserved by eq. (8), per trajectory',
    drift: 'max |a² − b² − c| under gradient descent, per trajectory',
    driftBound: 'our bound on that drift, |c|·λ²·Σ(s − ab)², per trajectory',
    distanceFromHyperbola: 'max distance from the hyperbola a² − b² = c, per trajectory',
    flowGap: 'max |ab − u(t)| / s against eq. (12) or eq. (8) by RK4, per trajectory',
    stepsTo90: 'first step with ab ≥ 0.9 s, per trajectory (null: not reached)',
  },
  test: { steps: 120 },
  tolerances: {
    rk4VsEq12: { value: 1e-9, what: 'RK4 of eq. (8) (dt = 0.01τ) against eq. (12), balanced start a = b = 0.05, s = 1, τ = 1, t ≤ 10τ: max |Δu|.' },
    rk4Conservation: { value: 1e-9, what: 'RK4 of eq. (8) (dt = 0.005τ), s = 2, start (1.2, −0.7), t ≤ 10τ: max |a² − b² − c|.' },
    gdDriftBound: {
      value: 1,
      what: 'Discrete GD conserves c only up to O(λ²): c ← c (1 − λ² e²) with e = s − ab, so |c(t) − c(0)| ≤ |c(0)| λ² Σ e²; checked as drift ≤ bound·(1 + 1e-9) for λ = 0.02, 0.05, 0.2 from the default starts, 300 steps.',
    },
    gdDriftDefaults: {
      value: 0.05,
      what: 'Default run (s = 1, λ = 0.05, 200 steps): relative drift |c(t) − c(0)| / |c(0)| of the unbalanced trajectory 2 (c = 2.09); the balanced trajectory 1 keeps c = 0 exactly.',
    },
    gdVsEq12: {
      value: 0.01,
      what: 'Balanced start a = b = 0.02, s = 1, λ = 0.01, 2000 steps: max |ab(GD) − u(t) eq. (12)| / s (measured 0.007: discrete steps lag the flow by about λ·s/2 in the plateau).',
    },
  },
  departures: [
    'The paper does not state its start points or axis ranges; the defaults are our choice: a balanced start near the origin (long plateau, then a sigmoid) and an unbalanced start that slides along its hyperbola and crosses the a-axis.',
    'The paper plots the continuous-time flow (τ = 1); here the trajectories are discrete gradient-descent steps with learning rate λ = 1/τ, so large λ shows where the continuous theory stops applying.',
  ],
  describe,
  run,
};
