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
import type { FigureSpec, Frame, Params, RunContext, Series, Summary } from '../spec.ts';
import { blownUp, fmt, makeFrame, num, seedParam, snapshot, str } from './common.ts';

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

interface Run {
  loss: MarginLoss;
  margin: Series;
  norm: Series;
  marginTheory: Series;
  normTheory: Series;
  maxResidual: number;
  stop: number | null;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame, void, void> {
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
    `One cluster of ${COUNT} identical examples of norm r = ${fmt(r)} (n r = ${fmt(nr)}), label +1; one ReLU unit started aligned and balanced, a0 = b0 = √(m0/r) = ${fmt(a0)}; τ = 1/η = ${fmt(tau)} steps.`,
  ];
  if (m0 < 1) {
    notes.push(
      `Discrete steps multiply the balanced margin by (1 + η n r g)² per step instead of e^{2η n r g}: to first order in η n r the simulation lags the flow by ln(m/m0)/4 steps at margin m (ours), about ${fmt(Math.log(1 / m0) / 4)} steps at m = 1, and the hinge run overshoots m = 1 by at most (1 + η n r)² − 1 = ${fmt((1 + lr * nr) ** 2 - 1)} before it freezes.`,
    );
  }
  const recordAt = logSteps(steps, POINTS);
  const frameAt = new Set(logSteps(steps, FRAMES));
  const runs: Run[] = losses.map((loss) => ({
    loss,
    margin: { name: `${loss}: margin (simulation)`, role: 'simulation', group: loss, panel: 'margin', points: [] },
    marginTheory: { name: `${loss}: margin (closed form)`, role: 'analytic', group: loss, panel: 'margin', points: [] },
    norm: { name: `${loss}: weight norm (simulation)`, role: 'simulation', group: loss, panel: 'norm', points: [] },
    normTheory: { name: `${loss}: weight norm √(2m/r) (closed form)`, role: 'analytic', group: loss, panel: 'norm', points: [] },
    maxResidual: 0,
    stop: null,
  }));
  // Guides: the margin 1 where hinge stops and squared converges, and t* (hinge) when it is on the plot.
  const guides: Series[] = [{ name: 'margin m = 1', role: 'reference', group: 'guide', panel: 'margin', points: [[1, 1], [steps, 1]] }];
  if (losses.includes('hinge') && tStar >= 1 && tStar <= steps) {
    guides.push({ name: `t* = τ/(2nr) ln(1/m0) = ${fmt(tStar)}`, role: 'reference', group: 'guide', panel: 'margin', points: [[tStar, 0], [tStar, 1]] });
  }

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
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame =>
      makeFrame(ID, params, {
        series: snapshot(series()),
        summary: summarise(runs, nr, m0, tau, tStar, steps, t),
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

function summarise(runs: Run[], nr: number, m0: number, tau: number, tStar: number, steps: number, t: number): Summary {
  const out: Summary = { 'n r': nr, m0, 'τ = 1/η (steps)': tau };
  if (runs.some((x) => x.loss === 'hinge')) out['hinge: stop time t* = τ/(2nr) ln(1/m0)'] = tStar;
  for (const x of runs) {
    if (x.loss === 'hinge') out['hinge: first step with margin ≥ 1 (simulation)'] = x.stop ?? 'not reached';
    out[`${x.loss}: margin at step ${t} (simulation)`] = last(x.margin);
    out[`${x.loss}: margin at step ${t} (closed form)`] = last(x.marginTheory);
    out[`${x.loss}: weight norm at step ${t} (simulation)`] = last(x.norm);
    out[`${x.loss}: max |m_sim − m_closed| / m_closed`] = x.maxResidual;
  }
  void steps;
  return out;
}

function describe(frame: Frame): string {
  const s = frame.summary;
  const t = frame.step;
  const parts: string[] = [];
  const m = (loss: string) => s[`${loss}: margin at step ${t} (simulation)`];
  if (typeof m('logistic') === 'number') parts.push(`under the logistic loss the margin is still growing, at ${fmt(m('logistic') as number)} (closed form ${fmt(s[`logistic: margin at step ${t} (closed form)`] as number)})`);
  if (typeof m('hinge') === 'number') {
    const stop = s['hinge: first step with margin ≥ 1 (simulation)'];
    parts.push(
      typeof stop === 'number'
        ? `under the hinge loss it stopped at ${fmt(m('hinge') as number)} at step ${stop} (predicted t* = ${fmt(s['hinge: stop time t* = τ/(2nr) ln(1/m0)'] as number)})`
        : `under the hinge loss it is ${fmt(m('hinge') as number)} and has not yet reached 1`,
    );
  }
  if (typeof m('squared') === 'number') parts.push(`under the squared loss it approaches 1, at ${fmt(m('squared') as number)}`);
  const text = parts.length ? parts.join('; ') : 'no loss selected';
  return `After ${t} steps, ${text}. (Margin and weight norm against time on a logarithmic axis${frame.status === 'diverged' ? '; the run diverged' : ''}.)`;
}

export const tachetLosses: FigureSpec = {
  id: ID,
  title: 'Hinge stops, squared settles, logistic keeps going',
  chapter: 'losses',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claim C6 of the abstract (cross-entropy and hinge losses give different dynamics), in this site’s own minimal model; not a figure of the paper.',
  },
  iterative: true,
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
    { kind: 'number', name: 'm0', label: 'Initial margin m0', doc: 'The margin at the start, m0 = a0² r (balanced start a0 = b0).', min: 1e-6, max: 0.5, step: 0.25, scale: 'log', default: 1e-3 },
    { kind: 'number', name: 'learningRate', label: 'Learning rate η', doc: 'Step size of full-batch gradient descent; τ = 1/η steps.', min: 1e-3, max: 0.2, step: 0.05, scale: 'log', default: 0.05 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Training iterations (the time axis is logarithmic).', min: 50, max: 10000, step: 50, default: 1500, integer: true, unit: 'iterations' },
    seedParam('Kept so every figure has a seed; this figure is deterministic and does not use it.'),
  ],
  overlay:
    'Closed forms of the balanced flow τṁ = 2nr·m·g(m) (ours): squared m = m0e^{kt}/(1 − m0 + m0e^{kt}); hinge m = min(1, m0e^{kt}), stopping at t* = ln(1/m0)/k; logistic kt = ln(m/m0) + Ei(m) − Ei(m0), inverted numerically; k = 2nr/τ. Weight norm √(2m/r) on the balanced manifold.',
  axes: { x: 'training step (log scale)', y: 'margin m', xScale: 'log' },
  tolerances: {
    closedForms: {
      value: 0.02,
      what: 'n r = 1, m0 = 0.01, η = 0.002 (η n r = 0.002), 3000 steps (t = 1.3 t*): max over recorded steps of |m_sim − m_closed| / m_closed, for each of the three losses.',
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
