/**
 * Tachet des Combes et al. (2018), claim C3 and the paper's phase diagram, in this site's minimal model
 * (spec tachet-2018.md §2.6; ours): one ReLU unit on one cluster of n examples of norm r, in the plane of
 * z (the unit's signed output weight) and y (its pre-activation on the cluster). Discrete gradient descent
 * from three start points c1, c2, c3 over the failure region, the separatrix y = −rz and the conserved
 * hyperbolas y² − r²z² = c; the margin over time against the flow (RK4). Deterministic: nothing is random.
 *
 * Parameter names: the first start point is z0/y0 (the CLI contract), then z1/y1 and z2/y2; on the page they
 * are the points c1, c2, c3 (the spec's handles: click or arrow keys move them).
 */
import type { MarginLoss, PhaseOutcome } from '../analytic/tachet.ts';
import { phaseFlow, phaseOrbit, phaseStep, predictedOutcome, unitMargin } from '../analytic/tachet.ts';
import { defaults, logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { blownUp, fmt, lossParam, makeFrame, num, snapshot, str, strideFor } from './common.ts';

const ID = 'tachet-phase-diagram';
/** Start points and the plotted box: |z| ≤ Z_RANGE, Y_MIN ≤ y ≤ Y_MAX. */
export const Z_RANGE = 2;
export const Y_MIN = -1;
export const Y_MAX = 2;
/** Examples in the cluster (fixed; only n·τ⁻¹ matters and the learning rate already sets that). */
export const N_EXAMPLES = 1;
const FRAMES = 40;
const MAX_POINTS = 500;
export const POINT_LABELS = ['c1', 'c2', 'c3'] as const;
/** The family of conserved hyperbolas drawn as guides. */
const FAMILY = [-3, -1.5, -0.5, 0.5, 1.5, 3];

/** Per start point (c1, c2, c3 in this order) where a value is numeric; outcomes as words per point. */
export type PhaseDiagramSummary = {
  /** c1's outcome and final margin under the CLI's historical names (`--set z0=… --set y0=… --set r=…`). */
  outcome: PhaseOutcome;
  final_margin: number;
  c1Outcome: PhaseOutcome;
  c2Outcome: PhaseOutcome;
  c3Outcome: PhaseOutcome;
  c1Predicted: PhaseOutcome;
  c2Predicted: PhaseOutcome;
  c3Predicted: PhaseOutcome;
  startZ: number[];
  startY: number[];
  conserved: number[];
  finalZ: number[];
  finalY: number[];
  finalMargin: number[];
  drift: number[];
  maxMarginGapToFlow: number[];
  separatrixSlope: number;
};

interface Track {
  label: string;
  z: number;
  y: number;
  z0: number;
  y0: number;
  c0: number;
  drift: number;
  gap: number;
  predicted: PhaseOutcome;
  start: Series;
  phase: Series;
  time: Series;
  flowTime: Series;
  flowPts: [number, number][];
}

/** "y = −z", "y = −2z": the separatrix with the value of r written out. */
export function separatrixText(r: number): string {
  return r === 1 ? 'y = −z' : `y = −${fmt(r)}z`;
}

function guides(r: number, linear: boolean): Series[] {
  const ref = (name: string, kind: string, points: [number, number][]): Series => ({ name, kind, group: 'guides', panel: 'phase', points });
  const sep: [number, number][] = linear
    ? [
        [-Z_RANGE, r * Z_RANGE],
        [Z_RANGE, -r * Z_RANGE],
      ]
    : [
        [-Math.min(Z_RANGE, Y_MAX / r), Math.min(r * Z_RANGE, Y_MAX)],
        [0, 0],
      ];
  const unstable: [number, number][] = linear
    ? [
        [-Z_RANGE, -r * Z_RANGE],
        [Z_RANGE, r * Z_RANGE],
      ]
    : [
        [0, 0],
        [Math.min(Z_RANGE, Y_MAX / r), Math.min(r * Z_RANGE, Y_MAX)],
      ];
  const out = [ref(`separatrix ${separatrixText(r)}`, 'separatrix', sep), ref(`successful runs approach ${separatrixText(r).replace('−', '')}`, 'attractor', unstable)];
  for (const c of FAMILY) {
    // One branch per c inside the box: c > 0 the upper branch over z, c < 0 both z-branches (for y ≥ 0 if ReLU).
    const pts: [number, number][] = [];
    const ylo = linear ? Y_MIN : 0;
    if (c > 0) {
      for (let i = 0; i <= 80; i++) {
        const z = -Z_RANGE + (2 * Z_RANGE * i) / 80;
        const y = Math.sqrt(c + r * r * z * z);
        if (y <= Y_MAX) pts.push([z, y]);
      }
      out.push(ref(`hyperbola y² − r²z² = ${c}`, 'hyperbola', pts));
    } else {
      for (const s of [-1, 1]) {
        const branch: [number, number][] = [];
        for (let i = 0; i <= 60; i++) {
          const y = ylo + ((Y_MAX - ylo) * i) / 60;
          const z = (s * Math.sqrt(y * y - c)) / r;
          if (Math.abs(z) <= Z_RANGE) branch.push([z, y]);
        }
        out.push(ref(`hyperbola y² − r²z² = ${c} (${s < 0 ? 'z < 0' : 'z > 0'})`, 'hyperbola', branch));
      }
    }
  }
  return out.filter((s) => s.points.length > 1);
}

const outcomeOf = (m: number): PhaseOutcome => (m > 0 ? 'success' : 'failure');

function summarise(tracks: Track[], r: number, linear: boolean): PhaseDiagramSummary {
  const margins = tracks.map((t) => unitMargin(t.z, t.y, linear));
  const [o1, o2, o3] = margins.map(outcomeOf);
  return {
    outcome: o1,
    final_margin: margins[0],
    c1Outcome: o1,
    c2Outcome: o2,
    c3Outcome: o3,
    c1Predicted: tracks[0].predicted,
    c2Predicted: tracks[1].predicted,
    c3Predicted: tracks[2].predicted,
    startZ: tracks.map((t) => t.z0),
    startY: tracks.map((t) => t.y0),
    conserved: tracks.map((t) => t.c0),
    finalZ: tracks.map((t) => t.z),
    finalY: tracks.map((t) => t.y),
    finalMargin: margins,
    drift: tracks.map((t) => t.drift),
    maxMarginGapToFlow: tracks.map((t) => t.gap),
    separatrixSlope: r,
  };
}

/** The settings at which the unit tests hold a check's tolerance: the defaults with these changes. */
function atSettings(params: Params, changes: Params): boolean {
  const want = { ...defaults(tachetPhaseDiagram), ...changes };
  return Object.entries(want).every(([k, v]) => params[k] === v);
}

function checks(params: Params, tracks: Track[], linear: boolean): Check[] {
  const out: Check[] = tracks.map((t) => ({
    label: `${t.label}: max |margin(gradient descent) − margin(flow)|`,
    value: t.gap,
    against: 'the flow (S1), RK4 with τ = 1/λ',
    ...(atSettings(params, { learningRate: 0.01, steps: 3000 }) ? { tolerance: TOL.gdVsFlow } : {}),
  }));
  const off = tracks.filter((t) => Math.abs(t.c0) > 1e-9);
  if (off.length) {
    out.push({
      label: `max |Δ(y² − r²z²)| / |c| along the gradient-descent paths (${off.map((t) => t.label).join(', ')})`,
      value: Math.max(...off.map((t) => t.drift / Math.abs(t.c0))),
      against: 'conserved y² − r²z² = c of the flow (S1)',
      ...(atSettings(params, {}) ? { tolerance: TOL.conservedGd } : {}),
    });
  }
  const wrong = tracks.filter((t) => outcomeOf(unitMargin(t.z, t.y, linear)) !== t.predicted).length;
  out.push({ label: 'start points whose outcome differs from the failure condition', value: wrong, against: 'failure condition (S2)' });
  return out;
}

function describe(frame: Frame<PhaseDiagramSummary>): string {
  const p = frame.params;
  const s = frame.summary;
  const linear = Boolean(p.linear);
  const outcomes = [s.c1Outcome, s.c2Outcome, s.c3Outcome];
  const parts = POINT_LABELS.map((label, i) => {
    const m = s.finalMargin[i];
    const dead = !linear && s.finalY[i] <= 0;
    const what =
      outcomes[i] === 'success' ? `learns the cluster (margin ${fmt(m)})` : dead ? `dies with z frozen at ${fmt(s.finalZ[i])}` : `has not learned it (margin ${fmt(m)})`;
    return `${label} from (${fmt(s.startZ[i])}, ${fmt(s.startY[i])}) ${what}`;
  });
  const r = s.separatrixSlope;
  let text = `${linear ? 'A linear unit' : 'One ReLU unit'} on one cluster with r = ${fmt(r)}, ${String(p.loss)} loss, after ${frame.step} gradient steps: ${parts.join('; ')}. `;
  text += linear
    ? `Without the ReLU gate only starts exactly on the line ${separatrixText(r)} fail.`
    : `The failure region is y ≤ 0 together with the wedge between the negative z-axis and the separatrix ${separatrixText(r)}.`;
  if (frame.status === 'diverged') text += ' The run diverged: the learning rate is too large for discrete steps.';
  return text;
}

/** The share of the progress bar that the three flows (computed before the first frame) take. */
const FLOW_SHARE = 0.5;

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<PhaseDiagramSummary>, void, void> {
  const r = num(params, 'r');
  const loss = str(params, 'loss') as MarginLoss;
  const linear = Boolean(params.linear);
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const n = N_EXAMPLES;
  const tau = 1 / lr;
  const stride = strideFor(steps, MAX_POINTS);
  const chunk = Math.max(1, Math.ceil(steps / FRAMES));
  const times: number[] = [];
  for (let s = 0; s <= steps; s += stride) times.push(s);
  if (times[times.length - 1] !== steps) times.push(steps);

  const tracks: Track[] = [];
  for (const [i, label] of POINT_LABELS.entries()) {
    const z0 = num(params, `z${i}`);
    const y0 = num(params, `y${i}`);
    const group = label;
    const flowPts = phaseFlow(loss, z0, y0, r, n, tau, times, linear);
    // At a large learning rate × many steps the flow's small RK4 substeps take seconds per track, before
    // the first frame: the flows are the first half of the progress bar, and Cancel stays alive.
    await ctx.progress?.((FLOW_SHARE * (i + 1)) / POINT_LABELS.length);
    if (ctx.cancelled()) return;
    const m0 = unitMargin(z0, y0, linear);
    tracks.push({
      label,
      z: z0,
      y: y0,
      z0,
      y0,
      c0: y0 * y0 - r * r * z0 * z0,
      drift: 0,
      gap: 0,
      predicted: predictedOutcome(z0, y0, r, linear),
      start: { name: `${label}: start`, kind: 'start', group, panel: 'phase', points: [[z0, y0]] },
      phase: { name: `${label}: path (gradient descent)`, kind: 'path', group, panel: 'phase', points: [[z0, y0]] },
      time: { name: `${label}: margin (gradient descent)`, kind: 'margin', group, panel: 'time', points: [[0, m0]] },
      flowTime: { name: `${label}: margin (flow, RK4)`, kind: 'flow', group, panel: 'time', points: [[0, m0]] },
      flowPts,
    });
  }
  const orbits: Series[] = tracks.map((t) => ({
    name: `${t.label}: orbit y² − r²z² = c (exact)`,
    kind: 'orbit',
    group: t.label,
    panel: 'phase',
    points: phaseOrbit(t.z0, t.y0, r, Z_RANGE, Y_MAX, 160, linear),
  }));
  const fixed = guides(r, linear);
  const notes: string[] = [];
  if (lr * n * r * r > 0.5) {
    notes.push(`λ·n·r² = ${fmt(lr * n * r * r)}: the discrete steps are coarse compared with the flow, and trajectories leave their hyperbolas visibly.`);
  }
  let flowIdx = 1;
  const series = (): Series[] => [...fixed, ...tracks.flatMap((t, i) => [orbits[i], t.phase, t.start]), ...tracks.flatMap((t) => [t.time, t.flowTime])];
  const frame = (step: number, status: Frame['status'], extra: string[] = []): Frame<PhaseDiagramSummary> =>
    makeFrame(ID, params, {
      series: snapshot(series()),
      summary: summarise(tracks, r, linear),
      checks: checks(params, tracks, linear),
      progress: steps ? FLOW_SHARE + ((1 - FLOW_SHARE) * step) / steps : 1,
      step,
      status,
      notes: [...notes, ...extra],
    });

  for (let step = 1; step <= steps; step++) {
    for (const t of tracks) {
      const [z, y] = phaseStep(loss, t.z, t.y, r, n, lr, linear);
      if (blownUp(z) || blownUp(y)) {
        yield frame(step - 1, 'diverged', [
          `Diverged at step ${step} (${t.label}): the learning rate ${fmt(lr)} is too large for discrete gradient descent here; the phase diagram is the continuous-time flow.`,
        ]);
        return;
      }
      t.z = z;
      t.y = y;
      if (linear || y > 0) t.drift = Math.max(t.drift, Math.abs(y * y - r * r * z * z - t.c0));
    }
    const recorded = step === times[flowIdx];
    if (recorded) {
      for (const t of tracks) {
        const m = unitMargin(t.z, t.y, linear);
        t.phase.points.push([t.z, t.y]);
        t.time.points.push([step, m]);
        const [fz, fy] = t.flowPts[flowIdx];
        const fm = unitMargin(fz, fy, linear);
        t.flowTime.points.push([step, fm]);
        t.gap = Math.max(t.gap, Math.abs(m - fm));
      }
      flowIdx++;
    }
    if (step % chunk === 0 || step === steps) {
      if (ctx.cancelled()) return;
      yield frame(step, step === steps ? 'done' : 'running');
    }
  }
  if (steps === 0) yield frame(0, 'done');
}

const coord = (name: string, label: string, doc: string, min: number, max: number, def: number) =>
  ({ kind: 'number', name, label, doc, min, max, step: 0.05, default: def }) as const;

const TOL = { conservedGd: 0.05, frozenZ: 0.02, separatrix: 1e-3, gdVsFlow: 0.02 };

export const tachetPhaseDiagram: FigureSpec<PhaseDiagramSummary> = {
  id: ID,
  title: 'The phase diagram of one ReLU unit: where training fails',
  chapter: 'failure',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claim C3 and the paper’s phase diagram (the (z, y) plane with a failure region and points c1, c2, c3), redrawn in this site’s own minimal model.',
  },
  iterative: true,
  deterministic: true,
  params: [
    { kind: 'number', name: 'r', label: 'Input norm r', doc: 'Norm of the examples in the cluster; the separatrix is y = −r·z.', min: 0.25, max: 3, step: 0.05, default: 1 },
    lossParam('Logistic (cross-entropy), hinge or squared loss on the margin.'),
    { kind: 'boolean', name: 'linear', label: 'Linear unit (no ReLU)', doc: 'Remove the ReLU gate: the lower half-plane stops being absorbing and the wedge disappears.', default: false },
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate λ',
      doc: 'Step size of gradient descent (τ = 1/λ).',
      min: 0.002,
      max: 0.5,
      step: 0,
      scale: 'log',
      values: logValues(0.002, 0.5),
      default: 0.05,
    },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Number of gradient-descent iterations.', min: 10, max: 3000, step: 10, default: 600, integer: true, unit: 'iterations' },
    coord('z0', 'c1: z', 'First start point (c1), output weight z (paper’s point on the separatrix).', -Z_RANGE, Z_RANGE, -0.8),
    coord('y0', 'c1: y', 'First start point (c1), pre-activation y.', Y_MIN, Y_MAX, 0.8),
    coord('z1', 'c2: z', 'Second start point (c2), output weight z.', -Z_RANGE, Z_RANGE, -1),
    coord('y1', 'c2: y', 'Second start point (c2), pre-activation y.', Y_MIN, Y_MAX, 1.5),
    coord('z2', 'c3: z', 'Third start point (c3), output weight z.', -Z_RANGE, Z_RANGE, -1.5),
    coord('y2', 'c3: y', 'Third start point (c3), pre-activation y.', Y_MIN, Y_MAX, 0.6),
  ],
  handles: [
    { panel: 'phase', x: 'z0', y: 'y0', label: 'c1' },
    { panel: 'phase', x: 'z1', y: 'y1', label: 'c2' },
    { panel: 'phase', x: 'z2', y: 'y2', label: 'c3' },
  ],
  overlay:
    'The exact orbit through each start (the hyperbola y² − r²z² = c, conserved while the unit is active), the separatrix y = −r·z, and in the time panel the margin of the continuous flow integrated by RK4 (τ = 1/λ).',
  panels: [
    { name: 'phase', title: 'Phase diagram (z, y) of one unit', x: { label: 'z (signed output weight)' }, y: { label: 'y (pre-activation on the cluster)' } },
    { name: 'time', title: 'Margin of the unit over time', x: { label: 't (iterations)' }, y: { label: 'margin m = z·ReLU(y)' } },
  ],
  kinds: {
    path: { role: 'simulation', style: 'line', label: 'gradient-descent path' },
    start: { role: 'simulation', style: 'markers', label: 'start point (movable)' },
    orbit: { role: 'theory', style: 'dashed', label: 'exact orbit y² − r²z² = c' },
    failure: { role: 'guide', style: 'area', label: 'failure region (S2)' },
    separatrix: { role: 'guide', style: 'line', label: 'separatrix y = −r·z' },
    attractor: { role: 'guide', style: 'dotted', label: 'successful runs approach y = r·z' },
    hyperbola: { role: 'guide', style: 'thin', label: 'conserved hyperbolas y² − r²z² = c' },
    margin: { role: 'simulation', style: 'line', label: 'margin, gradient descent' },
    flow: { role: 'theory', style: 'dashed', label: 'margin, flow (RK4)' },
  },
  summaryLabels: {
    outcome: 'c1: outcome, success if the final margin > 0 (same as c1Outcome)',
    final_margin: 'c1: final margin (same as finalMargin[0])',
    c1Outcome: 'c1: outcome (success if the final margin > 0)',
    c2Outcome: 'c2: outcome (success if the final margin > 0)',
    c3Outcome: 'c3: outcome (success if the final margin > 0)',
    c1Predicted: 'c1: outcome predicted by the failure condition (S2)',
    c2Predicted: 'c2: outcome predicted by the failure condition (S2)',
    c3Predicted: 'c3: outcome predicted by the failure condition (S2)',
    startZ: 'start z of c1, c2, c3',
    startY: 'start y of c1, c2, c3',
    conserved: 'c = y₀² − r²z₀² of c1, c2, c3',
    finalZ: 'final z of c1, c2, c3',
    finalY: 'final y of c1, c2, c3 (≤ 0: the unit is dead)',
    finalMargin: 'final margin m = z·ReLU(y) of c1, c2, c3',
    drift: 'largest drift |y² − r²z² − c| along the path while active, c1, c2, c3',
    maxMarginGapToFlow: 'max |margin(gradient descent) − margin(flow)| of c1, c2, c3',
    separatrixSlope: 'separatrix slope r (the line y = −r·z)',
  },
  test: { steps: 100 },
  tolerances: {
    conservedGd: {
      value: TOL.conservedGd,
      what: 'Defaults (r = 1, λ = 0.05, 600 steps, logistic): relative drift |y² − r²z² − c|/|c| along the gradient-descent path of c2 and c3 while the unit is active (GD multiplies c by exactly 1 − λ²n²g²r² per step, here n = 1, so c1 on the separatrix keeps c = 0); at λ = 0.005 the drift falls tenfold.',
    },
    frozenZ: {
      value: TOL.frozenZ,
      what: 'Defaults: c3 = (−1.5, 0.6) dies with z within this of −√(r²z0² − y0²)/r = −1.3748 (overshoot of the last step is O(λ)).',
    },
    separatrix: { value: TOL.separatrix, what: 'Defaults: c1 = (−0.8, 0.8) on the separatrix ends within this distance of the origin after 600 steps.' },
    gdVsFlow: { value: TOL.gdVsFlow, what: 'λ = 0.01, 3000 steps, each default start: max |margin(GD) − margin(flow, RK4)| over the run.' },
    condition: {
      value: 1,
      what: 'Fraction of agreement (all of them) on a 13 × 10 grid of starts (z ∈ [−1.8, 1.8], y ∈ [−0.5, 1.9], off the separatrix by more than 0.05), r ∈ {0.5, 1, 2}, logistic, λ = 0.05, 1500 steps: the simulated outcome (final margin > 0) equals the failure condition (S2) for every start.',
    },
  },
  departures: [
    'The paper’s settings for its phase diagram (loss, learning rate, exact positions of c1, c2, c3) are not known to us; our defaults are r = 1, one example, logistic loss, and c1 = (−0.8, 0.8) on the separatrix, c2 = (−1, 1.5) in the success region, c3 = (−1.5, 0.6) in the failure wedge.',
    'The phase diagram is a continuous flow; the trajectories here are discrete gradient-descent steps with learning rate λ = 1/τ, drawn over the exact orbits.',
  ],
  describe,
  run,
};
