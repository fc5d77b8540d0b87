/** The engine's one dense matrix type (row-major Float64) and its elementary operations. */
import { mulInto, transposeInto, usvtInto } from './kernels.ts';

export interface Matrix {
  rows: number;
  cols: number;
  /** Row-major: element (i, j) is data[i * cols + j]. */
  data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r ? rows[0].length : 0;
  const m = zeros(r, c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new Error('fromRows: ragged rows');
    m.data.set(row, i * c);
  });
  return m;
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

export function transpose(a: Matrix): Matrix {
  return { rows: a.cols, cols: a.rows, data: transposeInto(a.data, a.rows, a.cols, new Float64Array(a.data.length)) };
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  return { rows: a.rows, cols: b.cols, data: mulInto(a.data, b.data, a.rows, a.cols, b.cols, new Float64Array(a.rows * b.cols)) };
}

/** U diag(s) Vᵀ for U (m×r) and V (n×r) with r = s.length. */
export function usvt(u: Matrix, s: ArrayLike<number>, v: Matrix): Matrix {
  if (u.cols !== s.length || v.cols !== s.length) throw new Error(`usvt: U ${u.rows}×${u.cols}, ${s.length} values, V ${v.rows}×${v.cols}`);
  return { rows: u.rows, cols: v.rows, data: usvtInto(u.data, s, v.data, u.rows, v.rows, new Float64Array(u.rows * v.rows)) };
}

/** Columns `from..to-1` of a matrix. */
export function columns(a: Matrix, from: number, to: number): Matrix {
  const w = to - from;
  const out = zeros(a.rows, w);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < w; j++) out.data[i * w + j] = a.data[i * a.cols + from + j];
  return out;
}

/** Multiply column j by d[j]. */
export function scaleColumns(a: Matrix, d: ArrayLike<number>): Matrix {
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] = a.data[i * a.cols + j] * d[j];
  return out;
}

export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}

/** Flip the sign of each column so that its largest-magnitude entry (the first, on ties) is positive. */
export function fixColumnSigns(a: Matrix, also?: Matrix): void {
  for (let j = 0; j < a.cols; j++) {
    let best = 0;
    let arg = 0;
    for (let i = 0; i < a.rows; i++) {
      const v = Math.abs(a.data[i * a.cols + j]);
      if (v > best * (1 + 1e-9)) {
        best = v;
        arg = i;
      }
    }
    if (a.data[arg * a.cols + j] < 0) {
      for (let i = 0; i < a.rows; i++) a.data[i * a.cols + j] *= -1;
      if (also) for (let i = 0; i < also.rows; i++) also.data[i * also.cols + j] *= -1;
    }
  }
}

/**
 * √(x² + y²) without overflow, from +, ×, ÷ and √ only (all correctly rounded in IEEE 754), so that results are
 * bit-identical across JavaScript engines; Math.hypot's last bit differs between V8 versions (Node vs the browser).
 */
export function hypot(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a < b) [a, b] = [b, a];
  if (a === 0 || !Number.isFinite(a)) return a + b;
  const r = b / a;
  return a * Math.sqrt(1 + r * r);
}
