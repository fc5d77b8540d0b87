/**
 * Tachet des Combes et al. (2018), claim C7 (gradient starvation), in this site's two-feature model
 * (spec tachet-2018.md §2.7; ours). N examples x_μ = y_μ(s1 e1 + s2 e2 1[μ ∈ B]) with |B| = p N: every example
 * carries feature 1, a fraction p also carries feature 2, and each feature alone classifies perfectly.
 * A linear model f = w·x (or a two-layer ReLU network) is trained by full-batch gradient descent on the summed
 * loss; a control network is trained on the same examples of B with feature 1 removed. Feature 2 is measured by
 * the confidence on held-out examples that carry only feature 2. Overlay (linear model): the flow
 *   τ ẇ1 = s1 [nA g(s1 w1) + nB g(s1 w1 + s2 w2)],  τ ẇ2 = s2 nB g(s1 w1 + s2 w2),  control τ ẇ2 = s2 nB g(s2 w2),
 * integrated with RK4 in Float64; under the hinge loss the integration stops at each kink (a margin reaching 1) and
 * goes on with the field past it, so the overlay is exact (with the hinge loss at the defaults it ends at w1 = 1,
 * w2 = 1/11 and the control's w2 = 1).
 */
import type { MarginLoss } from '../analytic/tachet.ts';
import { confidence, integrateStarvation } from '../analytic/tachet.ts';
import type { TachetArch, TachetNet } from '../nn/tachet-model.ts';
import { disposeTachetData, disposeTachetNet, readOutputs, tachetData, tachetNet, tachetStep } from '../nn/tachet-model.ts';
import { createRng } from '../rng.ts';
import { logValues } from '../params.ts';
import type { FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { blownUp, fmt, lossParam, makeFrame, num, seedParam, snapshot, str, strideFor } from './common.ts';

const ID = 'tachet-starvation';
const FRAMES = 30;
const POINTS = 200;
/** Training examples. */
export const EXAMPLES = 50;
/** Hidden units of the two-layer variant, and the standard deviation of its initial weights. */
export const HIDDEN = 16;
export const INIT_STD = 0.1;

/**
 * The model trained on both features (w1, w2, and its confidence σ(y f) on feature-2-only examples) and the
 * control (its w2 and confidence), at this step. flowWeights: the flow's [w1, w2, control's w2] at this step,
 * nulls for the two-layer ReLU network (no flow).
 */
export type StarvationSummary = {
  w1: number;
  w2: number;
  controlW2: number;
  confidence: number;
  controlConfidence: number;
  flowWeights: (number | null)[];
};

/** Groups (one colour each): the two weights of the model trained on both features, and the control's. */
const G1 = 'w₁, model on both features';
const G2 = 'w₂, model on both features';
const GC = 'w₂, control on feature 2 alone';

/** Where the flow tolerance holds (its tests: linear model, logistic, p = 0.1, s2/s1 = 1, η = 0.001, 3000 and 10000 steps). */
function inFlowToleranceRegime(params: Params): boolean {
  return (
    str(params, 'model') === 'linear' &&
    str(params, 'loss') === 'logistic' &&
    num(params, 'fraction') === 0.1 &&
    num(params, 'ratio') === 1 &&
    num(params, 'learningRate') <= 0.001
  );
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<StarvationSummary>, void, void> {
  const tf = ctx.tf;
  const p = num(params, 'fraction');
  const s1 = 1;
  const s2 = num(params, 'ratio');
  const loss = str(params, 'loss') as MarginLoss;
  const model = str(params, 'model');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const tau = 1 / lr;
  const rng = createRng(num(params, 'seed'));
  const N = EXAMPLES;
  const nB = Math.max(1, Math.round(p * N));
  const nA = N - nB;
  const notes: string[] = [
    `${N} training examples, all carrying feature 1 (s1 = 1); ${nB} of them (p = ${fmt(nB / N)}) also carry feature 2 (s2 = ${fmt(s2)}). The control is trained on those ${nB} examples with feature 1 removed.`,
  ];
  const arch: TachetArch = model === 'linear' ? 'single' : 'two-layer';

  // Labels ±1 at random; which examples carry feature 2 is chosen at random too (it changes nothing in the linear model).
  const dataRng = rng.fork('data');
  const y = Float32Array.from({ length: N }, () => (dataRng.uniform() < 0.5 ? -1 : 1));
  const order = Array.from({ length: N }, (_, i) => i);
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(dataRng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const inB = new Uint8Array(N);
  for (let i = 0; i < nB; i++) inB[order[i]] = 1;
  const X = new Float32Array(N * 2);
  const Xc = new Float32Array(N * 2);
  const cc = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    X[2 * i] = y[i] * s1;
    if (inB[i]) {
      X[2 * i + 1] = y[i] * s2;
      Xc[2 * i + 1] = y[i] * s2;
      cc[i] = 1;
    }
  }
  // Initial weights: zero for the linear model; small Gaussian (shared by both networks) for the ReLU network.
  let W0: Float32Array;
  let v0: Float32Array | null = null;
  if (arch === 'single') W0 = new Float32Array(2);
  else {
    const ir = rng.fork('init');
    W0 = Float32Array.from({ length: HIDDEN * 2 }, () => INIT_STD * ir.normal());
    v0 = Float32Array.from({ length: HIDDEN }, () => INIT_STD * ir.normal());
    notes.push(`Two-layer ReLU network, ${HIDDEN} hidden units, no biases, initial weights N(0, ${INIT_STD}²). "w1" and "w2" are its odd responses (f(eᵢ) − f(−eᵢ))/2; the dashed flow is the linear model's and is not drawn.`);
  }

  const stride = strideFor(steps, POINTS);
  const frameEvery = Math.max(1, Math.ceil(steps / FRAMES));
  const times: number[] = [];
  for (let t = 0; t <= steps; t += stride) times.push(t);
  if (times[times.length - 1] !== steps) times.push(steps);
  const setup = { loss, s1, s2, nA, nB, tau };
  const flow = arch === 'single' ? integrateStarvation(setup, [0, 0], 0, times) : null;

  const mk = (name: string, kind: string, group: string, panel: string): Series => ({ name, kind, group, panel, points: [] });
  const sim = {
    w1: mk('w1, feature 1 (simulation)', 'simulation', G1, 'weights'),
    w2: mk('w2, feature 2 (simulation)', 'simulation', G2, 'weights'),
    c2: mk('w2, control trained on feature 2 alone (simulation)', 'simulation', GC, 'weights'),
    conf: mk('confidence on feature-2-only examples (simulation)', 'simulation', G2, 'confidence'),
    confC: mk('confidence on feature-2-only examples, control (simulation)', 'simulation', GC, 'confidence'),
  };
  const an = {
    w1: mk('w1 (flow, RK4)', 'flow', G1, 'weights'),
    w2: mk('w2 (flow, RK4)', 'flow', G2, 'weights'),
    c2: mk('w2, control (flow, RK4)', 'flow', GC, 'weights'),
    conf: mk('confidence (flow)', 'flow', G2, 'confidence'),
    confC: mk('confidence, control (flow)', 'flow', GC, 'confidence'),
  };
  const chance: Series = { name: 'chance 0.5', kind: 'chance', group: 'guide', panel: 'confidence', points: [[0, 0.5], [steps, 0.5]] };
  const tolerated = inFlowToleranceRegime(params);
  let maxDev = 0;

  const data = tachetData(tf, [X, Xc], [y, y], [new Float32Array(N).fill(1), cc], [loss, loss], 2);
  let net: TachetNet = tachetNet(tf, arch, 'relu', [W0, W0], v0 ? [v0, v0] : null, HIDDEN, 2);
  const probes = tf.tensor3d(
    [1, 0, -1, 0, 0, 1, 0, -1, 0, s2, 0, -s2, 1, 0, -1, 0, 0, 1, 0, -1, 0, s2, 0, -s2],
    [2, 6, 2],
    'float32',
  );
  const lrT = tf.scalar(lr);
  try {
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<StarvationSummary> =>
      makeFrame(ID, params, {
        series: snapshot([...Object.values(sim), ...(flow ? Object.values(an) : []), chance]),
        summary: summarise(sim, an, flow !== null),
        checks: flow ? [{ label: 'max |w − w(flow)| / max(1, |w₁(flow)|), over w₁, w₂ and the control’s w₂', value: maxDev, against: 'flow (S2)–(S3), RK4', ...(tolerated ? { tolerance: 0.01 } : {}) }] : [],
        progress: t / steps,
        step: t,
        status,
        notes: [...notes, ...extra],
      });
    let k = 0;
    const record = (t: number): boolean => {
      const [o, oc] = readOutputs(tf, net, probes);
      const w1 = (o[0] - o[1]) / 2;
      const w2 = (o[2] - o[3]) / 2;
      const c2 = (oc[2] - oc[3]) / 2;
      const conf = (confidence(o[4]) + confidence(-o[5])) / 2;
      const confC = (confidence(oc[4]) + confidence(-oc[5])) / 2;
      if ([w1, w2, c2].some((x) => blownUp(x))) return false;
      sim.w1.points.push([t, w1]);
      sim.w2.points.push([t, w2]);
      sim.c2.points.push([t, c2]);
      sim.conf.points.push([t, conf]);
      sim.confC.points.push([t, confC]);
      if (flow) {
        const [f1, f2, fc] = [flow.w1[k], flow.w2[k], flow.control[k]];
        an.w1.points.push([t, f1]);
        an.w2.points.push([t, f2]);
        an.c2.points.push([t, fc]);
        an.conf.points.push([t, confidence(s2 * f2)]);
        an.confC.points.push([t, confidence(s2 * fc)]);
        const scale = Math.max(1, Math.abs(f1));
        maxDev = Math.max(maxDev, Math.abs(w1 - f1) / scale, Math.abs(w2 - f2) / scale, Math.abs(c2 - fc) / Math.max(1, Math.abs(fc)));
      }
      k++;
      return true;
    };
    record(0);
    yield frame(0, 'running');
    for (let t = 1; t <= steps; t++) {
      const next = tachetStep(tf, net, data, lrT);
      disposeTachetNet(tf, net);
      net = next;
      if (t !== times[k]) continue;
      if (!record(t)) {
        yield frame(t, 'diverged', [`Diverged by step ${t}: the learning rate ${fmt(lr)} is too large for ${N} summed examples (try a smaller one).`]);
        return;
      }
      if (t % frameEvery === 0 || t === steps) {
        if (ctx.cancelled()) return;
        yield frame(t, t === steps ? 'done' : 'running');
      }
    }
  } finally {
    tf.dispose([lrT, probes]);
    disposeTachetNet(tf, net);
    disposeTachetData(tf, data);
  }
}

const lastY = (s: Series) => (s.points.length ? s.points[s.points.length - 1][1] : NaN);

function summarise(sim: Record<string, Series>, an: Record<string, Series>, withFlow: boolean): StarvationSummary {
  return {
    w1: lastY(sim.w1),
    w2: lastY(sim.w2),
    controlW2: lastY(sim.c2),
    confidence: lastY(sim.conf),
    controlConfidence: lastY(sim.confC),
    flowWeights: withFlow ? [lastY(an.w1), lastY(an.w2), lastY(an.c2)] : [null, null, null],
  };
}

function describe(frame: Frame<StarvationSummary>): string {
  const s = frame.summary;
  return (
    `After ${frame.step} steps the model trained on both features has w1 = ${fmt(s.w1)} and w2 = ${fmt(s.w2)}; ` +
    `on examples that carry only feature 2 it is ${fmt(s.confidence)} confident, against ${fmt(s.controlConfidence)} for the control trained on feature 2 alone (w2 = ${fmt(s.controlW2)}).` +
    (frame.status === 'diverged' ? ' The run diverged.' : '')
  );
}

export const tachetStarvation: FigureSpec<StarvationSummary> = {
  id: ID,
  title: 'A frequent feature starves a rare one',
  chapter: 'starvation',
  source: {
    kind: 'paper-claim',
    text: 'Tachet des Combes et al. (2018), claim C7 of the abstract (gradient starvation), in this site’s own two-feature model; not a figure of the paper.',
  },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'fraction', label: 'Fraction p with feature 2', doc: 'Share of the 50 training examples that also carry feature 2 (all carry feature 1).', min: 0.02, max: 1, step: 0.02, default: 0.1 },
    { kind: 'number', name: 'ratio', label: 'Strength ratio s₂/s₁', doc: 'Norm of feature 2 relative to feature 1 (s1 = 1).', min: 0.25, max: 3, step: 0.05, default: 1 },
    lossParam('Summed over examples.'),
    {
      kind: 'choice',
      name: 'model',
      label: 'Model',
      doc: 'Linear f = w·x from w = 0 (the flow applies), or a two-layer ReLU network from small random weights.',
      options: [
        { value: 'linear', label: 'linear' },
        { value: 'relu', label: '2-layer ReLU' },
      ],
      default: 'linear',
    },
    { kind: 'number', name: 'learningRate', label: 'Learning rate η', doc: 'Step size of full-batch gradient descent; τ = 1/η steps.', min: 1e-4, max: 0.03, step: 0, scale: 'log', values: logValues(1e-4, 0.03), default: 0.005 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Training iterations.', min: 50, max: 10000, step: 50, default: 1000, integer: true, unit: 'iterations' },
    seedParam('Draws the labels, which examples carry feature 2, and the ReLU network’s initial weights (the linear model from w = 0 does not depend on it).'),
  ],
  overlay:
    'Linear model only: the flow τẇ₁ = s₁[nA g(s₁w₁) + nB g(s₁w₁ + s₂w₂)], τẇ₂ = s₂ nB g(s₁w₁ + s₂w₂), eq. (S2), and the control τẇ₂ = s₂ nB g(s₂w₂), eq. (S3) (ours), integrated with RK4 in Float64 from w = 0 (under the hinge loss, stopping at each margin’s kink at 1 and going on past it); confidence σ(s₂w₂).',
  panels: [
    { name: 'weights', title: 'Weights on feature 1 and feature 2', x: { label: 'training step' }, y: { label: 'weight' } },
    { name: 'confidence', title: 'Confidence on examples with feature 2 only', x: { label: 'training step' }, y: { label: 'confidence σ(y f)' } },
  ],
  kinds: {
    simulation: { role: 'simulation', style: 'line', label: 'gradient descent (simulation)' },
    flow: { role: 'theory', style: 'dashed', label: 'flow, eqs. (S2)–(S3) (RK4)' },
    chance: { role: 'guide', style: 'thin', label: 'chance (confidence 0.5)' },
  },
  summaryLabels: {
    w1: 'w₁ at this step, model on both features',
    w2: 'w₂ at this step, model on both features',
    controlW2: 'w₂ at this step, control on feature 2 alone',
    confidence: 'confidence on feature-2-only examples, model on both features',
    controlConfidence: 'confidence on feature-2-only examples, control',
    flowWeights: 'flow (RK4) at this step: [w₁, w₂, control’s w₂] (null: no flow for the ReLU network)',
  },
  test: { model: 'relu', steps: 200 },
  tolerances: {
    flow: {
      value: 0.01,
      what: 'Linear model, logistic loss, p = 0.1, s₂/s₁ = 1, η = 0.001, 3000 steps (and 10000): max over recorded steps of |w(simulation) − w(flow)| / max(1, |w₁(flow)|) for w₁, w₂ and the control’s w₂ (measured 0.004). The read-out states it at these settings for any η ≤ 0.001.',
    },
    hingeFlow: {
      value: 1e-6,
      what: 'Hinge loss, otherwise the defaults (p = 0.1, s₂/s₁ = 1, η = 0.005, 1000 steps): the flow, integrated piecewise (stopped where a margin reaches 1, continued with the field past the kink), ends at the exact w₁ = 1, w₂ = 1/11 and the control’s w₂ = 1, to within this (measured below 1e-15).',
    },
    starvation: {
      value: 0.25,
      what: 'Defaults (linear, logistic, p = 0.1, s2/s1 = 1, η = 0.005, 1000 steps): the control’s feature-2-only confidence exceeds the starved model’s by more than this.',
    },
  },
  departures: ['Not a figure of the paper: the paper’s own settings for C7 are not known to this site. The model is this site’s minimal setting.'],
  describe,
  run,
};
