/**
 * In-place kernels on row-major Float64Array matrices: the products every dense routine of the engine is built
 * from, and the ones the training loops (engine/nn/deep-linear.ts) call directly so that they allocate nothing.
 * Each result depends only on the inputs and a fixed order of IEEE 754 operations, so it is bit-identical in Node
 * and in the browser. Dimensions: A is m×p, B as stated; `out` must not alias an input.
 */

/** out (m×n) = A (m×p) · B (p×n). Rows of B are streamed contiguously; zero entries of A are skipped. */
export function mulInto(a: Float64Array, b: Float64Array, m: number, p: number, n: number, out: Float64Array): Float64Array {
  out.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) out[oi + j] += aik * b[bk + j];
    }
  }
  return out;
}

/** A (m×p) · B (p×n) as a new array. */
export function mul(a: Float64Array, b: Float64Array, m: number, p: number, n: number): Float64Array {
  return mulInto(a, b, m, p, n, new Float64Array(m * n));
}

/** out (p×n) = Aᵀ · B for A (m×p) and B (m×n). */
export function mulTransAInto(a: Float64Array, b: Float64Array, m: number, p: number, n: number, out: Float64Array): Float64Array {
  out.fill(0, 0, p * n);
  for (let k = 0; k < m; k++) {
    const bk = k * n;
    for (let i = 0; i < p; i++) {
      const aki = a[k * p + i];
      if (aki === 0) continue;
      const oi = i * n;
      for (let j = 0; j < n; j++) out[oi + j] += aki * b[bk + j];
    }
  }
  return out;
}

/** out (m×n) += α · A · Bᵀ for A (m×p) and B (n×p): each entry is one dot product of two contiguous rows. */
export function addMulTransBInto(alpha: number, a: Float64Array, b: Float64Array, m: number, p: number, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    const ai = i * p;
    for (let j = 0; j < n; j++) {
      const bj = j * p;
      let s = 0;
      for (let k = 0; k < p; k++) s += a[ai + k] * b[bj + k];
      out[i * n + j] += alpha * s;
    }
  }
  return out;
}

/** out (cols×rows) = Aᵀ for A (rows×cols). */
export function transposeInto(a: Float64Array, rows: number, cols: number, out: Float64Array): Float64Array {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** Aᵀ (cols×rows) as a new array, for A (rows×cols). */
export function transposeOf(a: Float64Array, rows: number, cols: number): Float64Array {
  return transposeInto(a, rows, cols, new Float64Array(rows * cols));
}

/**
 * out (m×n) = U diag(s) Vᵀ for U (m×r) and V (n×r), r = s.length: entry (i, j) is Σ_α (U_iα s_α) V_jα, summed in
 * order of α. The reconstruction of a map from its singular (or eigen-) decomposition.
 */
export function usvtInto(u: Float64Array, s: ArrayLike<number>, v: Float64Array, m: number, n: number, out: Float64Array): Float64Array {
  const r = s.length;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let a = 0; a < r; a++) acc += u[i * r + a] * s[a] * v[j * r + a];
      out[i * n + j] = acc;
    }
  return out;
}
