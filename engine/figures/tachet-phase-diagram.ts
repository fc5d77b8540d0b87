/**
 * Tachet des Combes et al. (2018), claim C3 and the paper's phase diagram, in this site's minimal model
 * (spec tachet-2018.md §2.6; ours): one ReLU unit on one cluster of n examples of norm r, in the plane of
 * z (the unit's signed output weight) and y (its pre-activation on the cluster). Discrete gradient descent
 * from three start points c1, c2, c3 over the failure region, the separatrix y = −rz and the conserved
 * hyperbolas y² − r²z² = c; the margin over time against the flow (RK4). Deterministic: the seed is unused.
 *
 * Parameter names: the first start point is z0/y0 (the CLI contract), then z1/y1 and z2/y2; on the page they
 * are the points c1, c2, c3.
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { phaseFlow, phaseOrbit, phaseStep, predictedOutcome, unitMargin } from '../analytic/tachet.ts';
import type { FigureSpec, Frame, Params, Series, Summary } from '../spec.ts';
import { blownUp, fmt, lossParam, makeFrame, num, seedParam, snapshot, str, strideFor } from './common.ts';

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

interface Track {
  label: string;
  z: number;
  y: number;
  z0: number;
  y0: number;
  c0: number;
  drift: number;
  predicted: 'success' | 'failure';
  phase: Series;
  time: Series;
  flowTime: Series;
  flowPts: [number, number][];
}

function guides(r: number, linear: boolean): Series[] {
  const ref = (name: string, points: [number, number][]): Series => ({ name, role: 'reference', group: 'reference', panel: 'phase', points });
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
  const out = [ref('separatrix y = −rz', sep), ref('successful runs approach y = rz', unstable)];
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
      out.push(ref(`hyperbola y² − r²z² = ${c}`, pts));
    } else {
      for (const s of [-1, 1]) {
        const branch: [number, number][] = [];
        for (let i = 0; i <= 60; i++) {
          const y = ylo + ((Y_MAX - ylo) * i) / 60;
          const z = (s * Math.sqrt(y * y - c)) / r;
          if (Math.abs(z) <= Z_RANGE) branch.push([z, y]);
        }
        out.push(ref(`hyperbola y² − r²z² = ${c} (${s < 0 ? 'z < 0' : 'z > 0'})`, branch));
      }
    }
  }
  return out.filter((s) => s.points.length > 1);
}

function summarise(tracks: Track[], r: number, linear: boolean): Summary {
  const out: Summary = {};
  const first = tracks[0];
  const m0 = unitMargin(first.z, first.y, linear);
  out.outcome = m0 > 0 ? 'success' : 'failure';
  out.final_margin = m0;
  for (const t of tracks) {
    const m = unitMargin(t.z, t.y, linear);
    out[`${t.label}: start (z, y)`] = `(${fmt(t.z0)}, ${fmt(t.y0)})`;
    out[`${t.label}: outcome (final margin > 0)`] = m > 0 ? 'success' : 'failure';
    out[`${t.label}: predicted by the failure condition`] = t.predicted;
    out[`${t.label}: final margin`] = m;
    out[`${t.label}: final z`] = t.z;
    out[`${t.label}: final y`] = t.y;
    out[`${t.label}: c = y0² − r²z0²`] = t.c0;
    out[`${t.label}: drift of y² − r²z²`] = t.drift;
    if (!linear) out[`${t.label}: unit dead (y ≤ 0)`] = t.y <= 0 ? 'yes' : 'no';
  }
  out['separatrix slope r'] = r;
  return out;
}

function describe(frame: Frame): string {
  const p = frame.params;
  const linear = Boolean(p.linear);
  const parts = POINT_LABELS.map((label) => {
    const s = frame.summary;
    const out = s[`${label}: outcome (final margin > 0)`];
    const dead = s[`${label}: unit dead (y ≤ 0)`] === 'yes';
    const m = Number(s[`${label}: final margin`]);
    const what = out === 'success' ? `learns the cluster (margin ${fmt(m)})` : dead ? `dies with z frozen at ${fmt(Number(s[`${label}: final z`]))}` : `has not learned it (margin ${fmt(m)})`;
    return `${label} from ${s[`${label}: start (z, y)`]} ${what}`;
  });
  let text = `${linear ? 'A linear unit' : 'One ReLU unit'} on one cluster with r = ${fmt(Number(p.r))}, ${String(p.loss)} loss, after ${frame.step} gradient steps: ${parts.join('; ')}. `;
  text += linear
    ? 'Without the ReLU gate only starts exactly on the line y = −rz fail.'
    : `The failure region is y ≤ 0 together with the wedge between the negative z-axis and the separatrix y = −${fmt(Number(p.r))}z.`;
  if (frame.status === 'diverged') text += ' The run diverged: the learning rate is too large for discrete steps.';
  return text;
}

async function* run(params: Params, ctx: { cancelled(): boolean }): AsyncGenerator<Frame, void, void> {
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

  const tracks: Track[] = POINT_LABELS.map((label, i) => {
    const z0 = num(params, `z${i}`);
    const y0 = num(params, `y${i}`);
    const group = label;
    const flowPts = phaseFlow(loss, z0, y0, r, n, tau, times, linear);
    return {
      label,
      z: z0,
      y: y0,
      z0,
      y0,
      c0: y0 * y0 - r * r * z0 * z0,
      drift: 0,
      predicted: predictedOutcome(z0, y0, r, linear),
      phase: { name: `${label} (gradient descent)`, role: 'simulation', group, panel: 'phase', points: [[z0, y0]] },
      time: { name: `${label}: margin (gradient descent)`, role: 'simulation', group, panel: 'time', points: [[0, unitMargin(z0, y0, linear)]] },
      flowTime: { name: `${label}: margin (flow, RK4)`, role: 'analytic', group, panel: 'time', points: [[0, unitMargin(z0, y0, linear)]] },
      flowPts,
    };
  });
  const orbits: Series[] = tracks.map((t) => ({
    name: `${t.label}: orbit y² − r²z² = c (exact)`,
    role: 'analytic',
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
  const series = (): Series[] => [...tracks.flatMap((t, i) => [t.phase, orbits[i]]), ...fixed, ...tracks.flatMap((t) => [t.time, t.flowTime])];
  const frame = (step: number, status: Frame['status'], extra: string[] = []): Frame =>
    makeFrame(ID, params, {
      series: snapshot(series()),
      summary: summarise(tracks, r, linear),
      progress: steps ? step / steps : 1,
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
        t.phase.points.push([t.z, t.y]);
        t.time.points.push([step, unitMargin(t.z, t.y, linear)]);
        const [fz, fy] = t.flowPts[flowIdx];
        t.flowTime.points.push([step, unitMargin(fz, fy, linear)]);
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
  ({ kind: 'number', name, label, doc, min, max, step: 0.01, default: def }) as const;

export const tachetPhaseDiagram: FigureSpec = {
  id: ID,
  title: 'The phase diagram of one ReLU unit: where training fails',
  chapter: 'failure',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claim C3 and the paper’s phase diagram (the (z, y) plane with a failure region and points c1, c2, c3), redrawn in this site’s own minimal model.',
  },
  iterative: true,
  params: [
    { kind: 'number', name: 'r', label: 'Input norm r', doc: 'Norm of the examples in the cluster; the separatrix is y = −rz.', min: 0.25, max: 3, step: 0.05, default: 1 },
    lossParam('Logistic (cross-entropy), hinge or squared loss on the margin.'),
    { kind: 'boolean', name: 'linear', label: 'Linear unit (no ReLU)', doc: 'Remove the ReLU gate: the lower half-plane stops being absorbing and the wedge disappears.', default: false },
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate λ',
      doc: 'Step size of gradient descent (τ = 1/λ).',
      min: 0.002,
      max: 0.5,
      step: 0.05,
      scale: 'log',
      default: 0.05,
    },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Number of gradient-descent iterations.', min: 10, max: 3000, step: 10, default: 600, integer: true, unit: 'iterations' },
    coord('z0', 'c1: z', 'First start point (c1), output weight z (paper’s point on the separatrix).', -Z_RANGE, Z_RANGE, -0.8),
    coord('y0', 'c1: y', 'First start point (c1), pre-activation y.', Y_MIN, Y_MAX, 0.8),
    coord('z1', 'c2: z', 'Second start point (c2), output weight z.', -Z_RANGE, Z_RANGE, -1),
    coord('y1', 'c2: y', 'Second start point (c2), pre-activation y.', Y_MIN, Y_MAX, 1.5),
    coord('z2', 'c3: z', 'Third start point (c3), output weight z.', -Z_RANGE, Z_RANGE, -1.5),
    coord('y2', 'c3: y', 'Third start point (c3), pre-activation y.', Y_MIN, Y_MAX, 0.6),
    seedParam('Kept so every figure has a seed; this figure is deterministic and does not use it.'),
  ],
  overlay:
    'The exact orbit through each start (the hyperbola y² − r²z² = c, conserved while the unit is active), the separatrix y = −rz, and in the time panel the margin of the continuous flow integrated by RK4 (τ = 1/λ).',
  axes: { x: 'z (signed output weight)', y: 'y (pre-activation on the cluster)' },
  tolerances: {
    conservedGd: {
      value: 0.05,
      what: 'Defaults (r = 1, λ = 0.05, 600 steps, logistic): relative drift |y² − r²z² − c|/|c| along the gradient-descent path of c2 and c3 while the unit is active (GD multiplies c by exactly 1 − λ²g²r² per step, so c1 on the separatrix keeps c = 0); at λ = 0.005 the drift falls tenfold.',
    },
    frozenZ: {
      value: 0.02,
      what: 'Defaults: c3 = (−1.5, 0.6) dies with z within this of −√(r²z0² − y0²)/r = −1.3748 (overshoot of the last step is O(λ)).',
    },
    separatrix: { value: 1e-3, what: 'Defaults: c1 = (−0.8, 0.8) on the separatrix ends within this distance of the origin after 600 steps.' },
    gdVsFlow: { value: 0.02, what: 'λ = 0.01, 3000 steps, each default start: max |margin(GD) − margin(flow, RK4)| over the run.' },
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
