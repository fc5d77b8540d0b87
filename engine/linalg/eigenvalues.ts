/**
 * Eigenvalues of a general real matrix: Householder reduction to upper Hessenberg form and the Francis double-shift
 * QR iteration (the EISPACK orthes/hqr pair, after Numerical Recipes' hqr), values only, as complex numbers (re, im).
 * Values only: accumulating the eigenvectors as well (EISPACK hqr2) would double the work for the 500×500 products of
 * figure saxe-random-spectra. At most 200 iterations per eigenvalue, then an error. Row-major n×n input, never modified.
 */

const EPS = 2.220446049250313e-16;

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
