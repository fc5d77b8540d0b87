/**
 * Small dense Float64 linear algebra for the analytic side (SVD of Σ³¹, orthogonal initialisation).
 * Row-major matrices; sizes here are tens by at most a few thousand, so clarity beats blocking.
 */

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
  const t = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  const c = zeros(a.rows, b.cols);
  const n = b.cols;
  for (let i = 0; i < a.rows; i++) {
    const ci = i * n;
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c.data[ci + j] += aik * b.data[bk + j];
    }
  }
  return c;
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

export interface Eigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as columns, in the same order, sign-fixed. */
  vectors: Matrix;
}

/** Symmetric eigen-decomposition by the cyclic Jacobi method (rotations annihilate a_pq in turn). */
export function symEig(m: Matrix): Eigen {
  const n = m.rows;
  if (m.cols !== n) throw new Error('symEig: matrix is not square');
  const a = Float64Array.from(m.data);
  const v = identity(n).data;
  let norm = 0;
  for (let i = 0; i < a.length; i++) norm += a[i] * a[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= 1e-32 * norm || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r * n + p];
          const arq = a[r * n + q];
          a[r * n + p] = c * arp - s * arq;
          a[r * n + q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p * n + r];
          const aqr = a[q * n + r];
          a[p * n + r] = c * apr - s * aqr;
          a[q * n + r] = s * apr + c * aqr;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p];
          const vrq = v[r * n + q];
          v[r * n + p] = c * vrp - s * vrq;
          v[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = zeros(n, n);
  for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) vectors.data[r * n + k] = v[r * n + order[k]];
  fixColumnSigns(vectors);
  return { values, vectors };
}

export interface SVD {
  /** rows × k, orthonormal columns (k = min(rows, cols)). */
  U: Matrix;
  /** Singular values, descending, length k. */
  s: Float64Array;
  /** cols × k, orthonormal columns. */
  V: Matrix;
}

/**
 * Thin SVD A = U diag(s) Vᵀ through the eigen-decomposition of the small Gram matrix (AᵀA or AAᵀ).
 * Accurate for the well-conditioned, few-column matrices used here (singular values below 1e-7·s1
 * are reported as 0); columns of U (or V) that belong to zero singular values are completed to an
 * orthonormal set. Signs: each column of V has its
 * largest entry positive.
 */
export function svd(a: Matrix): SVD {
  if (a.rows < a.cols) {
    const t = svd(transpose(a));
    const r: SVD = { U: t.V, s: t.s, V: t.U };
    fixColumnSigns(r.V, r.U);
    return r;
  }
  const k = a.cols;
  const { values, vectors: V } = symEig(matmul(transpose(a), a));
  const s = Float64Array.from(values, (x) => Math.sqrt(Math.max(x, 0)));
  const AV = matmul(a, V);
  const U = zeros(a.rows, k);
  // Through the Gram matrix a singular value carries an absolute error of about ε·s1²/s, so values
  // below √ε·s1 are indistinguishable from zero: report them as 0 and complete U instead.
  const tiny = (s[0] || 1) * 1e-7;
  const filled: boolean[] = [];
  for (let j = 0; j < k; j++) {
    filled.push(s[j] > tiny);
    if (!filled[j]) {
      s[j] = 0;
      continue;
    }
    for (let i = 0; i < a.rows; i++) U.data[i * k + j] = AV.data[i * k + j] / s[j];
  }
  orthonormalizeColumns(U, filled);
  fixColumnSigns(V, U);
  return { U, s, V };
}

/**
 * Modified Gram–Schmidt in place (twice, for stability). Columns not marked `keep` are replaced by
 * unit vectors orthogonal to all earlier ones, drawn deterministically from the standard basis.
 */
export function orthonormalizeColumns(q: Matrix, keep?: readonly boolean[]): void {
  const { rows: m, cols: k } = q;
  let basis = 0;
  for (let j = 0; j < k; j++) {
    let ok = keep ? keep[j] : true;
    for (let attempt = 0; attempt <= m; attempt++) {
      if (!ok) {
        for (let i = 0; i < m; i++) q.data[i * k + j] = i === basis % m ? 1 : 0;
        basis++;
      }
      for (let pass = 0; pass < 2; pass++) {
        for (let p = 0; p < j; p++) {
          let dot = 0;
          for (let i = 0; i < m; i++) dot += q.data[i * k + p] * q.data[i * k + j];
          for (let i = 0; i < m; i++) q.data[i * k + j] -= dot * q.data[i * k + p];
        }
      }
      let nrm = 0;
      for (let i = 0; i < m; i++) nrm += q.data[i * k + j] ** 2;
      nrm = Math.sqrt(nrm);
      if (nrm > 1e-8) {
        for (let i = 0; i < m; i++) q.data[i * k + j] /= nrm;
        break;
      }
      ok = false;
    }
  }
}

/**
 * Thin Householder QR of a tall matrix (rows ≥ cols): A = Q R, Q rows × cols with orthonormal
 * columns, R upper triangular with a non-negative diagonal (the sign fix that makes Q Haar-distributed
 * when A is Gaussian; Mezzadri 2007).
 */
export function qr(a: Matrix): { Q: Matrix; R: Matrix } {
  const { rows: m, cols: n } = a;
  if (m < n) throw new Error('qr: expected rows ≥ cols');
  const r = Float64Array.from(a.data);
  const vs: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    let nrm = 0;
    for (let i = j; i < m; i++) nrm += r[i * n + j] ** 2;
    nrm = Math.sqrt(nrm);
    const v = new Float64Array(m - j);
    if (nrm === 0) {
      vs.push(v);
      continue;
    }
    const alpha = r[j * n + j] > 0 ? -nrm : nrm;
    for (let i = j; i < m; i++) v[i - j] = r[i * n + j];
    v[0] -= alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i] * v[i];
    vn = Math.sqrt(vn);
    if (vn > 0) for (let i = 0; i < v.length; i++) v[i] /= vn;
    vs.push(v);
    // Apply H = I - 2 v vᵀ to the remaining columns.
    for (let c = j; c < n; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i - j] * r[i * n + c];
      for (let i = j; i < m; i++) r[i * n + c] -= 2 * dot * v[i - j];
    }
  }
  // Q = H_0 H_1 … H_{n-1} applied to the first n columns of the identity.
  const Q = zeros(m, n);
  for (let j = 0; j < n; j++) Q.data[j * n + j] = 1;
  for (let j = n - 1; j >= 0; j--) {
    const v = vs[j];
    for (let c = 0; c < n; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i - j] * Q.data[i * n + c];
      for (let i = j; i < m; i++) Q.data[i * n + c] -= 2 * dot * v[i - j];
    }
  }
  const R = zeros(n, n);
  for (let i = 0; i < n; i++) for (let c = i; c < n; c++) R.data[i * n + c] = r[i * n + c];
  for (let i = 0; i < n; i++) {
    if (R.data[i * n + i] < 0) {
      for (let c = 0; c < n; c++) R.data[i * n + c] *= -1;
      for (let rr = 0; rr < m; rr++) Q.data[rr * n + i] *= -1;
    }
  }
  return { Q, R };
}
