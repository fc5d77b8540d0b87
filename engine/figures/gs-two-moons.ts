/**
 * Pezeshki et al. (2021), Figs. 1 and 3 (settings from the authors' code, spec gradient-starvation-2021.md §4): the
 * decision function of a two-layer ReLU network trained full batch on the two-moons data with margin Δ, averaged
 * over seeds, on a grid over [−2, 2]². With Δ > 0 the classes are linearly separable along x₁ and plain training
 * stops at an almost straight boundary; spectral decoupling (an L2 penalty on the logits) curves it. The other
 * remedies of Fig. 3 that fit here are choices too: weight decay, Adam, longer training (the steps control) and
 * the 45° rotation of the data.
 */
import { makeMoons, moonsTransform, twoMoons } from '../data/two-moons.ts';
import { forward, initMlp, Trainer, type OptimizerOptions } from '../nn/mlp.ts';
import { logValues } from '../params.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { boundaryCurvature, gridCoord, HI, LO, signedDistances, zeroCrossings, type Grid } from './gs-two-moons-boundary.ts';
import { fmt, makeFrame, num, seedParam, snapshot, str } from './common.ts';

const ID = 'gs-two-moons';
/** Measurement grid over [−2, 2]² (step 0.05); every other row and column (step 0.1, 41×41) is drawn. */
export const GRID = 81;
const DRAWN_EVERY = 2;
/** Points per training set and per fresh test set (the paper: 300), and the make_moons noise (0.1). */
export const POINTS = 300;
const NOISE = 0.1;
/** Rows with |x₂| ≤ this enter the curvature measure (the data's extent along x₂ is about ±1.5 before noise). */
const EXTENT = 1.5;
const FRAMES = 10;

export type TwoMoonsSummary = {
  boundaryFound: boolean;
  curvature: number;
  testMargin: number;
  trainMargin: number;
  testAccuracy: number;
  trainAccuracy: number;
  loss: number;
};

const grid = (() => {
  const g = new Float64Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++)
    for (let c = 0; c < GRID; c++) {
      g[2 * (r * GRID + c)] = LO + ((HI - LO) * c) / (GRID - 1);
      g[2 * (r * GRID + c) + 1] = LO + ((HI - LO) * r) / (GRID - 1);
    }
  return g;
})();

function optimizerFor(params: Params): { optimizer: OptimizerOptions; sd: number; words: string } {
  const reg = str(params, 'regulariser');
  const lr = num(params, 'learningRate');
  const base: OptimizerOptions = { kind: 'sgd', lr, momentum: 0.9, weightDecay: 0 };
  if (reg === 'weight-decay') {
    const wd = num(params, 'weightDecay');
    return { optimizer: { ...base, weightDecay: wd }, sd: 0, words: `SGD (learning rate ${fmt(lr)}, momentum 0.9) with weight decay ${fmt(wd)}` };
  }
  if (reg === 'sd') {
    const sd = num(params, 'sdCoefficient');
    return { optimizer: base, sd, words: `SGD (learning rate ${fmt(lr)}, momentum 0.9) with spectral decoupling ${fmt(sd)}·mean f²` };
  }
  if (reg === 'adam') return { optimizer: { ...base, kind: 'adam', momentum: 0 }, sd: 0, words: `Adam (learning rate ${fmt(lr)}), no regulariser` };
  return { optimizer: base, sd: 0, words: `SGD (learning rate ${fmt(lr)}, momentum 0.9), no regulariser` };
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<TwoMoonsSummary>, void, void> {
  const margin = num(params, 'margin');
  const H = num(params, 'hiddenUnits');
  const steps = num(params, 'steps');
  const S = num(params, 'seeds');
  const seed = num(params, 'seed');
  const rotate = params.rotate === true ? 45 : 0;
  const { optimizer, sd, words } = optimizerFor(params);

  const sets = Array.from({ length: S }, (_, k) => twoMoons({ n: POINTS, noise: NOISE, margin, seed: seed + k, rotate }));
  const test = moonsTransform(makeMoons({ n: POINTS, noise: NOISE }, createRng(seed).fork('test-moons')), { margin, rotate });
  const trainers = sets.map((d, k) => new Trainer(initMlp(2, H, createRng(seed + k).fork('init')), d.x, d.y, POINTS, { sd }, optimizer));

  const notes = [
    `Two moons as in the authors' code: make_moons (${POINTS} points, noise ${NOISE}) shifted so that the classes sit on either side of x₁ = 0 with margin Δ = ${fmt(margin)}${rotate ? ', then rotated by 45°' : ''}; label +1 on the left.`,
    `Two-layer ReLU network, ${H} hidden units with biases (PyTorch's default initialisation), full batch on the mean logistic loss, ${words}; ${steps} steps; the decision function is averaged over ${S} seed${S > 1 ? 's' : ''} (${seed}…${seed + S - 1}: data and initial weights). The dots are the training set of seed ${seed}.`,
    `Measured on the seed-averaged function f̄: the boundary's non-linearity (RMS distance of the zero contour, |x₂| ≤ ${EXTENT}, from its best straight line; 0 for a line) and the margin (smallest signed distance of a point to the zero contour; negative if a point is misclassified), on a fresh test set of ${POINTS} points and on the training set of seed ${seed}.`,
  ];

  const heat = new Float64Array(GRID * GRID);
  const ftest = new Float64Array(POINTS);
  const ftrain = new Float64Array(POINTS);
  const buf = new Float64Array(GRID * GRID);
  const curv: Series = { name: 'boundary non-linearity', kind: 'curvature', group: 'non-linearity', panel: 'measures', points: [] };
  const marg: Series = { name: 'test margin', kind: 'margin', group: 'test margin', panel: 'measures', points: [] };
  const gapLines: Series[] = rotate
    ? []
    : [-1, 1].map((s) => ({ name: `x₁ = ${s < 0 ? '−' : ''}Δ`, kind: 'gap', group: 'guide', panel: 'boundary', points: [[s * margin, LO], [s * margin, HI]] as [number, number][] }));
  const data = sets[0];
  const dots = [1, -1].map((label) => {
    const points: [number, number][] = [];
    for (let i = 0; i < POINTS; i++) if (data.y[i] === label) points.push([data.x[2 * i], data.x[2 * i + 1]]);
    return { name: `training points of class ${label > 0 ? '+1' : '−1'} (seed ${seed})`, kind: 'data', group: `class ${label > 0 ? '+1' : '−1'}`, panel: 'boundary', points } satisfies Series;
  });

  const measure = (t: number, status: Frame['status'], extra: string[] = []): Frame<TwoMoonsSummary> => {
    heat.fill(0);
    ftest.fill(0);
    ftrain.fill(0);
    let loss = 0;
    for (const tr of trainers) {
      forward(tr.net, grid, GRID * GRID, buf);
      for (let k = 0; k < heat.length; k++) heat[k] += buf[k] / S;
      const o = forward(tr.net, test.x, POINTS, new Float64Array(POINTS));
      const p = forward(tr.net, data.x, POINTS, new Float64Array(POINTS));
      for (let i = 0; i < POINTS; i++) {
        ftest[i] += o[i] / S;
        ftrain[i] += p[i] / S;
      }
      loss += tr.loss / S;
    }
    const g: Grid = { G: GRID, lo: LO, hi: HI, values: heat };
    const crossings = zeroCrossings(g);
    const found = crossings.length > 0;
    const c = found ? boundaryCurvature(g, EXTENT) : NaN;
    const minOf = (a: Float64Array) => a.reduce((m, v) => Math.min(m, v), Infinity);
    const testMargin = found ? minOf(signedDistances(crossings, test.x, test.y, ftest)) : 0;
    const trainMargin = found ? minOf(signedDistances(crossings, data.x, data.y, ftrain)) : 0;
    const acc = (f: Float64Array, y: Float64Array) => y.reduce((s, v, i) => s + (v * f[i] > 0 ? 1 : 0), 0) / y.length;
    // The untrained network's boundary (step 0) is arbitrary: the measures are plotted from the first frame on.
    if (t > 0 && Number.isFinite(c)) curv.points.push([t, c]);
    if (t > 0 && found) marg.points.push([t, testMargin]);
    const rows: Series[] = [];
    for (let r = 0; r < GRID; r += DRAWN_EVERY) {
      const points: [number, number][] = [];
      for (let col = 0; col < GRID; col += DRAWN_EVERY) points.push([gridCoord(g, col), heat[r * GRID + col]]);
      rows.push({ name: `f̄ at x₂ = ${fmt(gridCoord(g, r))}`, kind: 'heat', group: 'heat', panel: 'boundary', points });
    }
    const why = found ? [] : ['The seed-averaged function has one sign on the whole grid: no boundary yet, so the margin and non-linearity read 0.'];
    return makeFrame(ID, params, {
      series: [...rows, ...snapshot([...dots, ...gapLines, curv, marg])],
      summary: {
        boundaryFound: found,
        curvature: Number.isFinite(c) ? c : 0,
        testMargin,
        trainMargin,
        testAccuracy: acc(ftest, test.y),
        trainAccuracy: acc(ftrain, data.y),
        loss: Number.isFinite(loss) ? loss : 0,
      },
      progress: t / steps,
      step: t,
      status,
      notes: [...notes, ...why, ...extra],
    });
  };

  yield measure(0, 'running');
  const every = Math.max(1, Math.ceil(steps / FRAMES));
  for (let t = 1; t <= steps; t++) {
    let bad = false;
    for (const tr of trainers) if (!Number.isFinite(tr.step())) bad = true;
    // A cancelled run stops within a few steps, not at the next frame (a frame can be 1000 steps of the paper's scale).
    if (t % 10 === 0 && ctx.cancelled()) return;
    if (bad) {
      yield measure(t - 1, 'diverged', [`Diverged at step ${t}: the loss is no longer finite (learning rate ${fmt(optimizer.lr)} is too large for this setting).`]);
      return;
    }
    if (t % every === 0 || t === steps) {
      if (ctx.cancelled()) return;
      yield measure(t, t === steps ? 'done' : 'running');
      // Let the worker see a cancel message between chunks.
      await Promise.resolve();
    }
  }
}

function describe(frame: Frame<TwoMoonsSummary>): string {
  const s = frame.summary;
  const p = frame.params;
  const reg = { none: 'no regulariser', 'weight-decay': 'weight decay', sd: 'spectral decoupling', adam: 'Adam' }[String(p.regulariser)] ?? String(p.regulariser);
  const head = `Heatmap of the decision function of a two-layer ReLU network on two moons with margin Δ = ${fmt(Number(p.margin))}, ${reg}, after ${frame.step} steps, averaged over ${p.seeds} seeds. `;
  if (!s.boundaryFound) return `${head}The averaged function has one sign everywhere: no boundary yet.`;
  return (
    head +
    `The zero contour deviates from a straight line by ${fmt(s.curvature, 2)} (RMS); the smallest distance from a test point to it is ${fmt(s.testMargin, 2)} (training points: ${fmt(s.trainMargin, 2)}). ` +
    `Test accuracy ${fmt(100 * s.testAccuracy, 3)}%.` +
    (frame.status === 'diverged' ? ' The run diverged.' : '')
  );
}

export const gsTwoMoons: FigureSpec<TwoMoonsSummary> = {
  id: ID,
  title: 'Two moons: a near-linear boundary, and spectral decoupling curves it',
  chapter: 'decoupling',
  source: {
    kind: 'paper-figure',
    text: 'Pezeshki et al. (2021), Figs. 1 and 3, rerun with the settings of the authors’ code (two_moons_dataset, 2-layer ReLU MLP, full-batch SGD with momentum); the measures of curvature and margin are this site’s.',
  },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'margin', label: 'Margin Δ', doc: 'Half the gap between the classes along x₁ (negative: the moons interleave). The paper: −0.1 and +0.1.', min: -0.3, max: 0.3, step: 0.05, default: 0.1 },
    {
      kind: 'choice',
      name: 'regulariser',
      label: 'Regulariser',
      doc: 'What is added to plain SGD with momentum (Fig. 3’s remedies); Adam replaces SGD.',
      options: [
        { value: 'none', label: 'none' },
        { value: 'weight-decay', label: 'weight decay' },
        { value: 'sd', label: 'spectral decoupling' },
        { value: 'adam', label: 'Adam (no regulariser)' },
      ],
      default: 'none',
    },
    { kind: 'number', name: 'sdCoefficient', label: 'SD coefficient', doc: 'Spectral decoupling: this times mean f² is added to the loss (used when the regulariser is spectral decoupling). The paper: 0.003.', min: 1e-4, max: 0.1, step: 0, scale: 'log', values: logValues(1e-4, 0.1), default: 0.003 },
    { kind: 'number', name: 'weightDecay', label: 'Weight decay', doc: 'L2 coefficient on every parameter, PyTorch’s weight_decay (used when the regulariser is weight decay). The paper: 0.01.', min: 1e-4, max: 0.1, step: 0, scale: 'log', values: logValues(1e-4, 0.1), default: 0.01 },
    { kind: 'number', name: 'learningRate', label: 'Learning rate', doc: 'SGD (momentum 0.9) or Adam step size. The paper: 0.01 for SGD; 1e-4 and 3e-3 for Adam.', min: 1e-4, max: 0.1, step: 0, scale: 'log', values: logValues(1e-4, 0.1), default: 0.01 },
    { kind: 'number', name: 'hiddenUnits', label: 'Hidden units', doc: 'Width of the two-layer ReLU network. The paper: 500.', min: 10, max: 500, step: 10, default: 100, integer: true },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Full-batch training steps (epochs). The paper: 1000; “train longer”: 10 000.', min: 100, max: 10000, step: 100, default: 1000, integer: true, unit: 'iterations' },
    { kind: 'number', name: 'seeds', label: 'Seeds averaged', doc: 'Networks (and data sets) whose decision functions are averaged. The paper: 10.', min: 1, max: 10, step: 1, default: 4, integer: true },
    { kind: 'boolean', name: 'rotate', label: 'Rotate the data by 45°', doc: 'Fig. 3’s “45 deg rotation”: the separating direction is no longer a coordinate axis.', default: false },
    seedParam('The first seed: seed k of the average draws the data and initial weights of network k; the test set is drawn from this seed.'),
  ],
  overlay: 'No theory curve: the boundary is measured. Dotted grey lines mark the edges of the empty band between the classes, x₁ = ±Δ (none when the data are rotated).',
  panels: [
    { name: 'boundary', title: 'Seed-averaged decision function f̄(x) and its zero contour', x: { label: 'x₁' }, y: { label: 'x₂' } },
    { name: 'measures', title: 'Boundary non-linearity and test margin over training', x: { label: 'training step' }, y: { label: 'distance' } },
  ],
  kinds: {
    heat: { role: 'simulation', style: 'cells', label: 'seed-averaged decision function f̄ (blue > 0 > red)' },
    boundary: { role: 'simulation', style: 'line', label: 'decision boundary f̄ = 0' },
    data: { role: 'simulation', style: 'dots', label: 'training points' },
    gap: { role: 'guide', style: 'dotted', label: 'edges of the gap, x₁ = ±Δ' },
    curvature: { role: 'simulation', style: 'line', label: 'non-linearity of the boundary (RMS from its best line)' },
    margin: { role: 'simulation', style: 'dashed', label: 'test margin (smallest signed distance to the boundary)' },
  },
  summaryLabels: {
    boundaryFound: 'the averaged function changes sign on the grid',
    curvature: 'non-linearity of the boundary: RMS distance of the zero contour (|x₂| ≤ 1.5) from its best line',
    testMargin: 'test margin: smallest signed distance of a fresh test point to the zero contour',
    trainMargin: 'training margin: the same for the training set of the first seed',
    testAccuracy: 'test accuracy of the averaged function',
    trainAccuracy: 'training accuracy of the averaged function (first seed’s data)',
    loss: 'training loss, mean over the seeds (with the SD term when on)',
  },
  test: { hiddenUnits: 20, steps: 100, seeds: 1 },
  tolerances: {
    sdCurves: {
      value: 1.5,
      what: 'Defaults (Δ = 0.1, 100 hidden units, 1000 steps, 4 seeds) at seeds 1, 11 and 21: spectral decoupling 0.003 makes the boundary’s non-linearity at least this factor larger than no regulariser, and its test margin larger, at every one of the three.',
    },
  },
  departures: [
    'Default width 100 hidden units (the paper: 500) and 4 seeds averaged (the paper: 10), about a twelfth of the paper’s work per rerun, to keep a browser rerun short; both controls reach the paper’s values.',
    'Dropout, batch norm and the 5-layer network of Fig. 3 are not offered.',
    'make_moons is reimplemented with this site’s random numbers: a seed gives a different sample from scikit-learn’s with the same seed (the algorithm and the transform are tested against scikit-learn).',
    'The heatmap is drawn on a 41×41 grid (the paper: 100×100); the measures use an 81×81 grid.',
  ],
  describe,
  run,
};
