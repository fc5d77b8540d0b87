/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna) seeded through a 128-bit string hash.
 * The engine never calls Math.random: data, initialisation and everything else derive from one seed,
 * through named substreams (`fork('data')`, `fork('init')`) that do not depend on how much of the
 * parent stream has been consumed, so adding a draw in one place never shifts another.
 */

export interface Rng {
  /** The path that names this stream (seed and fork labels), for debugging. */
  readonly key: string;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1) by the Box–Muller transform. */
  normal(): number;
  /** An independent substream named by `label`; the same seed and label always give the same stream. */
  fork(label: string): Rng;
}

/** cyrb128: a fast 128-bit string hash, used only to turn a stream's key into a nonzero state. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function fromKey(key: string): Rng {
  let [s0, s1, s2, s3] = hash128(key);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 0x9e3779b9;
  let spare: number | null = null;

  // xoshiro128**: 32-bit state words, all arithmetic kept in uint32.
  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = (): number => {
    const hi = uint32() >>> 5; // 27 bits
    const lo = uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  const normal = (): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const u1 = 1 - uniform(); // (0, 1], so the log is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
  return { key, uint32, uniform, normal, fork: (label: string) => fromKey(`${key}/${label}`) };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The root stream of a run. `seed` is any finite number (figure seeds are integers). */
export function createRng(seed: number): Rng {
  return fromKey(`seed:${seed}`);
}
