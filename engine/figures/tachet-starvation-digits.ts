/**
 * Gradient starvation on real images (ours; spec tachet-2018.md §2.7, real-data version). The 8×8 digits, a binary
 * task (digits 0–4 against 5–9), and a "shortcut": a bright 2×2 patch in the top-left corner for class 5–9 and in
 * the top-right corner for class 0–4, added to a fraction q of the training images. A two-layer ReLU network (no
 * biases) is trained by full-batch gradient descent on the mean logistic loss, with explicit gradients, next to a
 * control network trained on the same images with no patch. Reported over training: accuracy on clean test images
 * and on test images whose patch contradicts their label. The train/test split is a random permutation drawn once
 * from a constant seed, the same for every run and every value of the figure's seed.
 */
import { DIGITS_ASSET, parseDigits } from '../data/digits.ts';
import type { TachetNet } from '../nn/tachet-model.ts';
import { disposeTachetData, disposeTachetNet, readOutputs, tachetData, tachetNet, tachetStep } from '../nn/tachet-model.ts';
import { createRng } from '../rng.ts';
import { logValues } from '../params.ts';
import type { FigureSpec, Frame, Params, RunContext, Series } from '../spec.ts';
import { anyBlownUp, fmt, makeFrame, num, seedParam, signAccuracy, snapshot } from './common.ts';

const ID = 'tachet-starvation-digits';
/** Images in the training set; the rest (1197) are the test set. */
export const TRAIN = 600;
const FRAMES = 30;
const POINTS = 60;
const SIDE = 8;
/** Patch pixels (row, col): top-left for label +1 (digits 5–9), top-right for label −1 (digits 0–4). */
const PATCH: Record<number, [number, number][]> = {
  1: [[0, 0], [0, 1], [1, 0], [1, 1]],
  [-1]: [[0, 6], [0, 7], [1, 6], [1, 7]],
};

function addPatch(img: Float32Array, label: number, strength: number): void {
  for (const [r, c] of PATCH[label]) img[r * SIDE + c] = Math.max(img[r * SIDE + c], strength);
}

export interface DigitsSplit {
  train: number[];
  test: number[];
}

/** The fixed split: a permutation drawn from a constant seed, so every run and every seed uses the same images. */
export function digitsSplit(count: number): DigitsSplit {
  const rng = createRng(0).fork('digits-split');
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { train: order.slice(0, TRAIN), test: order.slice(TRAIN) };
}

/** Accuracies (fractions) at this step, on the 1197 test images unless stated. */
export type StarvationDigitsSummary = {
  patchedImages: number;
  trainAccuracy: number;
  cleanAccuracy: number;
  contradictingAccuracy: number;
  controlCleanAccuracy: number;
  controlContradictingAccuracy: number;
  chance: number;
};

/** Colour groups: the two test sets. */
const CLEAN = 'clean test images';
const CONTRA = 'test images with a contradicting patch';

async function* run(params: Params, ctx: RunContext): AsyncGenerator<Frame<StarvationDigitsSummary>, void, void> {
  const tf = ctx.tf;
  if (!ctx.asset) throw new Error('tachet-starvation-digits needs the digits data asset, and no asset loader was given.');
  const q = num(params, 'patchFraction');
  const strength = num(params, 'patchStrength');
  const H = num(params, 'hiddenUnits');
  const lr = num(params, 'learningRate');
  const steps = num(params, 'steps');
  const rng = createRng(num(params, 'seed'));
  const digits = parseDigits(await ctx.asset(DIGITS_ASSET));
  const D = digits.rows * digits.cols;
  const split = digitsSplit(digits.count);
  const label = (i: number) => (digits.labels[i] >= 5 ? 1 : -1);
  const image = (i: number) => digits.pixels.slice(i * D, (i + 1) * D);

  // Training inputs: the patched set (a fraction q, chosen with the seed) and the clean control set.
  const pr = rng.fork('patch');
  const X = new Float32Array(TRAIN * D);
  const Xc = new Float32Array(TRAIN * D);
  const y = new Float32Array(TRAIN);
  let patched = 0;
  for (const [k, i] of split.train.entries()) {
    const img = image(i);
    y[k] = label(i);
    Xc.set(img, k * D);
    if (pr.uniform() < q) {
      addPatch(img, y[k], strength);
      patched++;
    }
    X.set(img, k * D);
  }
  // Test inputs: clean, and with the patch of the other class (contradicting the label).
  const M = split.test.length;
  const T = new Float32Array(2 * M * D);
  const yt = new Float32Array(M);
  for (const [k, i] of split.test.entries()) {
    yt[k] = label(i);
    const img = image(i);
    T.set(img, k * D);
    addPatch(img, -yt[k], strength);
    T.set(img, (M + k) * D);
  }
  const positives = yt.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
  const chance = Math.max(positives, M - positives) / M;
  const notes = [
    `Digits 0–4 (label −1) against 5–9 (label +1); ${TRAIN} training and ${M} test images, a fixed random split (drawn once, the same for every seed). ${patched} training images (each with probability q = ${fmt(q)}, drawn with the seed) carry the patch, with pixel value ${fmt(strength)} on a scale where ink is at most 1.`,
    `Two-layer ReLU network, ${H} hidden units, no biases, He-scaled Gaussian initial weights (input weights σ = √(2/${D}), output weights σ = √(1/${H})); full-batch gradient descent on the mean logistic loss. The control network starts from the same weights and sees the same images without any patch.`,
  ];

  const ir = rng.fork('init');
  const W0 = Float32Array.from({ length: H * D }, () => Math.sqrt(2 / D) * ir.normal());
  const v0 = Float32Array.from({ length: H }, () => Math.sqrt(1 / H) * ir.normal());
  const weights = new Float32Array(TRAIN).fill(1 / TRAIN);
  const data = tachetData(tf, [X, Xc], [y, y], [weights, weights], ['logistic', 'logistic'], D);
  let net: TachetNet = tachetNet(tf, 'two-layer', 'relu', [W0, W0], [v0, v0], H, D);
  const probes = tf.tensor3d(new Float32Array([...T, ...T]), [2, 2 * M, D], 'float32');
  const lrT = tf.scalar(lr);

  const mk = (name: string, kind: string, group: string): Series => ({ name, kind, group, points: [] });
  const clean = mk('clean test images', 'patched', CLEAN);
  const contra = mk('test images with a contradicting patch', 'patched', CONTRA);
  const ctrlClean = mk('control trained without patches: clean test images', 'control', CLEAN);
  const ctrlContra = mk('control trained without patches: contradicting patch', 'control', CONTRA);
  const chanceLine: Series = { name: `chance (majority class, ${fmt(chance)})`, kind: 'level', group: 'guide', points: [[0, chance], [steps, chance]] };
  const perfect: Series = { name: 'oracle (every test image right)', kind: 'level', group: 'guide', points: [[0, 1], [steps, 1]] };
  let trainAcc = NaN;

  const evalEvery = Math.max(1, Math.ceil(steps / POINTS));
  const frameEvery = Math.max(1, Math.ceil(steps / FRAMES));
  try {
    const frame = (t: number, status: Frame['status'], extra: string[] = []): Frame<StarvationDigitsSummary> =>
      makeFrame(ID, params, {
        series: snapshot([clean, contra, ctrlClean, ctrlContra, chanceLine, perfect]),
        summary: summarise(clean, contra, ctrlClean, ctrlContra, chance, trainAcc, patched),
        progress: t / steps,
        step: t,
        status,
        notes: [...notes, ...extra],
      });
    const readTrainAccuracy = (): number => {
      const tr = tf.tidy(() => tf.mul(tf.matMul(net.v!, tf.relu(tf.matMul(net.W, data.X, false, true))), data.y));
      const m = (tr.dataSync() as Float32Array).subarray(0, TRAIN);
      tr.dispose();
      return m.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) / TRAIN;
    };
    const record = (t: number): boolean => {
      const [o, oc] = readOutputs(tf, net, probes);
      if (anyBlownUp(o) || anyBlownUp(oc)) return false;
      clean.points.push([t, signAccuracy(o.subarray(0, M), yt)]);
      contra.points.push([t, signAccuracy(o.subarray(M), yt)]);
      ctrlClean.points.push([t, signAccuracy(oc.subarray(0, M), yt)]);
      ctrlContra.points.push([t, signAccuracy(oc.subarray(M), yt)]);
      return true;
    };
    record(0);
    trainAcc = readTrainAccuracy();
    yield frame(0, 'running');
    for (let t = 1; t <= steps; t++) {
      const next = tachetStep(tf, net, data, lrT);
      disposeTachetNet(tf, net);
      net = next;
      if (t % evalEvery !== 0 && t !== steps) continue;
      if (!record(t)) {
        yield frame(t, 'diverged', [`Diverged by step ${t}: the learning rate ${fmt(lr)} is too large.`]);
        return;
      }
      if (t % frameEvery === 0 || t === steps) {
        if (ctx.cancelled()) return;
        trainAcc = readTrainAccuracy();
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

function summarise(clean: Series, contra: Series, cc: Series, cx: Series, chance: number, trainAcc: number, patched: number): StarvationDigitsSummary {
  return {
    patchedImages: patched,
    trainAccuracy: trainAcc,
    cleanAccuracy: lastY(clean),
    contradictingAccuracy: lastY(contra),
    controlCleanAccuracy: lastY(cc),
    controlContradictingAccuracy: lastY(cx),
    chance,
  };
}

function describe(frame: Frame<StarvationDigitsSummary>): string {
  const s = frame.summary;
  const pc = (x: number) => `${fmt(100 * x, 3)}%`;
  return (
    `After ${frame.step} steps, the network trained with the patch on ${s.patchedImages} images classifies ${pc(s.cleanAccuracy)} of clean test images correctly, ` +
    `but only ${pc(s.contradictingAccuracy)} of test images whose patch contradicts the label; the control trained without patches gets ${pc(s.controlCleanAccuracy)} and ${pc(s.controlContradictingAccuracy)}. Chance is ${pc(s.chance)}.` +
    (frame.status === 'diverged' ? ' The run diverged.' : '')
  );
}

export const tachetStarvationDigits: FigureSpec<StarvationDigitsSummary> = {
  id: ID,
  title: 'A shortcut patch starves the shapes of 8×8 digits',
  chapter: 'starvation',
  source: {
    kind: 'ours',
    text: 'This site’s real-data illustration of claim C7 of Tachet des Combes et al. (2018) (gradient starvation), on the 8×8 UCI digits; not a figure of the paper.',
  },
  iterative: true,
  deterministic: false,
  params: [
    { kind: 'number', name: 'patchFraction', label: 'Patched fraction q', doc: 'Share of the training images that carry the label-revealing patch.', min: 0, max: 1, step: 0.05, default: 0.8 },
    { kind: 'number', name: 'patchStrength', label: 'Patch strength', doc: 'Pixel value of the 2×2 patch (ink is at most 1).', min: 0.1, max: 2, step: 0.1, default: 1 },
    { kind: 'number', name: 'hiddenUnits', label: 'Hidden units', doc: 'Width of the two-layer ReLU network.', min: 4, max: 128, step: 4, default: 16, integer: true },
    { kind: 'number', name: 'learningRate', label: 'Learning rate η', doc: 'Step size of full-batch gradient descent on the mean logistic loss.', min: 0.01, max: 3, step: 0, scale: 'log', values: logValues(0.01, 3), default: 1 },
    { kind: 'number', name: 'steps', label: 'Steps', doc: 'Full-batch training iterations.', min: 50, max: 3000, step: 50, default: 200, integer: true, unit: 'iterations' },
    seedParam('Draws the initial weights and which training images carry the patch (the random train/test split is drawn once and is the same for every seed).'),
  ],
  overlay: 'No theory curve. For comparison: a control network trained on the same images without patches (dotted, in the colour of each test set), the majority-class chance level and the oracle (every test image right), in grey.',
  panels: [{ name: 'main', title: 'Test accuracy over training', x: { label: 'training step' }, y: { label: 'test accuracy' } }],
  kinds: {
    patched: { role: 'simulation', style: 'line', label: 'network trained with the patch' },
    control: { role: 'simulation', style: 'dotted', label: 'control, trained without patches' },
    level: { role: 'guide', style: 'thin', label: 'chance (majority class) and oracle (100 %)' },
  },
  summaryLabels: {
    patchedImages: 'training images that carry the patch',
    trainAccuracy: 'training accuracy, network trained with the patch',
    cleanAccuracy: 'accuracy on clean test images',
    contradictingAccuracy: 'accuracy on test images with a contradicting patch',
    controlCleanAccuracy: 'control: accuracy on clean test images',
    controlContradictingAccuracy: 'control: accuracy on test images with a contradicting patch',
    chance: 'chance (majority class of the test set)',
  },
  test: { hiddenUnits: 8, steps: 50 },
  tolerances: {
    patchStarves: {
      value: 0.3,
      what: 'Defaults (width 16, η = 1, 200 steps, seed 1, patch strength 1): at q = 0 the contradicting-patch test accuracy is within 0.1 of the clean one; it falls as q rises through 0, 0.3, 0.8, and at q = 0.8 it is at least this much below the clean-test accuracy (and below 0.2).',
    },
  },
  departures: ['Not a figure of the paper: this site’s own real-data version of the claim, on 8×8 digits instead of MNIST, with a full-batch two-layer network small enough to train in the browser.'],
  describe,
  run,
};
