/**
 * Pezeshki et al. (2021), Fig. 2 (settings from the authors' Figure_2 code, spec gradient-starvation-2021.md §4): the
 * feature responses of a two-layer ReLU network trained on two moons. U = the eigenvectors of the empirical NTK Gram
 * matrix JJᵀ at initialisation (the left singular vectors of J), sorted by decreasing eigenvalue s²; the responses are
 * z = Uᵀŷ over training, for two chosen indices, without and with spectral decoupling, from the same initial weights.
 * SGD, learning rate 0.01, momentum 0.9, weight decay 2e-4 (both runs), SD · mean ŷ² added in the second.
 * Nothing is overlaid: the responses are measured. Each frame checks Parseval's ‖z‖ = ‖ŷ‖ (U is orthogonal).
 */
import { twoMoons } from '../data/two-moons.ts';
import { symEigT } from '../linalg/sym-eig.ts';
import { initMlp, Trainer } from '../nn/mlp.ts';
import { ntkGram } from '../nn/ntk.ts';
import { createRng } from '../rng.ts';
import { logValues } from '../params.ts';
import type { FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { anyBlownUp, fmt, makeFrame, num, seedParam, snapshot, strideFor } from './common.ts';
import { keepRecent } from '../keep-recent.ts';

const ID = 'gs-feature-responses';
const FRAMES = 40;
const POINTS = 200;
/** The authors' Fig. 2 settings. */
export const POINTS_N = 300;
export const NOISE = 0.1;
export const LEARNING_RATE = 0.01;
export const MOMENTUM = 0.9;
export const WEIGHT_DECAY = 2e-4;
/** How many singular values of J the spectrum panel shows. */
export const SPECTRUM_SHOWN = 40;

export type FeatureResponsesSummary = {
  indices: number[];
  /** s_i = √(eigenvalue of JJᵀ) at initialisation for the two indices. */
  singularValues: number[];
  /** |yᵀuᵢ| for the two indices: how much each feature is correlated with the labels. */
  labelCorrelation: number[];
  /** [|z_i|, |z_j|] at this step, without and with SD. */
  plain: number[];
  decoupled: number[];
  /** Training accuracy at this step, without and with SD. */
  accuracy: number[];
};

interface RunState {
  trainer: Trainer;
  series: [Series, Series];
  accuracy: number;
  z: Float64Array;
}

/**
 * The eigendecomposition of the Gram matrix at initialisation depends only on the seed, the margin and the width;
 * the last three are kept (read-only, 0.7 MB each at 300 points), so that a rerun with another SD coefficient, other
 * indices or other steps skips the Gram matrix and its eigendecomposition, about a tenth of a default run and most of
 * its first frame. The same numbers as recomputing them: both are deterministic functions of the key.
 */
export const initialFeatures = keepRecent<{ values: Float64Array; vt: Float64Array }>(3);

/** z = Uᵀŷ with U's columns the rows of `vt` taken in `order`. */
function project(vt: Float64Array, order: readonly number[], out: Float64Array, n: number): Float64Array {
  const z = new Float64Array(n);
  order.forEach((row, i) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += vt[row * n + k] * out[k];
    z[i] = s;
  });
  return z;
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<FeatureResponsesSummary>, void, void> {
  const margin = num(params, 'margin');
  const sd = num(params, 'sd');
  const hidden = num(params, 'hidden');
  const steps = num(params, 'steps');
  const seed = num(params, 'seed');
  const indices = [num(params, 'indexA'), num(params, 'indexB')];
  const n = POINTS_N;
  const data = twoMoons({ n, noise: NOISE, margin, seed });
  const X = data.x;
  const y = data.y;
  const init = initMlp(2, hidden, createRng(seed).fork('init'));

  // U from the NTK Gram matrix at initialisation, eigenvalues in decreasing order.
  const { values, vt } = initialFeatures(`${seed} ${margin} ${hidden}`, () => symEigT(ntkGram(init, X, n), n));
  const order = Array.from({ length: n }, (_, i) => n - 1 - i);
  const sv = order.map((r) => Math.sqrt(Math.max(0, values[r])));
  const yCorr = order.map((r) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += vt[r * n + k] * y[k];
    return Math.abs(s);
  });
  if (ctx.cancelled()) return;

  const mk = (i: number, kind: string, label: string): Series => ({ name: `|z${subscript(i)}|, ${label}`, kind, group: `feature ${i}`, panel: 'responses', points: [] });
  // torch.optim.SGD with momentum and coupled weight decay, both runs from the same initial weights.
  const sgd = { kind: 'sgd' as const, lr: LEARNING_RATE, momentum: MOMENTUM, weightDecay: WEIGHT_DECAY };
  const trainer = (c: number) => new Trainer({ ...init, p: init.p.slice() }, X, y, n, { sd: c }, sgd);
  const runs: RunState[] = [
    { trainer: trainer(0), series: [mk(indices[0], 'plain', 'no SD'), mk(indices[1], 'plain', 'no SD')], accuracy: 0, z: new Float64Array(0) },
    { trainer: trainer(sd), series: [mk(indices[0], 'decoupled', `SD ${fmt(sd)}`), mk(indices[1], 'decoupled', `SD ${fmt(sd)}`)], accuracy: 0, z: new Float64Array(0) },
  ];
  const spectrum: Series = { name: 'singular values sᵢ of J at initialisation', kind: 'spectrum', group: 'guide', panel: 'spectrum', points: sv.slice(0, SPECTRUM_SHOWN).map((s, i) => [i + 1, s]) };
  const chosen: Series[] = indices.map((i) => ({ name: `feature ${i}: s${subscript(i)} = ${fmt(sv[i - 1])}`, kind: 'chosen', group: `feature ${i}`, panel: 'spectrum', points: [[i, sv[i - 1]]] }));
  const notes = [
    `${n} points of two moons (noise ${NOISE}, margin Δ = ${fmt(margin)}, seed ${seed}); a 2-layer ReLU network with ${hidden} hidden units (${2 * hidden + 2 * hidden + 1} parameters), full batch, SGD with learning rate ${LEARNING_RATE}, momentum ${MOMENTUM} and weight decay ${WEIGHT_DECAY}; the second run adds ${fmt(sd)} · mean ŷ². One seed, not the paper's average over ten.`,
  ];
  let parseval = 0;
  let diverged = -1;

  /** Component i (1-based, by decreasing eigenvalue) of z = Uᵀŷ: the same sum as `project`'s. */
  const component = (i: number, out: Float64Array) => {
    const row = order[i - 1];
    let s = 0;
    for (let k = 0; k < n; k++) s += vt[row * n + k] * out[k];
    return s;
  };
  /** The two followed responses, from the outputs each trainer computed with its last gradient (after t steps). */
  const record = (t: number): boolean => {
    for (const r of runs) {
      const out = r.trainer.current;
      if (anyBlownUp(out)) return false;
      r.series[0].points.push([t, Math.abs(component(indices[0], out))]);
      r.series[1].points.push([t, Math.abs(component(indices[1], out))]);
    }
    return true;
  };
  /** At a frame: all of z (Parseval's check) and the training accuracy. */
  const measure = (): boolean => {
    for (const r of runs) {
      const out = r.trainer.current;
      if (anyBlownUp(out)) return false;
      const z = project(vt, order, out, n);
      let zz = 0;
      let yy = 0;
      let correct = 0;
      for (let k = 0; k < n; k++) {
        zz += z[k] * z[k];
        yy += out[k] * out[k];
        if (out[k] * y[k] > 0) correct++;
      }
      parseval = Math.max(parseval, Math.abs(Math.sqrt(zz) - Math.sqrt(yy)) / Math.max(1e-12, Math.sqrt(yy)));
      r.accuracy = correct / n;
      r.z = z;
    }
    return true;
  };
  const frame = (t: number, status: Frame['status']): Frame<FeatureResponsesSummary> =>
    makeFrame(ID, params, {
      series: snapshot([...runs.flatMap((r) => r.series), spectrum, ...chosen]),
      summary: {
        indices,
        singularValues: indices.map((i) => sv[i - 1]),
        labelCorrelation: indices.map((i) => yCorr[i - 1]),
        plain: indices.map((i) => Math.abs(runs[0].z[i - 1])),
        decoupled: indices.map((i) => Math.abs(runs[1].z[i - 1])),
        accuracy: runs.map((r) => r.accuracy),
      },
      checks: [{ label: '| ‖z‖ − ‖ŷ‖ | / ‖ŷ‖ over the frames so far', value: parseval, against: 'Parseval (U orthogonal)', tolerance: TOL.parseval.value }],
      progress: t / steps,
      step: t,
      status,
      notes: diverged >= 0 ? [...notes, `The run diverged by step ${diverged}.`] : notes,
    });

  const stride = strideFor(steps, POINTS);
  const frameEvery = Math.max(stride, Math.ceil(steps / FRAMES));
  // Step t: the gradient at the parameters after t steps, whose forward pass gives the outputs recorded at t, then
  // the update (none after the last step). Recording costs no extra forward pass.
  for (let t = 0; ; t++) {
    for (const r of runs) r.trainer.gradient();
    if ((t % stride === 0 || t === steps) && !record(t)) {
      diverged = t;
      yield frame(t, 'diverged');
      return;
    }
    if (t === 0 || t % frameEvery === 0 || t === steps) {
      if (!measure()) {
        diverged = t;
        yield frame(t, 'diverged');
        return;
      }
      if (ctx.cancelled()) return;
      yield frame(t, t === steps ? 'done' : 'running');
    }
    if (t === steps) return;
    for (const r of runs) r.trainer.update();
  }
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
function subscript(i: number): string {
  return String(i)
    .split('')
    .map((c) => SUB[Number(c)])
    .join('');
}

const TOL = {
  parseval: { value: 1e-9, what: 'At every frame and any setting: | ‖Uᵀŷ‖ − ‖ŷ‖ | / ‖ŷ‖, U the eigenvectors of the NTK Gram matrix (orthogonal).' },
  gram: { value: 1e-6, what: 'Small network (20 points, 8 units): the closed-form NTK Gram matrix against JJᵀ from a Jacobian by central differences (relative to its largest entry).' },
  gradient: { value: 1e-6, what: 'Small network: the loss gradient (with SD 0.003) against central differences (relative to the largest entry).' },
  decoupling: {
    value: 2,
    what: 'Defaults (Δ = 0.1, 500 units, SD 0.003, 1000 steps, seed 1): the response to feature 6 ends at least this many times larger with SD than without, and the response to feature 1 smaller (measured 3.0× for seed 1, 4.4× for seed 2, 9.5× for seed 3; 3.7× after 2000 steps, seed 1).',
  },
};

function describe(frame: Frame<FeatureResponsesSummary>): string {
  const s = frame.summary;
  const [i, j] = s.indices;
  return (
    `After ${frame.step} steps, without spectral decoupling |z${subscript(i)}| = ${fmt(s.plain[0])} and |z${subscript(j)}| = ${fmt(s.plain[1])}; ` +
    `with it, ${fmt(s.decoupled[0])} and ${fmt(s.decoupled[1])}. At initialisation s${subscript(i)} = ${fmt(s.singularValues[0])} and s${subscript(j)} = ${fmt(s.singularValues[1])}. ` +
    `Training accuracy ${fmt(100 * s.accuracy[0])} % without and ${fmt(100 * s.accuracy[1])} % with SD.` +
    (frame.status === 'diverged' ? ' The run diverged.' : '')
  );
}

export const gsFeatureResponses: FigureSpec<FeatureResponsesSummary> = {
  id: ID,
  title: 'Feature responses of a network on two moons, with and without spectral decoupling',
  chapter: 'decoupling',
  source: { kind: 'paper-figure', text: 'Pezeshki et al. (2021), Fig. 2 (line plot), with the settings of the authors’ code; one seed and fewer steps by default.' },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'margin', label: 'Margin Δ', doc: 'Half the gap between the moons along the first axis; negative: they interleave.', min: -0.3, max: 0.3, step: 0.05, default: 0.1 },
    { kind: 'number', name: 'sd', label: 'SD coefficient', doc: 'Spectral decoupling: this times mean ŷ² is added to the loss of the second run.', min: 1e-4, max: 0.03, step: 0, scale: 'log', values: logValues(1e-4, 0.03), default: 0.003 },
    { kind: 'number', name: 'indexA', label: 'First feature index i', doc: 'Which NTK feature (by decreasing singular value) to follow.', min: 1, max: SPECTRUM_SHOWN, step: 1, default: 1, integer: true },
    { kind: 'number', name: 'indexB', label: 'Second feature index j', doc: 'The other NTK feature to follow.', min: 1, max: SPECTRUM_SHOWN, step: 1, default: 6, integer: true },
    { kind: 'number', name: 'hidden', label: 'Hidden units', doc: 'Width of the hidden ReLU layer (the paper: 500).', min: 50, max: 500, step: 50, default: 500, integer: true },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Full-batch SGD steps (the paper: 10,000 epochs).', min: 500, max: 10000, step: 500, default: 1000, integer: true, unit: 'iterations' },
    seedParam('Draws the two moons and the initial weights (shared by both runs).'),
  ],
  overlay: 'no theory here; the dashed lines are the run with spectral decoupling. The responses are measured, not predicted; the read-out checks that z = Uᵀŷ keeps the norm of ŷ (U is orthogonal).',
  panels: [
    { name: 'responses', title: 'Responses to two NTK features during training', x: { label: 'training step' }, y: { label: '|zᵢ| = |uᵢᵀŷ|' } },
    { name: 'spectrum', title: 'Singular values of the NTK features at initialisation', x: { label: 'index i' }, y: { label: 'sᵢ', scale: 'log' } },
  ],
  kinds: {
    plain: { role: 'simulation', style: 'line', label: 'no spectral decoupling' },
    decoupled: { role: 'simulation', style: 'dashed', label: 'spectral decoupling' },
    spectrum: { role: 'guide', style: 'dots', label: 'singular values of J' },
    chosen: { role: 'simulation', style: 'markers', label: 'the two features followed' },
  },
  summaryLabels: {
    indices: 'the two feature indices followed',
    singularValues: 'their singular values sᵢ at initialisation',
    labelCorrelation: 'their correlation with the labels |yᵀuᵢ|',
    plain: '[|zᵢ|, |zⱼ|] at this step, without spectral decoupling',
    decoupled: '[|zᵢ|, |zⱼ|] at this step, with spectral decoupling',
    accuracy: 'training accuracy at this step [without, with] spectral decoupling',
  },
  tolerances: TOL,
  departures: [
    'One seed instead of the average over seeds 0–9, and 1000 steps instead of 10,000 by default (the slider goes to 10,000), so that the figure runs in seconds in a browser.',
    'Our seeded random numbers are not numpy’s: a seed here is not the same sample of two moons as the same seed in the authors’ code.',
    'The Gram matrix JJᵀ is computed in closed form for this architecture instead of from a Jacobian (nngeometry in the authors’ code); a unit test checks it against finite differences.',
  ],
  test: { hidden: 50, steps: 500 },
  describe,
  run,
};
