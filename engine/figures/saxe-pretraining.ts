/**
 * Saxe et al. (2014), Fig. 5: the pre-training condition (18). Heatmaps of the input correlation Σ¹¹ and of V¹¹ᵀΣ¹¹V¹¹
 * (Σ¹¹ in the basis of the task's input singular vectors, restricted to the task's modes), with the diagonal-ness score
 * ‖offdiag‖_F/‖diag‖_F; and learning curves of a five-layer linear network from small random weights against greedy
 * layer-wise autoencoder pre-training followed by fine-tuning, with the pre-training time included (as in the paper).
 * Data: the 8×8 digits (stand-in for MNIST) in their top principal components, or a synthetic task whose input-analysing
 * singular vectors are the input principal components rotated by an angle θ. Float64 throughout (engine/nn/deep-linear.ts).
 */
import { DIGITS_ASSET, parseDigits, whitenedDigits } from '../data/digits.ts';
import type { Matrix } from '../linalg.ts';
import { mul, mulTransAInto, svd, transposeOf, usvtInto } from '../linalg.ts';
import type { DeepLinear } from '../nn/deep-linear.ts';
import { excessError, product, stepGeneral } from '../nn/deep-linear.ts';
import { gaussianMatrix, orthogonal } from '../nn/orthogonal.ts';
import type { Rng } from '../rng.ts';
import { createRng } from '../rng.ts';
import type { Check, FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { logValues } from '../params.ts';
import { blownUp, fmt, makeFrame, num, seedParam, str } from './common.ts';

const ID = 'saxe-pretraining';
/** Layers of the network (the paper's five-layer net: four weight matrices). */
const LAYERS = 5;
const FRAMES = 30;
/** A run counts as learned when its excess error falls below this fraction of the error of W = 0. */
export const LEARNED = 0.01;
/** Central 4×4 patch of the 8×8 image: the pixels shown in the Σ¹¹ heatmap. */
const PATCH = [18, 19, 20, 21, 26, 27, 28, 29, 34, 35, 36, 37, 42, 43, 44, 45];

export interface PretrainTask {
  k: number;
  out: number;
  /** Input correlation in the coordinates the network sees (k × k). */
  sigma11: Float64Array;
  /** Task correlation (out × k). */
  sigma31: Float64Array;
  /** Least-squares map W* = Σ³¹ (Σ¹¹)⁻¹. */
  wstar: Float64Array;
  /** The matrix drawn in the first heatmap, and its row labels' meaning. */
  shown11: { n: number; data: Float64Array; what: string };
  /** V¹¹ᵀΣ¹¹V¹¹ on the r task modes (r × r). */
  rotated: { n: number; data: Float64Array };
  rank: number;
}

function rotatedBlock(sigma31: Float64Array, sigma11: Float64Array, out: number, k: number): { n: number; data: Float64Array; rank: number } {
  const { s, V } = svd({ rows: out, cols: k, data: sigma31 } as Matrix);
  const r = s.filter((x) => x > 1e-9 * s[0]).length;
  const Vr = new Float64Array(k * r);
  for (let i = 0; i < k; i++) for (let a = 0; a < r; a++) Vr[i * r + a] = V.data[i * V.cols + a];
  const SV = mul(sigma11, Vr, k, k, r);
  const VtSV = mulTransAInto(Vr, SV, k, r, r, new Float64Array(r * r));
  return { n: r, data: VtSV, rank: r };
}

/** Digits in their top k principal components (centred, not whitened: Σ¹¹ = diag of the PC variances). */
export function digitsPretrainTask(bytes: Uint8Array, k: number): PretrainTask {
  const d = parseDigits(bytes);
  const w = whitenedDigits(d, k);
  const out = 10;
  const sigma11 = new Float64Array(k * k);
  for (let a = 0; a < k; a++) sigma11[a * k + a] = w.scatter[a];
  const sigma31 = Float64Array.from(w.sigma31, (v, i) => v * Math.sqrt(w.scatter[i % k]));
  const wstar = Float64Array.from(sigma31, (v, i) => v / w.scatter[i % k]);
  // Raw (centred) pixel correlation on the central 4×4 patch.
  const n = 64;
  const mean = new Float64Array(n);
  for (let m = 0; m < d.count; m++) for (let i = 0; i < n; i++) mean[i] += d.pixels[m * n + i] / d.count;
  const P = PATCH.length;
  const shown = new Float64Array(P * P);
  for (let m = 0; m < d.count; m++)
    for (let a = 0; a < P; a++) {
      const xa = d.pixels[m * n + PATCH[a]] - mean[PATCH[a]];
      for (let b = 0; b < P; b++) shown[a * P + b] += xa * (d.pixels[m * n + PATCH[b]] - mean[PATCH[b]]);
    }
  const rot = rotatedBlock(sigma31, sigma11, out, k);
  return { k, out, sigma11, sigma31, wstar, shown11: { n: P, data: shown, what: 'pixels of the central 4×4 patch' }, rotated: rot, rank: rot.rank };
}

/**
 * Synthetic task [ours]: k = 16 inputs with Σ¹¹ = QΛQᵀ (Q random orthogonal, Λ geometric from 100 down to 5), and
 * Σ³¹ = U S V¹¹ᵀ on 8 modes with V¹¹ = Q G(θ), where G rotates the principal-component pairs (1, 8), (2, 7), (3, 6),
 * (4, 5) by θ, so θ = 0 satisfies eq. (18) exactly and θ = 45° mixes components of very different variance.
 */
export function syntheticPretrainTask(angleDeg: number, rng: Rng): PretrainTask {
  const k = 16;
  const out = 8;
  const r = 8;
  const lam = Float64Array.from({ length: k }, (_, i) => 100 * (5 / 100) ** (i / (k - 1)));
  const Q = orthogonal(k, k, rng.fork('Q')).data;
  const U = orthogonal(out, out, rng.fork('U')).data;
  const s = Float64Array.from({ length: r }, (_, a) => 60 * 0.8 ** a);
  const th = (angleDeg * Math.PI) / 180;
  // V columns: rotated pairs of Q's columns.
  const V = new Float64Array(k * r);
  for (let p = 0; p < r / 2; p++) {
    const i = p;
    const j = r - 1 - p;
    for (let row = 0; row < k; row++) {
      const qi = Q[row * k + i];
      const qj = Q[row * k + j];
      V[row * r + i] = Math.cos(th) * qi + Math.sin(th) * qj;
      V[row * r + j] = -Math.sin(th) * qi + Math.cos(th) * qj;
    }
  }
  const sigma11 = usvtInto(Q, lam, Q, k, k, new Float64Array(k * k));
  const sigma31 = usvtInto(U, s, V, out, k, new Float64Array(out * k)); // U is out×r (r = out)
  const inv11 = usvtInto(Q, lam.map((x) => 1 / x), Q, k, k, new Float64Array(k * k));
  const wstar = mul(sigma31, inv11, out, k, k);
  const rot = rotatedBlock(sigma31, sigma11, out, k);
  return { k, out, sigma11, sigma31, wstar, shown11: { n: k, data: sigma11, what: 'input coordinates' }, rotated: rot, rank: rot.rank };
}

/** ‖offdiag‖_F / ‖diag‖_F of an n×n matrix. */
export function diagonalness(m: Float64Array, n: number): number {
  let off = 0;
  let dia = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = m[i * n + j] ** 2;
      if (i === j) dia += v;
      else off += v;
    }
  return Math.sqrt(off / dia);
}

function topEig(sym: Float64Array, n: number): number {
  // Power iteration on a positive semi-definite matrix (enough for a step size).
  let v = new Float64Array(n).fill(1 / Math.sqrt(n));
  let lam = 0;
  for (let it = 0; it < 200; it++) {
    const w = mul(sym, v, n, n, 1);
    const nrm = Math.sqrt(w.reduce((acc, x) => acc + x * x, 0));
    if (nrm === 0) return 0;
    v = w.map((x) => x / nrm);
    if (Math.abs(nrm - lam) < 1e-10 * nrm) return nrm;
    lam = nrm;
  }
  return lam;
}

/**
 * The CLI's JSON contract. stepsToOnePercent: [random start, pre-trained start with pre-training included], in
 * iterations; null where the run did not reach 1% error (not within the steps, or diverged). autoencoderError: one
 * entry per pre-trained layer, relative to the error of a zero map; null where that autoencoder diverged.
 */
export type PretrainingSummary = {
  diagonalnessRotated: number;
  diagonalnessSigma11: number;
  taskModes: number;
  pretrainSteps: number;
  autoencoderError: (number | null)[];
  learningRate: number;
  stepsToOnePercent: (number | null)[];
};

const STARTS = ['random', 'pretrained'] as const;
type Start = (typeof STARTS)[number];
const START_LABEL: Record<Start, string> = { random: 'random start', pretrained: 'pre-trained start' };

function heatSeries(name: string, kind: string, panel: string, m: { n: number; data: Float64Array }): Series[] {
  return Array.from({ length: m.n }, (_, i) => ({
    name: `${name}, row ${i + 1}`,
    kind,
    group: name,
    panel,
    points: Array.from({ length: m.n }, (_, j) => [j + 1, m.data[i * m.n + j]] as [number, number]),
  }));
}

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<PretrainingSummary>, void, void> {
  const dataset = str(params, 'dataset');
  const preSteps = num(params, 'pretrainSteps');
  const steps = num(params, 'steps');
  const rng = createRng(num(params, 'seed'));
  const SMALL_STD = num(params, 'initStd');
  let task: PretrainTask;
  if (dataset === 'digits') {
    if (!ctx.asset) throw new Error('saxe-pretraining needs the digits data asset, and this context cannot load assets.');
    task = digitsPretrainTask(await ctx.asset(DIGITS_ASSET), 16);
  } else task = syntheticPretrainTask(num(params, 'angle'), rng.fork('data'));
  const { k, out, sigma11, sigma31, wstar } = task;
  const D = LAYERS - 1;
  const dims = [k, ...Array.from({ length: D - 1 }, () => k), out];
  const lmax = topEig(sigma11, k);
  // The step size comes from the aligned task (for synthetic data), so that θ changes nothing but the alignment.
  const rateTask = dataset === 'digits' ? task : syntheticPretrainTask(0, rng.fork('data'));
  const wsq = mul(rateTask.wstar, transposeOf(rateTask.wstar, out, k), out, k, out);
  const wmax = Math.sqrt(topEig(wsq, out));
  // Half the stability limit 2/(c D w*^{2−2/D}) of one balanced mode with curvature c = λmax(Σ¹¹) [ours].
  const lr = 1 / (lmax * D * wmax ** (2 - 2 / D));
  const lrPre = 0.5 / lmax;
  const e0 = excessError(new Float64Array(out * k), wstar, sigma11, out, k);
  const score = diagonalness(task.rotated.data, task.rotated.n);
  const scoreRaw = diagonalness(task.shown11.data, task.shown11.n);
  const notes = [
    dataset === 'digits'
      ? 'Digits (1797 images, a stand-in for MNIST), centred and projected onto their top 16 principal components (not whitened); one-hot targets. Σ³¹, its singular vectors V¹¹ and V¹¹ᵀΣ¹¹V¹¹ are computed in these 16 coordinates, where Σ¹¹ is diagonal. The left heatmap is the raw centred pixel correlation on the central 4×4 patch.'
      : `Synthetic task (ours): 16 inputs with a random principal basis Q, 8 task modes whose input singular vectors are Q's components rotated in pairs by θ = ${fmt(num(params, 'angle'))}°.`,
    `Five-layer linear network (${dims.join('–')} units), full-batch gradient descent with λ = ${fmt(lr)} (half the stability limit of the strongest mode, ours). Random start: i.i.d. Gaussian weights with std ${fmt(SMALL_STD)}. Pre-trained start: each of the ${D - 1} lower layers is the encoder of a linear autoencoder trained for ${preSteps} steps on the previous layer's output (from std ${fmt(SMALL_STD)}, λ = ${fmt(lrPre)}), the top layer random with std ${fmt(SMALL_STD)}.`,
  ];
  const heat = [...heatSeries('Σ¹¹', 'sigma11', 'sigma11', task.shown11), ...heatSeries('V¹¹ᵀΣ¹¹V¹¹', 'rotated', 'rotated', task.rotated)];
  const frameChecks = checks(score, dataset, num(params, 'angle'));

  // Greedy layer-wise pre-training.
  const preW: Float64Array[] = [];
  let cov = sigma11;
  const preError: (number | null)[] = [];
  const total = (D - 1) * preSteps + steps;
  for (let l = 1; l < D; l++) {
    const r = rng.fork(`pretrain ${l}`);
    const ae: DeepLinear = {
      dims: [k, k, k],
      W: [gaussianMatrix(k, k, r.fork('enc'), SMALL_STD).data, gaussianMatrix(k, k, r.fork('dec'), SMALL_STD).data],
      lr: lrPre,
    };
    const eye = new Float64Array(k * k);
    for (let i = 0; i < k; i++) eye[i * k + i] = 1;
    for (let t = 0; t < preSteps; t++) stepGeneral(ae, cov, cov);
    const base = excessError(new Float64Array(k * k), eye, cov, k, k);
    const aeError = excessError(product(ae), eye, cov, k, k) / base;
    preError.push(blownUp(aeError) ? null : aeError);
    preW.push(ae.W[0]);
    cov = mul(mul(ae.W[0], cov, k, k, k), transposeOf(ae.W[0], k, k), k, k, k);
    if (ctx.cancelled()) return;
  }
  const preTotal = (D - 1) * preSteps;
  const init = (kind: 'random' | 'pretrained'): DeepLinear => {
    const r = rng.fork(`init ${kind}`);
    const W = dims.slice(1).map((rows, i) => gaussianMatrix(rows, dims[i], r.fork(`W${i + 1}`), SMALL_STD).data);
    if (kind === 'pretrained') for (let l = 0; l < D - 1; l++) W[l] = preW[l].slice();
    return { dims, W, lr };
  };
  const nets = { random: init('random'), pretrained: init('pretrained') };
  const curves: Record<Start, Series> = {
    random: { name: 'random start (simulation)', kind: 'curve', group: START_LABEL.random, panel: 'curves', points: [] },
    pretrained: { name: 'pre-trained start, pre-training included (simulation)', kind: 'curve', group: START_LABEL.pretrained, panel: 'curves', points: [] },
  };
  const learned: Record<Start, number | null> = { random: null, pretrained: null };
  const stride = Math.max(1, Math.ceil(steps / 300));
  const frameEvery = Math.max(stride, Math.ceil(steps / FRAMES / stride) * stride);
  let diverged: Start | null = null;
  const record = (t: number) => {
    for (const kind of STARTS) {
      const e = excessError(product(nets[kind]), wstar, sigma11, out, k) / e0;
      // A blown-up error ends the run; it is not drawn (the curve stops at the last finite point).
      if (blownUp(e)) {
        diverged ??= kind;
        continue;
      }
      const x = kind === 'pretrained' ? t + preTotal : t;
      curves[kind].points.push([x, Math.max(e, 1e-12)]);
      if (learned[kind] === null && e < LEARNED) learned[kind] = x;
    }
  };
  const preDiverged = preError.indexOf(null);
  const summary = (): PretrainingSummary => ({
    diagonalnessRotated: score,
    diagonalnessSigma11: scoreRaw,
    taskModes: task.rank,
    pretrainSteps: preTotal,
    autoencoderError: preError.slice(),
    learningRate: lr,
    stepsToOnePercent: STARTS.map((s) => learned[s]),
  });
  record(0);
  for (let t = 1; t <= steps; t++) {
    stepGeneral(nets.random, sigma31, sigma11);
    stepGeneral(nets.pretrained, sigma31, sigma11);
    if (t % stride !== 0 && t !== steps) continue;
    record(t);
    if (diverged) {
      yield makeFrame(ID, params, {
        series: [...heat, curves.random, curves.pretrained].map((x) => ({ ...x, points: x.points.slice() })),
        summary: summary(),
        checks: frameChecks,
        progress: (preTotal + t) / total,
        step: t,
        status: 'diverged',
        notes: [...notes, divergenceNote(diverged, t, lr, preDiverged, lrPre, SMALL_STD)],
      });
      return;
    }
    if (t % frameEvery !== 0 && t !== steps) continue;
    if (ctx.cancelled()) return;
    yield makeFrame(ID, params, {
      series: [...heat, curves.random, curves.pretrained].map((x) => ({ ...x, points: x.points.slice() })),
      summary: summary(),
      checks: frameChecks,
      progress: (preTotal + t) / total,
      step: t,
      status: t === steps ? 'done' : 'running',
      notes,
    });
  }
}

function divergenceNote(start: Start, t: number, lr: number, preDiverged: number, lrPre: number, std: number): string {
  if (start === 'pretrained' && preDiverged >= 0) {
    return `Pre-training diverged (the autoencoder of layer ${preDiverged + 1}): its step size λ = ${fmt(lrPre)}, chosen for small weights, is too large from weights of std ${fmt(std)}, so the pre-trained start is unusable; lower the random weight std.`;
  }
  return `The ${START_LABEL[start]} run diverged by fine-tuning step ${t}: the learning rate λ = ${fmt(lr)} is too large for it.`;
}

/** The diagonal-ness measures how far eq. (18) is from holding; the unit tests hold it below 1e-10 for synthetic data at θ = 0 and below 0.5 on the digits. */
function checks(score: number, dataset: string, angle: number): Check[] {
  const tolerance = dataset === 'digits' ? 0.5 : angle === 0 ? 1e-10 : undefined;
  return [{ label: 'diagonal-ness ‖offdiag‖/‖diag‖ of V¹¹ᵀΣ¹¹V¹¹', value: score, against: 'eq. (18) (0 when it holds)', ...(tolerance !== undefined ? { tolerance } : {}) }];
}

function describe(frame: Frame<PretrainingSummary>): string {
  const s = frame.summary;
  const fineTune = Number(frame.params.steps);
  // Steps are counted as on the curves' axis: the pre-trained start's include its pre-training.
  const reach = (i: number, offset: number) => {
    const t = s.stepsToOnePercent[i];
    if (t !== null) return `reaches 1% error at step ${t}`;
    return frame.status === 'done' ? `does not reach 1% error within ${offset + fineTune} steps` : `has not reached 1% error by step ${offset + frame.step}`;
  };
  return (
    `In the basis of the task's input singular vectors the input correlation has diagonal-ness ${fmt(s.diagonalnessRotated)} (‖offdiag‖/‖diag‖; 0 is exactly diagonal). ` +
    `The random start ${reach(0, 0)}; the pre-trained start ${reach(1, s.pretrainSteps)}, counting its ${s.pretrainSteps} pre-training steps.` +
    (frame.status === 'diverged' ? ` The run diverged by step ${frame.step}.` : '')
  );
}

export const saxePretraining: FigureSpec<PretrainingSummary> = {
  id: ID,
  title: 'When greedy pre-training helps',
  chapter: 'initialization',
  source: {
    kind: 'paper-figure',
    text: 'Saxe, McClelland & Ganguli (2014), Fig. 5: on MNIST, Σ¹¹ and its near-diagonal form in the task’s input singular vectors, and learning curves of a five-layer linear network from random and from pre-trained initial weights.',
  },
  iterative: true,
  deterministic: false,
  params: [
    {
      kind: 'choice',
      name: 'dataset',
      label: 'Data',
      doc: 'The 8×8 digits (stand-in for MNIST), or a synthetic task with a chosen angle between input principal components and task vectors.',
      options: [
        { value: 'digits', label: '8×8 digits' },
        { value: 'synthetic', label: 'synthetic, angle θ' },
      ],
      default: 'digits',
    },
    { kind: 'number', name: 'angle', label: 'Angle θ', doc: 'Synthetic data only: rotation between input principal components and the task’s input singular vectors (0: eq. (18) holds).', min: 0, max: 45, step: 1, default: 30, unit: '°' },
    {
      kind: 'number',
      name: 'initStd',
      label: 'Random weight std',
      doc: 'Std of the small random weights (random start, autoencoders, top layer). The paper: 0.01 with much wider layers.',
      min: 0.005,
      max: 0.3,
      step: 0,
      scale: 'log',
      values: logValues(0.005, 0.3, [0.08]),
      default: 0.08,
    },
    { kind: 'number', name: 'pretrainSteps', label: 'Pre-training steps', doc: 'Steps of autoencoder training per layer (counted in the pre-trained curve).', min: 10, max: 1000, step: 10, default: 40, integer: true, unit: 'iterations' },
    { kind: 'number', name: 'steps', label: 'Fine-tuning steps', doc: 'Steps of training on the task.', min: 100, max: 5000, step: 100, default: 1000, integer: true, unit: 'iterations' },
    seedParam('Seeds the random weights (and the synthetic data).'),
  ],
  overlay: 'No theory curve: the diagonal-ness score ‖offdiag‖/‖diag‖ (Frobenius norms) of V¹¹ᵀΣ¹¹V¹¹ (0 when eq. (18) holds exactly) is shown with the heatmaps.',
  panels: [
    { name: 'sigma11', title: 'Input correlation Σ¹¹', x: { label: 'column' }, y: { label: 'row' } },
    { name: 'rotated', title: 'V¹¹ᵀΣ¹¹V¹¹ on the task modes', x: { label: 'task mode β' }, y: { label: 'task mode α' } },
    { name: 'curves', title: 'Learning curves, pre-training time included', x: { label: 'iterations (pre-training included)' }, y: { label: 'excess error / error of W = 0', scale: 'log' } },
  ],
  kinds: {
    sigma11: { role: 'simulation', style: 'cells', label: 'entries of Σ¹¹ (colour: value)' },
    rotated: { role: 'simulation', style: 'cells', label: 'entries of V¹¹ᵀΣ¹¹V¹¹ (colour: value)' },
    curve: { role: 'simulation', style: 'line', label: 'excess error (simulation)' },
    threshold: { role: 'guide', style: 'rule', label: '1% error (learned)' },
    pretrainEnd: { role: 'guide', style: 'rule', label: 'end of pre-training' },
  },
  summaryLabels: {
    diagonalnessRotated: 'diagonal-ness of V¹¹ᵀΣ¹¹V¹¹ (‖offdiag‖/‖diag‖)',
    diagonalnessSigma11: 'diagonal-ness of the Σ¹¹ shown (digits: central 4×4 pixel patch; synthetic: input coordinates)',
    taskModes: 'task modes (nonzero singular values of Σ³¹)',
    pretrainSteps: 'pre-training steps, all layers',
    autoencoderError: 'autoencoder reconstruction error after pre-training, per pre-trained layer (relative; null: diverged)',
    learningRate: 'learning rate λ of fine-tuning',
    stepsToOnePercent: 'steps to 1% error: random start, pre-trained start (pre-training included); null: not reached',
  },
  test: { dataset: 'synthetic', pretrainSteps: 20, steps: 200 },
  tolerances: {
    aligned: {
      value: 1e-10,
      what: 'Synthetic data, θ = 0, seed 1: diagonal-ness of V¹¹ᵀΣ¹¹V¹¹ below 1e-10 (exact alignment), and above 0.3 at θ = 45°.',
    },
    digitsNearDiagonal: {
      value: 0.5,
      what: 'Digits: diagonal-ness of V¹¹ᵀΣ¹¹V¹¹ (9 task modes, top 16 components) below 0.5 and below that of the raw centred pixel correlation (central 4×4 patch).',
    },
    pretrainingHelps: {
      value: 1,
      what: 'Defaults (digits, std 0.08, 40 pre-training steps per layer, 1000 fine-tuning steps, seed 1): the pre-trained start reaches 1% error earlier than the random start, pre-training included (ratio below 1; measured 240 against 520 steps).',
    },
  },
  departures: [
    'The 8×8 digits stand in for MNIST: centred and projected onto their top 16 principal components, so the network is 16–16–16–16–10 (the paper: 784 inputs and wider layers, sizes in its Appendix F).',
    'The heatmaps show the central 4×4 pixel patch of Σ¹¹ and the 9×9 block of V¹¹ᵀΣ¹¹V¹¹ on the task’s nonzero modes; the paper shows unstated submatrices.',
    'Small random weights have std 0.08 instead of the paper’s 0.01: with 16-unit layers, std 0.01 puts a five-layer network about 10⁶ times closer to the saddle at the origin than with 1000-unit layers (the width of the paper’s Fig. 4 networks; Fig. 5’s widths are in its Appendix F), and it would not leave the plateau within a browser run. Std 0.08 gives each layer the gain σ√N ≈ 0.32 that std 0.01 has at width 1000.',
    'The top layer is not pre-trained (small random weights); the paper’s Appendix F, which we do not restate, has its procedure.',
  ],
  describe,
  run,
};
