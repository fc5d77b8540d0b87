/**
 * Two moons, as Pezeshki et al. (2021) build them in their code (Figure_1..3/moon_fig_*.py, `two_moons_dataset`):
 * scikit-learn's `make_moons(n, noise, random_state=seed)`, then a transform that puts the two classes on either
 * side of the vertical axis with a gap (or an overlap) of 2·margin, optionally rotated.
 *
 * `makeMoons` follows scikit-learn's algorithm step for step (sklearn/datasets/_samples_generator.py):
 * n_out = ⌊n/2⌋ points (cos t, sin t) and n_in = n − n_out points (1 − cos t, 1 − sin t − 0.5), t = linspace(0, π),
 * labels 0 then 1, shuffled, then Gaussian noise of standard deviation `noise` added to every coordinate (row by row).
 * Our random numbers (engine/rng.ts) are not numpy's Mersenne Twister, so a seed here is not the same sample as the
 * same seed in Python; with noise 0 and no shuffle the points are the same (scripts/data/make-moons-fixture.py and
 * two-moons.test.ts check both that and the transform on a fixed scikit-learn sample).
 *
 * `moonsTransform` is the authors' transform, for labels y± = 2y − 1:
 *   1. x ← x − (0.5, 0.3·y±);
 *   2. centre the second coordinate; multiply it by sign(−x₂·y±) (so class +1 lies at x₂ ≤ 0, class −1 at x₂ ≥ 0);
 *      then subtract y±·margin (a gap of 2·margin between the classes when margin > 0, an overlap when < 0);
 *   3. swap the two coordinates (the classes are now separated along the first axis: +1 left, −1 right);
 *   4. optionally rotate: x ← x·R with R = [[cos θ, −sin θ], [sin θ, cos θ]] (row vectors, as `np.dot(X, R)`).
 *
 * `twoMoons` chains the two. Exported API (copied by other figures; keep it stable):
 *   twoMoons({ n, noise, margin, seed, rotate?, shuffle? }) → { n, x: Float64Array (n×2 row-major), y: Float64Array (±1) }
 */
import { createRng, type Rng } from '../rng.ts';

export interface MoonsSample {
  /** Number of points. */
  n: number;
  /** n × 2, row-major: point i is (x[2i], x[2i+1]). */
  x: Float64Array;
  /** Labels, one per point: 0/1 from `makeMoons`, ±1 from `moonsTransform` and `twoMoons`. */
  y: Float64Array;
}

export interface MakeMoonsOptions {
  n: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (0: none, no random draws). */
  noise: number;
  /** Shuffle the points (and labels) as scikit-learn does by default (default true). */
  shuffle?: boolean;
}

function checkN(n: number, who: string): void {
  if (!(Number.isInteger(n) && n >= 2)) throw new Error(`${who}: n = ${n} must be an integer ≥ 2.`);
}

/** numpy's linspace(start, stop, num) with endpoint: i·step + start, and the last value set to stop exactly. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/** scikit-learn's make_moons with our rng: labels 0 (outer moon) and 1 (inner moon). */
export function makeMoons(opts: MakeMoonsOptions, rng: Rng): MoonsSample {
  const { n, noise } = opts;
  checkN(n, 'makeMoons');
  if (!(noise >= 0 && Number.isFinite(noise))) throw new Error(`makeMoons: noise = ${noise} must be finite and ≥ 0.`);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const tOut = linspace(0, Math.PI, nOut);
  const tIn = linspace(0, Math.PI, nIn);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i]);
    x[2 * i + 1] = Math.sin(tOut[i]);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(tIn[i]);
    x[2 * r + 1] = 1 - Math.sin(tIn[i]) - 0.5;
    y[r] = 1;
  }
  if (opts.shuffle ?? true) {
    // Fisher–Yates from the end, the same permutation applied to points and labels.
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const [a0, a1, ay] = [x[2 * i], x[2 * i + 1], y[i]];
      x[2 * i] = x[2 * j];
      x[2 * i + 1] = x[2 * j + 1];
      y[i] = y[j];
      x[2 * j] = a0;
      x[2 * j + 1] = a1;
      y[j] = ay;
    }
  }
  if (noise > 0) for (let k = 0; k < 2 * n; k++) x[k] += noise * rng.normal();
  return { n, x, y };
}

export interface MoonsTransformOptions {
  /** Half the gap between the classes along the separating axis (negative: the moons interleave). */
  margin: number;
  /** Rotation in degrees (Fig. 3's "45 deg Rotation"); default 0. */
  rotate?: number;
}

/** The authors' transform of a make_moons sample (labels 0/1) into the ±1 figure data. Does not modify `s`. */
export function moonsTransform(s: MoonsSample, opts: MoonsTransformOptions): MoonsSample {
  const { n } = s;
  const { margin } = opts;
  const rotate = opts.rotate ?? 0;
  if (!Number.isFinite(margin)) throw new Error(`moonsTransform: margin = ${margin} must be finite.`);
  if (!Number.isFinite(rotate)) throw new Error(`moonsTransform: rotate = ${rotate} must be finite.`);
  const y = new Float64Array(n);
  const a = new Float64Array(n); // first coordinate
  const b = new Float64Array(n); // second coordinate
  let mean = 0;
  for (let i = 0; i < n; i++) {
    y[i] = 2 * s.y[i] - 1;
    a[i] = s.x[2 * i] - 0.5;
    b[i] = s.x[2 * i + 1] - y[i] * 0.3;
    mean += b[i];
  }
  mean /= n;
  for (let i = 0; i < n; i++) {
    b[i] -= mean;
    b[i] *= Math.sign(-b[i] * y[i]);
    b[i] -= y[i] * margin;
  }
  const x = new Float64Array(2 * n);
  const th = (rotate * Math.PI) / 180;
  const c = rotate === 0 ? 1 : Math.cos(th);
  const sn = rotate === 0 ? 0 : Math.sin(th);
  for (let i = 0; i < n; i++) {
    // Swap the columns: (u, v) = (b, a); then (u, v)·[[c, −s], [s, c]] = (u c + v s, −u s + v c).
    const u = b[i];
    const v = a[i];
    x[2 * i] = rotate === 0 ? u : u * c + v * sn;
    x[2 * i + 1] = rotate === 0 ? v : -u * sn + v * c;
  }
  return { n, x, y };
}

export interface TwoMoonsOptions {
  /** Number of points (the paper: 300). */
  n: number;
  /** make_moons noise (the paper: 0.1). */
  noise: number;
  /** Margin Δ of the transform (the paper: −0.1 and +0.1). */
  margin: number;
  /** Seed of the sample (our rng, substream 'two-moons'). */
  seed: number;
  /** Rotation in degrees (default 0). */
  rotate?: number;
  /** Shuffle as make_moons does (default true). */
  shuffle?: boolean;
}

/** The two-moons figure data: make_moons then the authors' transform; x is n×2 row-major, y is ±1. */
export function twoMoons(opts: TwoMoonsOptions): MoonsSample {
  const rng = createRng(opts.seed).fork('two-moons');
  return moonsTransform(makeMoons({ n: opts.n, noise: opts.noise, shuffle: opts.shuffle }, rng), { margin: opts.margin, rotate: opts.rotate });
}
