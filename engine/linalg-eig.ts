/**
 * Spectra of dense Float64 matrices, written here because no small, well-kept JS library is installed
 * (and the project adds no packages):
 * - `symEigenvalues`: eigenvalues of a symmetric matrix by Householder tridiagonalisation and the
 *   implicit QL algorithm with Wilkinson-type shifts (the EISPACK tred2/tql1 pair); O(n³), values only.
 * - `singularValues`: singular values of a square or rectangular matrix as √eig(MᵀM) (or MMᵀ, whichever
 *   is smaller). Through the Gram matrix a singular value carries an absolute error of about ε·σ_max²/σ,
 *   so values below about √ε·σ_max (≈ 1.5e-8 σ_max) are not resolved; that is far below anything the
 *   figures draw.
 * - `eigenvalues`: eigenvalues of a general real matrix by Householder reduction to upper Hessenberg form
 *   and the Francis double-shift QR iteration (the EISPACK orthes/hqr pair), as complex pairs (re, im).
 * Row-major Float64Array storage, n×n: element (i, j) is a[i * n + j]. Inputs are never modified.
 */

const EPS = 2.220446049250313e-16;

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

/** Eigenvalues of the symmetric n×n matrix `a` (only its values are read as given; it should be symmetric), ascending. */
export function symEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (a.length !== n * n) throw new Error(`symEigenvalues: expected ${n * n} entries, got ${a.length}`);
  const { d, e } = tridiagonalize(a, n);
  tql(d, e);
  return d.sort();
}

/**
 * Householder reduction of a symmetric matrix to tridiagonal form (values only).
 * Returns the diagonal d and the subdiagonal e, with e[i] coupling d[i-1] and d[i] (e[0] = 0).
 */
export function tridiagonalize(src: ArrayLike<number>, n: number): { d: Float64Array; e: Float64Array } {
  const a = Float64Array.from(src);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[i * n + k]);
      if (scale === 0) {
        e[i] = a[i * n + l];
      } else {
        for (let k = 0; k <= l; k++) {
          a[i * n + k] /= scale;
          h += a[i * n + k] * a[i * n + k];
        }
        let f = a[i * n + l];
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[i * n + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          g = 0;
          for (let k = 0; k <= j; k++) g += a[j * n + k] * a[i * n + k];
          for (let k = j + 1; k <= l; k++) g += a[k * n + j] * a[i * n + k];
          e[j] = g / h;
          f += e[j] * a[i * n + j];
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          f = a[i * n + j];
          g = e[j] - hh * f;
          e[j] = g;
          for (let k = 0; k <= j; k++) a[j * n + k] -= f * e[k] + g * a[i * n + k];
        }
      }
    } else {
      e[i] = a[i * n + l];
    }
    d[i] = h;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  e[0] = 0;
  return { d, e };
}

/** Implicit QL with shifts on a symmetric tridiagonal matrix (d diagonal, e[i] couples i-1 and i); eigenvalues into d. */
function tql(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= EPS * dd) break;
      }
      if (m !== l) {
        if (iter++ === 60) throw new Error('symEigenvalues: no convergence in the QL iteration');
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          let f = s * e[i];
          const b = c * e[i];
          r = hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          f = 0;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}

/** AᵀA (cols×cols) for row-major A (rows×cols). */
function gramT(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let i = 0; i < cols; i++) {
      const ai = a[o + i];
      if (ai === 0) continue;
      const gi = i * cols;
      for (let j = i; j < cols; j++) g[gi + j] += ai * a[o + j];
    }
  }
  for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) g[i * cols + j] = g[j * cols + i];
  return g;
}

/** AAᵀ (rows×rows). */
function gram(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const g = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += a[i * cols + k] * a[j * cols + k];
      g[i * rows + j] = s;
      g[j * rows + i] = s;
    }
  }
  return g;
}

/** Singular values of the rows×cols matrix `a` (row-major), descending; min(rows, cols) of them. */
export function singularValues(a: ArrayLike<number>, rows: number, cols = rows): Float64Array {
  if (a.length !== rows * cols) throw new Error(`singularValues: expected ${rows * cols} entries, got ${a.length}`);
  const k = Math.min(rows, cols);
  const ev = rows >= cols ? symEigenvalues(gramT(a, rows, cols), k) : symEigenvalues(gram(a, rows, cols), k);
  const s = new Float64Array(k);
  for (let i = 0; i < k; i++) s[i] = Math.sqrt(Math.max(0, ev[k - 1 - i]));
  return s;
}

/** Householder reduction of a general n×n matrix to upper Hessenberg form (similar, so same eigenvalues). In place. */
export function hessenberg(a: Float64Array, n: number): void {
  const ort = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(a[i * n + m - 1]);
    if (scale === 0) continue;
    let h = 0;
    for (let i = n - 1; i >= m; i--) {
      ort[i] = a[i * n + m - 1] / scale;
      h += ort[i] * ort[i];
    }
    const g = ort[m] > 0 ? -Math.sqrt(h) : Math.sqrt(h);
    h -= ort[m] * g;
    ort[m] -= g;
    // H = I − u uᵀ / h, applied from the left (rows m..n-1) and from the right (columns m..n-1).
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = n - 1; i >= m; i--) f += ort[i] * a[i * n + j];
      f /= h;
      for (let i = m; i < n; i++) a[i * n + j] -= f * ort[i];
    }
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = n - 1; j >= m; j--) f += ort[j] * a[i * n + j];
      f /= h;
      for (let j = m; j < n; j++) a[i * n + j] -= f * ort[j];
    }
    a[m * n + m - 1] = scale * g;
    for (let i = m + 1; i < n; i++) a[i * n + m - 1] = 0;
  }
}

export interface ComplexValues {
  re: Float64Array;
  im: Float64Array;
}

/** Eigenvalues of a general real n×n matrix (row-major), as complex numbers in no particular order. */
export function eigenvalues(src: ArrayLike<number>, n: number): ComplexValues {
  if (src.length !== n * n) throw new Error(`eigenvalues: expected ${n * n} entries, got ${src.length}`);
  const a = Float64Array.from(src);
  hessenberg(a, n);
  return hqr(a, n);
}

const SIGN = (x: number, y: number) => (y >= 0 ? Math.abs(x) : -Math.abs(x));

/** Francis double-shift QR on an upper Hessenberg matrix (destroys it). After EISPACK hqr. */
function hqr(a: Float64Array, n: number): ComplexValues {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const A = (i: number, j: number) => a[i * n + j];
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(A(i, j));
  let nn = n - 1;
  let t = 0;
  let p = 0,
    q = 0,
    r = 0,
    s = 0,
    w = 0,
    x = 0,
    y = 0,
    z = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      for (l = nn; l > 0; l--) {
        s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(A(l, l - 1)) <= EPS * s) {
          a[l * n + l - 1] = 0;
          break;
        }
      }
      x = A(nn, nn);
      if (l === nn) {
        re[nn] = x + t;
        im[nn] = 0;
        nn--;
      } else {
        y = A(nn - 1, nn - 1);
        w = A(nn, nn - 1) * A(nn - 1, nn);
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + SIGN(z, p);
            re[nn - 1] = re[nn] = x + z;
            if (z !== 0) re[nn] = x - w / z;
            im[nn - 1] = im[nn] = 0;
          } else {
            re[nn - 1] = re[nn] = x + p;
            im[nn - 1] = z;
            im[nn] = -z;
          }
          nn -= 2;
        } else {
          if (its === 200) throw new Error('eigenvalues: no convergence in the QR iteration');
          if (its > 0 && its % 10 === 0) {
            // Exceptional shift.
            t += x;
            for (let i = 0; i <= nn; i++) a[i * n + i] -= x;
            s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = A(m, m);
            r = x - z;
            s = y - z;
            p = (r * s - w) / A(m + 1, m) + A(m, m + 1);
            q = A(m + 1, m + 1) - z - r - s;
            r = A(m + 2, m + 1);
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
            if (u <= EPS * v) break;
          }
          for (let i = m; i < nn - 1; i++) {
            a[(i + 2) * n + i] = 0;
            if (i !== m) a[(i + 2) * n + i - 1] = 0;
          }
          for (let k = m; k < nn; k++) {
            if (k !== m) {
              p = A(k, k - 1);
              q = A(k + 1, k - 1);
              r = 0;
              if (k + 1 !== nn) r = A(k + 2, k - 1);
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = SIGN(Math.sqrt(p * p + q * q + r * r), p);
            if (s !== 0) {
              if (k === m) {
                if (l !== m) a[k * n + k - 1] = -A(k, k - 1);
              } else a[k * n + k - 1] = -s * x;
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = A(k, j) + q * A(k + 1, j);
                if (k + 1 !== nn) {
                  p += r * A(k + 2, j);
                  a[(k + 2) * n + j] -= p * z;
                }
                a[(k + 1) * n + j] -= p * y;
                a[k * n + j] -= p * x;
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * A(i, k) + y * A(i, k + 1);
                if (k + 1 !== nn) {
                  p += z * A(i, k + 2);
                  a[i * n + k + 2] -= p * r;
                }
                a[i * n + k + 1] -= p * q;
                a[i * n + k] -= p;
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return { re, im };
}
