/**
 * Saxe et al. (2014), Fig. 3 left: the strength of each input–output mode over training of a
 * three-layer network on the hierarchical dataset, against eq. (12) for that mode's singular value s.
 * Mode strength = u_αᵀ Σ³¹_net v_α (for a linear net u_αᵀ W³² W²¹ v_α; for tanh, Σ³¹_tanh = Σ_μ ŷ^μ x^μᵀ).
 */
import { halfLearningTime, modeStrength } from '../analytic/saxe.ts';
import { hierarchicalTree } from '../data/hierarchical-tree.ts';
import { decoupledInit, gaussianInit, stdForModeStrength } from '../nn/init.ts';
import { outputBasis, reduceOutputs } from '../nn/output-basis.ts';
import type { Activation } from '../nn/three-layer.ts';
import type { ThreeLayerTrainer } from '../nn/three-layer-trainer.ts';
import { kernelOf, threeLayerTrainer } from '../nn/three-layer-trainer.ts';
import { keepRecent } from '../keep-recent.ts';
import type { Matrix } from '../linalg/matrix.ts';
import { createRng } from '../rng.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { logValues } from '../params.ts';
import { countWord, crossingTime, fmt, makeFrame, num, seedParam, snapshot, str, strideFor } from './common.ts';
import { modeColumns, selectModes, stepSizeNotes } from './modes.ts';

const ID = 'saxe-mode-curves';
const FRAMES = 40;
const POINTS = 200;
/** |u − u(eq. 12)| / s for a decoupled linear network with λs₁ ≈ 0.003 (tolerance decoupledVsEq12). */
const EQ12_TOLERANCE = 0.01;
export const PAPER_MODES = '1,2,3,5,12,18,31';

interface Net {
  activation: Activation;
  label: string;
  trainer: ThreeLayerTrainer;
  curves: Series[];
}

function netLabel(a: Activation): string {
  return a === 'tanh' ? 'tanh network' : 'linear network';
}

/** One entry per shown mode, in the order of `modes`; null where a mode never reached half its strength. */
export type ModeCurvesSummary = {
  modes: number[];
  s: number[];
  halfTimeTheory: number[];
  halfTimeLinear: (number | null)[];
  halfTimeTanh: (number | null)[];
};

/** What a run starts from, for the settings it depends on: the dataset, the initial weights, and the problem in its output basis. */
interface SetUp {
  data: ReturnType<typeof hierarchicalTree>;
  init: { W21: Matrix; W32: Matrix };
  /** The targets, W³²(0) and the shown modes' output singular vectors in the basis of engine/nn/output-basis.ts. */
  small: { Y: Matrix; W32: Matrix; U: Matrix };
  /** The shown modes' input singular vectors. */
  Vm: Matrix;
}

const SET_UP_BY = ['treeDepth', 'features', 'flip', 'seed', 'init', 'u0', 'hiddenUnits', 'modes'] as const;
const setupKey = (params: Params) => JSON.stringify(SET_UP_BY.map((k) => params[k]));

function setUp(params: Params): SetUp {
  const hidden = num(params, 'hiddenUnits');
  const u0 = num(params, 'u0');
  const rng = createRng(num(params, 'seed'));
  const data = hierarchicalTree(
    { depth: num(params, 'treeDepth'), features: num(params, 'features'), flip: num(params, 'flip') },
    rng.fork('data'),
  );
  const { U, s, V } = data.svd;
  const { modes } = selectModes(str(params, 'modes'), s, hidden);
  const init =
    str(params, 'init') === 'decoupled'
      ? decoupledInit(U, V, hidden, u0, rng.fork('init'))
      : gaussianInit(data.items, hidden, data.features, stdForModeStrength(u0, hidden), rng.fork('init'));
  // The same run in the span of the targets and the initial output weights (exact; engine/nn/output-basis.ts).
  const Q = outputBasis(data.Y, init.W32);
  const small = Q ? reduceOutputs(Q, data.Y, init.W32, modeColumns(U, modes)) : { Y: data.Y, W32: init.W32, U: modeColumns(U, modes) };
  return { data, init, small, Vm: modeColumns(V, modes) };
}

/**
 * The last few set-ups (keepRecent: read only; the trainers copy what they train). Most of a default run's time to
 * its first frame was this (the QR of the 1000×64 output basis and the products that reduce the problem), and a
 * change of learning rate, steps or activation does not change it.
 */
const setups = keepRecent<SetUp>(3);

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<ModeCurvesSummary>, void, void> {
  const tf = ctx.tf;
  const lr = num(params, 'learningRate');
  const u0 = num(params, 'u0');
  const hidden = num(params, 'hiddenUnits');
  const steps = num(params, 'steps');
  const tau = 1 / lr;
  const initKind = str(params, 'init');
  const { data, init, small, Vm } = setups(setupKey(params), () => setUp(params));
  const { s } = data.svd;
  const { modes, notes } = selectModes(str(params, 'modes'), s, hidden);
  const acts: Activation[] = str(params, 'activation') === 'both' ? ['linear', 'tanh'] : [str(params, 'activation') as Activation];
  if (initKind !== 'decoupled') {
    notes.push(
      `Random initial weights: i.i.d. Gaussian with σ = √(2u₀/N₂) = ${fmt(stdForModeStrength(u0, hidden))}, so that the growing part of each mode (‖a + b‖²/4, from linearising eq. (5) near zero) starts at the expected size u₀ = ${fmt(u0)} that eq. (12) assumes (ours; the average of the strength a·b itself is 0).`,
    );
  }
  const s1 = s[0];
  notes.push(...stepSizeNotes(lr, s1));

  const stride = strideFor(steps, POINTS);
  const frameEvery = Math.max(1, Math.ceil(steps / FRAMES));
  const recordAt = (t: number) => t % stride === 0 || t % frameEvery === 0 || t === steps;
  const ts: number[] = [];
  const analytic: Series[] = modes.map((m) => ({
    name: `mode ${m}, eq. (12)`,
    kind: 'theory',
    group: `mode ${m}`,
    points: [] as [number, number][],
  }));
  for (let t = 0; t <= steps; t += stride) for (const [i, m] of modes.entries()) analytic[i].points.push([t, modeStrength(t, s[m - 1], u0, tau)]);
  if (steps % stride !== 0) for (const [i, m] of modes.entries()) analytic[i].points.push([steps, modeStrength(steps, s[m - 1], u0, tau)]);

  const nets: Net[] = [];
  try {
    const net = { W21: init.W21, W32: small.W32, Y: small.Y, U: small.U };
    for (const activation of acts) {
      nets.push({
        activation,
        label: netLabel(activation),
        trainer: threeLayerTrainer(tf, { nets: [net], V: Vm, activation, learningRate: lr }),
        curves: modes.map((m) => ({ name: `mode ${m}, ${netLabel(activation)}`, kind: activation, group: `mode ${m}`, points: [] })),
      });
    }
    const residual = nets.map(() => new Float64Array(modes.length));
    let loss0 = NaN;

    const record = (t: number): string | null => {
      ts.push(t);
      for (const [n, net] of nets.entries()) {
        const { strengths, loss } = net.trainer.read();
        if (t === 0) loss0 = Math.max(loss0 || 0, loss[0]);
        const bad = !Number.isFinite(loss[0]) || loss[0] > 1e3 * loss0 || strengths.some((x) => !Number.isFinite(x) || Math.abs(x) > 1e3 * s1);
        if (bad) return divergenceNote(t, lr, s1, net.label);
        for (const [i, m] of modes.entries()) {
          net.curves[i].points.push([t, strengths[i]]);
          const r = Math.abs(strengths[i] - modeStrength(t, s[m - 1], u0, tau)) / s[m - 1];
          residual[n][i] = Math.max(residual[n][i], r);
        }
      }
      return null;
    };

    const series = (): Series[] => modes.flatMap((_, i) => [...nets.map((n) => n.curves[i]), analytic[i]]);
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<ModeCurvesSummary> =>
      makeFrame(ID, params, {
        series: snapshot(series()),
        summary: summarise(modes, s, u0, tau, ts, nets),
        // The tolerance is tested for a decoupled start with small steps (λs₁ ≈ 0.003); elsewhere the gap is only reported.
        checks: checks(nets, residual, initKind === 'decoupled' && lr * s1 <= 0.005),
        progress: t / steps,
        step: t,
        status,
        notes: [...notes, ...extra],
        ...kernelOf(nets[0]?.trainer ?? null),
      });

    const bad0 = record(0);
    if (bad0) {
      yield frame(0, 'diverged', [bad0]);
      return;
    }
    for (let t = 1; t <= steps; t++) {
      for (const net of nets) net.trainer.step();
      if (!recordAt(t)) continue;
      const bad = record(t);
      if (bad) {
        yield frame(t, 'diverged', [bad]);
        return;
      }
      if (t % frameEvery === 0 || t === steps) {
        if (ctx.cancelled()) return;
        const extra = t === steps ? unfinished(modes, s, ts, nets, steps, u0, tau) : [];
        yield frame(t, t === steps ? 'done' : 'running', extra);
      }
    }
  } finally {
    for (const n of nets) n.trainer.dispose();
  }
}

function divergenceNote(t: number, lr: number, s1: number, label: string): string {
  return (
    `Diverged by step ${t} (${label}): the learning rate ${fmt(lr)} is too large for discrete gradient descent on this dataset ` +
    `(the strongest mode has s1 = ${fmt(s1)}, and steps are stable only for λ·s1 below about 1; here λ·s1 = ${fmt(lr * s1)}). ` +
    'Eq. (12) assumes the continuous-time limit of small λ.'
  );
}

function halfTimes(ts: number[], net: Net, i: number, s: number): number {
  return crossingTime(ts, net.curves[i].points.map((p) => p[1]), s / 2, s);
}

function summarise(modes: number[], s: Float64Array, u0: number, tau: number, ts: number[], nets: Net[]): ModeCurvesSummary {
  const half = (a: Activation) => {
    const net = nets.find((n) => n.activation === a);
    return modes.map((m, i) => {
      const th = net ? halfTimes(ts, net, i, s[m - 1]) : NaN;
      return Number.isFinite(th) ? th : null;
    });
  };
  return {
    modes,
    s: modes.map((m) => s[m - 1]),
    halfTimeTheory: modes.map((m) => (u0 >= s[m - 1] / 2 ? 0 : halfLearningTime(s[m - 1], u0, tau))),
    halfTimeLinear: half('linear'),
    halfTimeTanh: half('tanh'),
  };
}

/** The largest gap of each network's curves to eq. (12); the tolerance holds for the linear network from a decoupled start with small steps. */
function checks(nets: Net[], residual: Float64Array[], tested: boolean): Check[] {
  return nets.map((net, n) => ({
    label: `max over modes of |u − u(eq. 12)| / s, ${net.label}`,
    value: Math.max(0, ...residual[n]),
    against: 'eq. (12)',
    ...(tested && net.activation === 'linear' ? { tolerance: EQ12_TOLERANCE } : {}),
  }));
}

function unfinished(modes: number[], s: Float64Array, ts: number[], nets: Net[], steps: number, u0: number, tau: number): string[] {
  const slow = modes.filter((m, i) => nets.some((n) => !Number.isFinite(halfTimes(ts, n, i, s[m - 1]))));
  if (!slow.length) return [];
  const m = slow[slow.length - 1];
  return [
    `Mode ${m} has not reached half its strength within ${steps} steps (eq. (11) predicts step ${Math.round(halfLearningTime(s[m - 1], u0, tau))}); raise the number of steps.`,
  ];
}

function describe(frame: Frame<ModeCurvesSummary>): string {
  const { modes, s, halfTimeTheory, halfTimeLinear, halfTimeTanh } = frame.summary;
  if (!modes.length) return 'No modes to show.';
  const linear = halfTimeLinear.some((t) => t !== null) || !halfTimeTanh.some((t) => t !== null);
  const times = linear ? halfTimeLinear : halfTimeTanh;
  const who = linear ? 'linear network' : 'tanh network';
  const last = modes.length - 1;
  const when = (i: number) => {
    const th = times[i];
    return th !== null
      ? `mode ${modes[i]} reaches half its strength at step ${Math.round(th)} (theory ${Math.round(halfTimeTheory[i])})`
      : `mode ${modes[i]} has not yet reached half its strength (theory: step ${Math.round(halfTimeTheory[i])})`;
  };
  let text =
    modes.length > 1
      ? `${countWord(modes.length, true)} modes with strengths ${fmt(s[0])}…${fmt(s[last])} are learned in order of strength by the ${who}; ${when(0)}`
      : `One mode with strength ${fmt(s[0])} is learned by the ${who}; ${when(0)}`;
  text += modes.length > 1 ? ` and ${when(last)}.` : '.';
  if (linear && frame.params.activation === 'both') {
    const th = halfTimeTanh[0];
    text += th !== null ? ` The tanh network learns mode ${modes[0]} at step ${Math.round(th)}.` : ' The tanh network lags behind.';
  }
  text += ` (Step ${frame.step}${frame.status === 'diverged' ? ', diverged' : ''}.)`;
  return text;
}

export const saxeModeCurves: FigureSpec<ModeCurvesSummary> = {
  id: ID,
  title: 'Modes are learned one by one, strongest first',
  chapter: 'modes',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 3 left: mode strengths of a three-layer network on a hierarchical dataset against eq. (12).',
  },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'treeDepth', label: 'Tree depth', doc: 'Levels of the binary tree; the dataset has 2^depth items (paper: 5, i.e. 32 items).', min: 3, max: 6, step: 1, default: 5, integer: true },
    { kind: 'number', name: 'flip', label: 'Flip probability', doc: 'Chance that a feature flips from parent to child in the tree (paper: 0.1).', min: 0, max: 0.5, step: 0.01, default: 0.1 },
    { kind: 'number', name: 'features', label: 'Features N₃', doc: 'Output features per item (paper: 1000; fewer runs faster).', min: 50, max: 1000, step: 10, default: 1000, integer: true },
    { kind: 'number', name: 'hiddenUnits', label: 'Hidden units N₂', doc: 'Width of the hidden layer; at most N₂ modes can be learned (paper: 32).', min: 4, max: 64, step: 1, default: 32, integer: true },
    {
      kind: 'number',
      name: 'learningRate',
      label: 'Learning rate λ',
      doc: 'Step size of full-batch gradient descent, τ = 1/λ (paper: 0.5e-3 with 1000 features).',
      min: 1e-4,
      max: 1e-2,
      step: 0,
      scale: 'log',
      values: logValues(1e-4, 1e-2),
      default: 5e-4,
    },
    { kind: 'number', name: 'u0', label: 'Initial strength u₀', doc: 'Initial mode strength in eq. (12) and of the initial weights (paper: 1e-6).', min: 1e-8, max: 1e-1, step: 0, scale: 'log', values: logValues(1e-8, 1e-1), default: 1e-6 },
    {
      kind: 'choice',
      name: 'init',
      label: 'Initialisation',
      doc: 'Decoupled: every mode starts at exactly u0 (eq. (12) is exact in continuous time). Random: small i.i.d. Gaussian weights, σ = √(2u0/N2).',
      options: [
        { value: 'random', label: 'small random (paper)' },
        { value: 'decoupled', label: 'decoupled' },
      ],
      default: 'random',
    },
    {
      kind: 'choice',
      name: 'activation',
      label: 'Network',
      doc: 'Linear hidden layer (the theory), tanh, or both side by side (paper: both).',
      options: [
        { value: 'both', label: 'linear and tanh' },
        { value: 'linear', label: 'linear' },
        { value: 'tanh', label: 'tanh' },
      ],
      default: 'both',
    },
    {
      kind: 'choice',
      name: 'modes',
      label: 'Modes shown',
      doc: 'Which singular modes α to plot (paper: 1, 2, 3, 5, 12, 18, 31).',
      options: [
        { value: PAPER_MODES, label: "1, 2, 3, 5, 12, 18, 31 (paper's)" },
        { value: '1,2,3,4,5,6,7,8', label: '1 to 8' },
        { value: '1,2,4,8,16,32', label: '1, 2, 4, 8, 16, 32' },
        { value: 'all', label: 'all' },
      ],
      default: PAPER_MODES,
    },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Training iterations (full passes over the items).', min: 100, max: 20000, step: 100, default: 2000, integer: true, unit: 'iterations' },
    seedParam(),
  ],
  overlay: 'Eq. (12) for each shown mode, u(t) = s·e^(2st/τ) / (e^(2st/τ) − 1 + s/u₀), with the mode’s s from the SVD of the generated Σ³¹ and τ = 1/λ.',
  panels: [{ name: 'main', title: 'Mode strength over training', x: { label: 'training step (iterations)' }, y: { label: 'mode strength u' } }],
  kinds: {
    linear: { role: 'simulation', style: 'line', label: 'linear network (simulation)' },
    tanh: { role: 'simulation', style: 'dotted', label: 'tanh network (simulation)' },
    theory: { role: 'theory', style: 'dashed', label: 'eq. (12)' },
  },
  summaryLabels: {
    modes: 'modes shown (α, by decreasing strength)',
    s: 'singular value s of each mode',
    halfTimeTheory: 'half-learning time, eq. (11) (steps)',
    halfTimeLinear: 'half-learning time, linear network (steps; null: not reached)',
    halfTimeTanh: 'half-learning time, tanh network (steps; null: not reached)',
  },
  test: { treeDepth: 3, features: 50, hiddenUnits: 8, steps: 300, modes: '1,2,3,4,5,6,7,8' },
  tolerances: {
    decoupledVsEq12: {
      value: EQ12_TOLERANCE,
      what: 'Linear network, decoupled init, tree depth 3, 60 features, 8 hidden units, λ = 2e-4 (λs₁ ≈ 0.003), u₀ = 1e-3, all 8 modes, 7000 steps: max over modes and recorded steps of |u(simulation) − u(eq. 12)| / s (measured 0.003).',
    },
    decoupledHalfTime: {
      value: 0.01,
      what: 'Same run: |t½(simulation) − t½(eq. 11)| / t½(eq. 11) for every mode (measured about 1e-3).',
    },
    randomHalfTime: {
      value: 0.1,
      what: 'Linear network, small random init (σ = √(2u₀/N₂)), the defaults (the paper’s setting) but 600 steps, modes 1, 2, 3, 5: |t½(simulation) − t½(eq. 11)| / t½(eq. 11).',
    },
  },
  departures: [
    'The paper does not state how many steps it trained for: 2000 steps at λ = 0.5e-3 take every shown mode past its half-learning time (mode 31 at about step 990, eq. (11)). Discrete steps (λs₁ ≈ 0.04, the paper’s own setting) lag eq. (12) by about λ·s/2 (2% for mode 1) in the plateau.',
  ],
  describe,
  run,
};
