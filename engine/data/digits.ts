/**
 * The 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", Alpaydin & Kaynak; scikit-learn's copy
 * of its test set, 1797 images; see engine/data/assets/digits.LICENSE.md), parsed from the asset `digits`
 * (engine/data/assets/digits.bin, written by scripts/data/make-digits.py). Used as a small stand-in for MNIST.
 */
import { symEig } from '../linalg.ts';

export interface Digits {
  count: number;
  rows: number;
  cols: number;
  /** Labels 0..9, one per image. */
  labels: Uint8Array;
  /** count × (rows·cols), row-major per image, pixel value / 16 in [0, 1]. */
  pixels: Float32Array;
}

export const DIGITS_ASSET = 'digits';
const MAGIC = 'LDDIGIT1';
const HEADER = 16;

/** Parse digits.bin; throws a plain error if the bytes are not that file. */
export function parseDigits(bytes: Uint8Array): Digits {
  if (bytes.length < HEADER) throw new Error(`digits.bin is too short (${bytes.length} bytes); expected a ${HEADER}-byte header.`);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`digits.bin does not start with "${MAGIC}" (found "${magic.replace(/[^ -~]/g, '?')}"); regenerate it with scripts/data/make-digits.py.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const rows = view.getUint16(12, true);
  const cols = view.getUint16(14, true);
  const size = rows * cols;
  const expected = HEADER + count + count * size;
  if (bytes.length !== expected) {
    throw new Error(`digits.bin has ${bytes.length} bytes, but its header (${count} images of ${rows}×${cols}) implies ${expected}.`);
  }
  const labels = bytes.slice(HEADER, HEADER + count);
  for (let i = 0; i < count; i++) if (labels[i] > 9) throw new Error(`digits.bin: label ${labels[i]} of image ${i} is not a digit.`);
  const raw = bytes.subarray(HEADER + count);
  const pixels = new Float32Array(count * size);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] > 16) throw new Error(`digits.bin: pixel value ${raw[i]} at byte ${HEADER + count + i} is above 16.`);
    pixels[i] = raw[i] / 16;
  }
  return { count, rows, cols, labels, pixels };
}

export interface WhitenedTask {
  /** Input dimension k (top principal components kept). */
  k: number;
  /** Σ³¹ = Σ_μ y^μ z^μᵀ (10 × k, row-major) for whitened inputs z^μ (Σ¹¹ = Σ_μ z^μ z^μᵀ = I_k) and one-hot targets y^μ. */
  sigma31: Float64Array;
  /** Eigenvalues of the pixel scatter matrix Σ_μ (x^μ − x̄)(x^μ − x̄)ᵀ, descending (all 64). */
  scatter: Float64Array;
  /** The k principal directions, as columns of a 64 × k matrix (row-major). */
  pcs: Float64Array;
}

/**
 * PCA-whitening of the digits (pixels/16, centred) onto their top k principal components, so that
 * the input correlation Σ¹¹ (a sum over examples, as in Saxe et al.) is exactly the identity, and
 * the task correlation Σ³¹ with one-hot targets. With Σ¹¹ = I the squared error of a linear network is
 * ½‖Σ³¹ − W_tot‖²_F plus a constant, so training needs only Σ³¹.
 */
export function whitenedDigits(d: Digits, k: number): WhitenedTask {
  const n = d.rows * d.cols;
  if (!(k >= 1 && k <= n)) throw new Error(`whitenedDigits: k = ${k} must be between 1 and ${n}.`);
  const P = d.count;
  const mean = new Float64Array(n);
  for (let m = 0; m < P; m++) for (let i = 0; i < n; i++) mean[i] += d.pixels[m * n + i];
  for (let i = 0; i < n; i++) mean[i] /= P;
  const C = new Float64Array(n * n);
  const x = new Float64Array(n);
  for (let m = 0; m < P; m++) {
    for (let i = 0; i < n; i++) x[i] = d.pixels[m * n + i] - mean[i];
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      for (let j = i; j < n; j++) C[i * n + j] += xi * x[j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) C[i * n + j] = C[j * n + i];
  const { values, vectors } = symEig({ rows: n, cols: n, data: C });
  if (!(values[k - 1] > 1e-9 * values[0])) throw new Error(`whitenedDigits: only ${values.filter((v) => v > 1e-9 * values[0]).length} principal components have nonzero variance; k = ${k} is too many.`);
  const pcs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) pcs[i * k + a] = vectors.data[i * n + a];
  const sigma31 = new Float64Array(10 * k);
  const z = new Float64Array(k);
  for (let m = 0; m < P; m++) {
    for (let i = 0; i < n; i++) x[i] = d.pixels[m * n + i] - mean[i];
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i] * pcs[i * k + a];
      z[a] = s / Math.sqrt(values[a]);
    }
    const c = d.labels[m];
    for (let a = 0; a < k; a++) sigma31[c * k + a] += z[a];
  }
  return { k, sigma31, scatter: values, pcs };
}
