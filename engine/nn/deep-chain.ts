/**
 * One mode of a deep linear network on the decoupled manifold (Saxe §2): D = N_l − 1 scalars a_i
 * doing gradient descent on eq. (14), E = (s − Π_i a_i)² / 2τ. On that invariant manifold this
 * scalar system is exact: a full network started from decoupled initial conditions stays on it,
 * and each of its modes evolves as these scalars do. Float64 typed arrays, many chains at once.
 *
 * Discrete gradient descent with step λ (τ = 1/λ, time in iterations):
 *   a_i ← a_i + λ (s − u) g_i,   u = Π_j a_j,   g_i = Π_{j≠i} a_j.
 * g_i is formed from prefix and suffix products (no division, so a_i may pass through zero).
 */

/** A batch of independent chains of possibly different lengths, packed into one array. */
export interface ChainBatch {
  /** Chain lengths D_r = N_l − 1. */
  readonly D: Int32Array;
  /** Start of chain r in `a`. */
  readonly off: Int32Array;
  /** Step size of chain r. */
  readonly lr: Float64Array;
  /** Target mode strength s of chain r. */
  readonly s: Float64Array;
  /** All a_i of all chains. */
  readonly a: Float64Array;
  /** Scratch for prefix products (longest chain). */
  readonly pre: Float64Array;
}

export function chainBatch(chains: readonly { D: number; lr: number; s: number; a0: number }[]): ChainBatch {
  const n = chains.length;
  const D = new Int32Array(n);
  const off = new Int32Array(n);
  const lr = new Float64Array(n);
  const s = new Float64Array(n);
  let total = 0;
  let longest = 1;
  for (const [r, c] of chains.entries()) {
    D[r] = c.D;
    off[r] = total;
    lr[r] = c.lr;
    s[r] = c.s;
    total += c.D;
    longest = Math.max(longest, c.D);
  }
  const a = new Float64Array(total);
  for (const [r, c] of chains.entries()) a.fill(c.a0, off[r], off[r] + c.D);
  return { D, off, lr, s, a, pre: new Float64Array(longest + 1) };
}

/** u = Π a_i of chain r. */
export function chainProduct(b: ChainBatch, r: number): number {
  let u = 1;
  const o = b.off[r];
  for (let i = 0; i < b.D[r]; i++) u *= b.a[o + i];
  return u;
}

/**
 * One gradient-descent step of eq. (14) for chain r, in place. Returns u after the step.
 * Cost O(D): prefix products forward, then the update backward with a running suffix product.
 */
export function chainStep(b: ChainBatch, r: number): number {
  const a = b.a;
  const pre = b.pre;
  const o = b.off[r];
  const D = b.D[r];
  pre[0] = 1;
  for (let i = 0; i < D; i++) pre[i + 1] = pre[i] * a[o + i];
  const step = b.lr[r] * (b.s[r] - pre[D]);
  let suf = 1;
  let u = 1;
  for (let i = D - 1; i >= 0; i--) {
    const old = a[o + i];
    const next = old + step * pre[i] * suf;
    a[o + i] = next;
    suf *= old;
    u *= next;
  }
  return u;
}

/**
 * The continuous-time flow of eq. (14) in units of τ: da_i/dt' = (s − u) Π_{j≠i} a_j, t' = t/τ.
 * Writes the derivative into `out`.
 */
export function chainFlow(a: Float64Array, s: number, out: Float64Array): void {
  const D = a.length;
  let u = 1;
  for (let i = 0; i < D; i++) {
    out[i] = u; // prefix product
    u *= a[i];
  }
  const e = s - u;
  let suf = 1;
  for (let i = D - 1; i >= 0; i--) {
    out[i] *= suf * e;
    suf *= a[i];
  }
}
