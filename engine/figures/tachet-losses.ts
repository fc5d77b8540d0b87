/**
 * Tachet des Combes et al. (2018), claim C6 (cross-entropy and hinge losses give different learning dynamics),
 * shown in this site's minimal model (spec tachet-2018.md §2.3; ours): one cluster of n = 4 identical examples of
 * norm r (so n r is the cluster's strength), one aligned, balanced unit f(x) = b·ReLU(a e·x), trained by
 * full-batch gradient descent on the summed logistic, hinge or squared loss. Margin and weight norm over time
 * against the closed forms of the balanced flow: hinge stops at m = 1 at t* = τ/(2nr) ln(1/m0), squared
 * converges to m = 1, logistic keeps growing (like ln t). Deterministic: nothing in it is random.
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { balancedWeightNorm, hingeStopTime, marginAt } from '../analytic/tachet.ts';
import type { TachetNet } from '../nn/tachet-model.ts';
import { disposeTachetData, disposeTachetNet, readMargins, readWeights, tachetData, tachetNet, tachetStep } from '../nn/tachet-model.ts';
import { logValues } from '../params.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { blownUp, fmt, makeFrame, num, snapshot, str } from './common.ts';

const ID = 'tachet-losses';
const FRAMES = 30;
const POINTS = 160;
/** Examples in the cluster (identical, of norm r = nr / COUNT). */
export const COUNT = 4;
const ALL: MarginLoss[] = ['logistic', 'hinge', 'squared'];

export function lossesOf(choice: string): MarginLoss[] {
  if (choice === 'all') return ALL;
  return choice.split(',').filter((x): x is MarginLoss => (ALL as string[]).includes(x));
}

/** Recording steps: 1, 2, … then geometric up to `steps` (about `count` of them), always ending at `steps`. */
export function logSteps(steps: number, count: number): number[] {
  const out = new Set<number>();
  const q = Math.log(steps) / (count - 1);
  for (let i = 0; i < count; i++) out.add(Math.min(steps, Math.max(1, Math.round(Math.exp(i * q)))));
  out.add(steps);
  return [...out].sort((a, b) => a - b);
}

/**
 * Per-loss entries follow the order of `losses`. stopTime and stopStep are for the hinge loss, the only one
 * that stops; they are null for the other losses (and stopStep while the hinge run has not reached m = 1).
 */
export type LossesSummary = {
  losses: string;
  tau: number;
  margin: number[];
  marginClosedForm: number[];
  weightNorm: number[];
  stopTime: (number | null)[];
  stopStep: (number | null)[];
};

/** Where the closedForms and hingeStop tolerances hold: η n r and m0 at least as favourable as in their test. */
function inToleranceRegime(lr: number, nr: number, m0: number): boolean {
  return lr * nr <= 0.002 + 1e-12 && m0 >= 0.01;
}

const EQUATION: Record<MarginLoss, string> = { squared: 'eq. (S2)', hinge: 'eq. (S3)', logistic: 'eq. (S4)' };

interface Run {
  loss: MarginLoss;
  margin: Series;
  norm: Series;
  marginTheory: Series;
  normTheory: Series;
  maxResidual: number;
  stop: number | null;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<LossesSummary>, void, void> {
  const tf = ctx.tf;
  const losses = lossesOf(str(params, 'losses'));
  const nr = num(params, 'strength');
  const m0 = num(params, 'm0');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const tau = 1 / lr;
  const r = nr / COUNT;
  const a0 = Math.sqrt(m0 / r);
  const tStar = hingeStopTime(nr, m0, tau);
  const notes: string[] = [
    `One cluster of ${COUNT} identical examples of norm r = ${fmt(r)} (n r = ${fmt(nr)}), label +1; one ReLU unit started aligned and balanced, a₀ = b₀ = √(m₀/r) = ${fmt(a0)}; τ = 1/η = ${fmt(tau)} steps.`,
  ];
  if (m0 < 1) {
    notes.push(
      `Discrete steps multiply the balanced margin by (1 + η n r g)² per step instead of e^(2η n r g): to first order in η n r the simulation lags the flow by ln(m/m₀)/4 steps at margin m (ours), about ${fmt(Math.log(1 / m0) / 4)} steps at m = 1, and the hinge run overshoots m = 1 by at most (1 + η n r)² − 1 = ${fmt((1 + lr * nr) ** 2 - 1)} before it freezes.`,
    );
  }
  const recordAt = logSteps(steps, POINTS);
  const frameAt = new Set(logSteps(steps, FRAMES));
  const runs: Run[] = losses.map((loss) => ({
    loss,
    margin: { name: `${loss}: margin (simulation)`, kind: 'simulation', group: loss, panel: 'margin', points: [] },
    marginTheory: { name: `${loss}: margin (closed form)`, kind: 'closedForm', group: loss, panel: 'margin', points: [] },
    norm: { name: `${loss}: weight norm (simulation)`, kind: 'simulation', group: loss, panel: 'norm', points: [] },
    normTheory: { name: `${loss}: weight norm √(2m/r) (closed form)`, kind: 'closedForm', group: loss, panel: 'norm', points: [] },
    maxResidual: 0,
    stop: null,
  }));
  // Guides: the margin 1 where hinge stops and squared converges, and t* (hinge) when it is on the plot.
  const guides: Series[] = [{ name: 'margin m = 1', kind: 'level', group: 'guide', panel: 'margin', points: [[1, 1], [steps, 1]] }];
  if (losses.includes('hinge') && tStar >= 1 && tStar <= steps) {
    guides.push({ name: `t* = τ ln(1/m₀)/(2nr) = ${fmt(tStar)}`, kind: 'stopTime', group: 'guide', panel: 'margin', points: [[tStar, 0], [tStar, 1]] });
  }
  const tolerated = inToleranceRegime(lr, nr, m0);

  const B = losses.length;
  const data = tachetData(
    tf,
    losses.map(() => new Array(COUNT).fill(r)),
    losses.map(() => new Array(COUNT).fill(1)),
    losses.map(() => new Array(COUNT).fill(1)),
    losses,
    1,
  );
  let net: TachetNet = tachetNet(tf, 'two-layer', 'relu', losses.map(() => [a0]), losses.map(() => [a0]), 1, 1);
  const lrT = tf.scalar(lr);
  try {
    const series = (): Series[] => [...runs.flatMap((x) => [x.margin, x.marginTheory]), ...guides, ...runs.flatMap((x) => [x.norm, x.normTheory])];
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<LossesSummary> =>
      makeFrame(ID, params, {
        series: snapshot(series()),
        summary: summarise(runs, tau, tStar),
        checks: checks(runs, tStar, tolerated),
        progress: t / steps,
        step: t,
        status,
        notes: [...notes, ...extra],
      });
    let k = 0;
    for (let t = 1; t <= steps; t++) {
      const next = tachetStep(tf, net, data, lrT);
      disposeTachetNet(tf, net);
      net = next;
      const hinge = runs.findIndex((x) => x.loss === 'hinge');
      if (hinge >= 0 && runs[hinge].stop === null && t !== recordAt[k]) {
        // Until the hinge run stops, its margin is read every step, so the stop step is exact.
        if (readMargins(tf, net, data)[hinge][0] >= 1) runs[hinge].stop = t;
      }
      if (t !== recordAt[k]) continue;
      k++;
      const margins = readMargins(tf, net, data);
      const w = readWeights(net);
      for (let b = 0; b < B; b++) {
        const x = runs[b];
        const m = margins[b][0];
        const norm = Math.hypot(w.W[b][0], w.v![b][0]);
        if (blownUp(m) || blownUp(norm)) {
          yield frame(t, 'diverged', [`Diverged by step ${t} (${x.loss} loss): the learning rate ${fmt(lr)} is too large for n r = ${fmt(nr)}.`]);
          return;
        }
        const mt = marginAt(x.loss, t, nr, m0, tau);
        x.margin.points.push([t, m]);
        x.marginTheory.points.push([t, mt]);
        x.norm.points.push([t, norm]);
        x.normTheory.points.push([t, balancedWeightNorm(mt, r)]);
        x.maxResidual = Math.max(x.maxResidual, Math.abs(m - mt) / Math.max(mt, m0));
        if (x.loss === 'hinge' && x.stop === null && m >= 1) x.stop = t;
      }
      if (frameAt.has(t) || t === steps) {
        if (ctx.cancelled()) return;
        yield frame(t, t === steps ? 'done' : 'running');
      }
    }
  } finally {
    lrT.dispose();
    disposeTachetNet(tf, net);
    disposeTachetData(tf, data);
  }
}

function last(s: Series): number {
  return s.points.length ? s.points[s.points.length - 1][1] : NaN;
}

function summarise(runs: Run[], tau: number, tStar: number): LossesSummary {
  return {
    losses: runs.map((x) => x.loss).join(','),
    tau,
    margin: runs.map((x) => last(x.margin)),
    marginClosedForm: runs.map((x) => last(x.marginTheory)),
    weightNorm: runs.map((x) => last(x.norm)),
    stopTime: runs.map((x) => (x.loss === 'hinge' ? tStar : null)),
    stopStep: runs.map((x) => (x.loss === 'hinge' ? x.stop : null)),
  };
}

/** Each loss's largest relative gap to its closed form, and the hinge run's stop step against t*. */
function checks(runs: Run[], tStar: number, tolerated: boolean): Check[] {
  const out: Check[] = runs.map((x) => ({
    label: `max |m − m(closed form)| / m(closed form), ${x.loss} loss`,
    value: x.maxResidual,
    against: EQUATION[x.loss],
    ...(tolerated ? { tolerance: 0.02 } : {}),
  }));
  const hinge = runs.find((x) => x.loss === 'hinge');
  if (hinge && hinge.stop !== null && tStar > 0) {
    out.push({ label: '|first step with m ≥ 1 − t*| / t*, hinge loss', value: Math.abs(hinge.stop - tStar) / tStar, against: 'eq. (S3)', ...(tolerated ? { tolerance: 0.01 } : {}) });
  }
  return out;
}

function describe(frame: Frame<LossesSummary>): string {
  const { losses, margin, marginClosedForm, stopTime, stopStep } = frame.summary;
  const t = frame.step;
  const order = losses ? losses.split(',') : [];
  const parts: string[] = [];
  const i = (loss: MarginLoss) => order.indexOf(loss);
  const lg = i('logistic');
  if (lg >= 0) parts.push(`under the logistic loss the margin is still growing, at ${fmt(margin[lg])} (closed form ${fmt(marginClosedForm[lg])})`);
  const h = i('hinge');
  if (h >= 0) {
    const stop = stopStep[h];
    const tStar = stopTime[h];
    parts.push(
      stop !== null
        ? `under the hinge loss it stopped at ${fmt(margin[h])} at step ${stop} (predicted t* = ${fmt(tStar ?? NaN)})`
        : `under the hinge loss it is ${fmt(margin[h])} and has not yet reached 1`,
    );
  }
  const sq = i('squared');
  if (sq >= 0) parts.push(`under the squared loss it approaches 1, at ${fmt(margin[sq])}`);
  const text = parts.length ? parts.join('; ') : 'no loss selected';
  return `After ${t} steps, ${text}. (Margin and weight norm against time on a logarithmic axis${frame.status === 'diverged' ? '; the run diverged' : ''}.)`;
}

export const tachetLosses: FigureSpec<LossesSummary> = {
  id: ID,
  title: 'Hinge stops, squared settles, logistic keeps going',
  chapter: 'losses',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claim C6 of the abstract (cross-entropy and hinge losses give different dynamics), in this site’s own minimal model; not a figure of the paper.',
  },
  iterative: true,
  deterministic: true,
  params: [
    {
      kind: 'choice',
      name: 'losses',
      label: 'Losses',
      doc: 'Which losses to train side by side (each its own network, same start).',
      options: [
        { value: 'all', label: 'logistic, hinge and squared' },
        { value: 'logistic,hinge', label: 'logistic and hinge' },
        { value: 'logistic', label: 'logistic only' },
        { value: 'hinge', label: 'hinge only' },
        { value: 'squared', label: 'squared only' },
      ],
      default: 'all',
    },
    { kind: 'number', name: 'strength', label: 'Cluster strength n r', doc: 'Count times norm of the cluster (4 identical examples of norm nr/4); time scales as 1/(n r).', min: 0.25, max: 4, step: 0.05, default: 1 },
    { kind: 'number', name: 'm0', label: 'Initial margin m₀', doc: 'The margin at the start, m₀ = a₀² r (balanced start a₀ = b₀).', min: 1e-6, max: 0.5, step: 0, scale: 'log', values: logValues(1e-6, 0.5), default: 1e-3 },
    { kind: 'number', name: 'learningRate', label: 'Learning rate η', doc: 'Step size of full-batch gradient descent; τ = 1/η steps.', min: 1e-3, max: 0.2, step: 0, scale: 'log', values: logValues(1e-3, 0.2), default: 0.05 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Training iterations (the time axis is logarithmic).', min: 50, max: 10000, step: 50, default: 1500, integer: true, unit: 'iterations' },
  ],
  overlay:
    'Closed forms of the balanced flow τṁ = 2nr·m·g(m) (ours): squared m = m₀e^(kt)/(1 − m₀ + m₀e^(kt)), eq. (S2); hinge m = min(1, m₀e^(kt)), stopping at t* = ln(1/m₀)/k, eq. (S3); logistic kt = ln(m/m₀) + Ei(m) − Ei(m₀), inverted numerically, eq. (S4); k = 2nr/τ. Weight norm √(2m/r) on the balanced manifold, eq. (S6).',
  panels: [
    { name: 'margin', title: 'Margin m = y f(x)', x: { label: 'training step (log scale)', scale: 'log' }, y: { label: 'margin m' } },
    { name: 'norm', title: 'Weight norm √(a² + b²)', x: { label: 'training step (log scale)', scale: 'log' }, y: { label: 'weight norm √(a² + b²)' } },
  ],
  kinds: {
    simulation: { role: 'simulation', style: 'line', label: 'gradient descent (simulation)' },
    closedForm: { role: 'theory', style: 'dashed', label: 'closed form, eqs. (S2)–(S4), (S6)' },
    level: { role: 'guide', style: 'thin', label: 'margin m = 1' },
    stopTime: { role: 'guide', style: 'dotted', label: 'hinge stop time t*, eq. (S3)' },
  },
  summaryLabels: {
    losses: 'losses trained, in the order of the per-loss entries',
    tau: 'τ = 1/η (steps)',
    margin: 'margin m at this step, simulation (per loss)',
    marginClosedForm: 'margin m at this step, closed form (per loss)',
    weightNorm: 'weight norm √(a² + b²) at this step, simulation (per loss)',
    stopTime: 'stop time t* = τ ln(1/m₀)/(2nr), eq. (S3) (steps; hinge only, null for the losses that never stop)',
    stopStep: 'first step with m ≥ 1, simulation (hinge only; null for the other losses or not yet reached)',
  },
  test: { steps: 200 },
  tolerances: {
    closedForms: {
      value: 0.02,
      what: 'n r = 1, m₀ = 0.01, η = 0.002 (η n r = 0.002), 3000 steps (t = 1.3 t*): max over recorded steps of |m(simulation) − m(closed form)| / m(closed form), for each of the three losses. The read-out states it wherever η n r ≤ 0.002 and m₀ ≥ 0.01.',
    },
    hingeStop: {
      value: 0.01,
      what: 'Same run: |first step with m ≥ 1 − t*| / t* for the hinge loss (discrete steps lag the flow by about η n r / 2).',
    },
  },
  departures: ['Not a figure of the paper: the paper’s own settings for C6 are not known to this site. The model is this site’s minimal setting.'],
  describe,
  run,
};
