/**
 * Shared pieces of the figure specs: the seed descriptor, typed parameter access, divergence checks,
 * sampling helpers and number formatting for generated captions.
 */
import type { ChoiceParam, Frame, NumberParam, Params, Series, Summary } from '../spec.ts';

/** Every figure has a seed; everything random in a run derives from it (no Math.random). */
export function seedParam(doc = 'Seeds the data and the initial weights; the same seed gives the same curves.'): NumberParam {
  return { kind: 'number', name: 'seed', label: 'Seed', doc, min: 0, max: 999999, step: 1, default: 1, integer: true };
}

export function num(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`Parameter ${name} should be a number, got ${String(v)}.`);
  return v;
}

export function str(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new Error(`Parameter ${name} should be a string, got ${String(v)}.`);
  return v;
}

/** Fraction of examples whose output has the sign of their ±1 label. */
export function signAccuracy(out: ArrayLike<number>, y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (out[i] * y[i] > 0) ok++;
  return ok / y.length;
}

/** Magnitude past which a run counts as exploded even though it is still finite. */
export const EXPLODED = 1e6;

/** True when a value is NaN, infinite, or beyond `limit` in magnitude. */
export function blownUp(x: number, limit = EXPLODED): boolean {
  return !Number.isFinite(x) || Math.abs(x) > limit;
}

export function anyBlownUp(xs: ArrayLike<number>, limit = EXPLODED): boolean {
  for (let i = 0; i < xs.length; i++) if (blownUp(xs[i], limit)) return true;
  return false;
}

/** Record every `stride` steps so that a run of `steps` gives about `target` points. */
export function strideFor(steps: number, target: number): number {
  return Math.max(1, Math.ceil(steps / target));
}

/** The one number formatter (engine/format.ts), re-exported for the specs' captions. */
export { fmt } from '../format.ts';

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** "Seven" for 7, "15" for 15. */
export function countWord(n: number, capital = false): string {
  const w = n < WORDS.length ? WORDS[n] : String(n);
  return capital ? w[0].toUpperCase() + w.slice(1) : w;
}

/** A copy of the series, so a yielded frame does not change when the run appends points later. */
export function snapshot(series: Series[]): Series[] {
  return series.map((s) => ({ ...s, points: s.points.slice() }));
}

export function makeFrame<S extends Summary>(
  id: string,
  params: Params,
  fields: Pick<Frame<S>, 'series' | 'summary' | 'progress' | 'step' | 'status' | 'notes'> & Partial<Pick<Frame<S>, 'checks' | 'kernel'>>,
): Frame<S> {
  return { id, params: { ...params }, checks: [], ...fields };
}

/**
 * The time at which a sampled curve first reaches `level`, interpolated linearly in
 * logit(u/s) = ln(u/(s − u)) (exactly linear in t for eq. (12)), or NaN if it never does.
 */
export function crossingTime(ts: ArrayLike<number>, us: ArrayLike<number>, level: number, s: number): number {
  for (let i = 0; i < us.length; i++) {
    if (us[i] >= level) {
      if (i === 0) return ts[0];
      const u0 = us[i - 1];
      const u1 = us[i];
      const logit = (u: number) => Math.log(u / (s - u));
      if (u0 > 0 && u1 < s && u0 < s) {
        const l0 = logit(u0);
        const l1 = logit(u1);
        const f = (logit(level) - l0) / (l1 - l0);
        if (Number.isFinite(f)) return ts[i - 1] + f * (ts[i] - ts[i - 1]);
      }
      const f = (level - u0) / (u1 - u0);
      return ts[i - 1] + f * (ts[i] - ts[i - 1]);
    }
  }
  return NaN;
}

/** The loss of the classification figures (Tachet chapters): summed over examples, a function of the margin. */
export function lossParam(doc: string): ChoiceParam {
  return {
    kind: 'choice',
    name: 'loss',
    label: 'Loss',
    doc,
    options: [
      { value: 'logistic', label: 'logistic (cross-entropy)' },
      { value: 'hinge', label: 'hinge' },
      { value: 'squared', label: 'squared' },
    ],
    default: 'logistic',
  };
}
