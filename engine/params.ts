/**
 * Parameter hygiene: defaults, validation with clamping, and the URL encoding of a figure's state.
 * Every boundary (URL, worker message, CLI flag) goes through `sanitize`.
 */
import { fmt, fmtParam } from './format.ts';
import type { FigureSpec, NumberParam, ParamDescriptor, ParamValue, Params } from './spec.ts';

export interface Sanitized {
  params: Params;
  /** Human-readable notes for every value that was clamped, rounded, or dropped. */
  notes: string[];
}

export function defaults(spec: Pick<FigureSpec, 'params'>): Params {
  const out: Params = {};
  for (const d of spec.params) out[d.name] = d.default;
  return out;
}

/** Mantissas per decade of a log grid: fine enough to reach the papers' settings, coarse enough to be read. */
export const LOG_MANTISSAS: readonly number[] = [1, 1.5, 2, 3, 5, 7];

/** Canonical form of a grid value: 12 significant digits, so that 0.1 + 0.2 lands on 0.3 exactly. */
export function canonical(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * The ascending list of values of a log control from `min` to `max`: `mantissas` × 10^k, plus `extra`
 * values (a paper's setting that is not on the grid, e.g. 0.0015) and both ends.
 */
export function logValues(min: number, max: number, extra: readonly number[] = [], mantissas: readonly number[] = LOG_MANTISSAS): number[] {
  const set = new Set<number>([canonical(min), canonical(max), ...extra.map(canonical)]);
  for (let e = Math.floor(Math.log10(min)) - 1; e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of mantissas) {
      const v = canonical(m * 10 ** e);
      if (v >= min && v <= max) set.add(v);
    }
  }
  return [...set].sort((a, b) => a - b);
}

/** The spacing of a min + k·step control (integer controls move by whole numbers, at least 1). */
export function gridStep(d: NumberParam): number {
  return d.integer ? Math.max(1, Math.round(d.step)) : d.step;
}

/** The grid value nearest to v (log distance for a listed log grid, arithmetic on min + k·step otherwise). */
export function snapToGrid(d: NumberParam, v: number): number {
  if (d.values) {
    const dist = (g: number) => (d.scale === 'log' && v > 0 ? Math.abs(Math.log(g / v)) : Math.abs(g - v));
    let best = d.values[0];
    for (const g of d.values) if (dist(g) < dist(best)) best = g;
    return best;
  }
  const step = gridStep(d);
  const k = Math.round((v - d.min) / step);
  // Rounded at the grid's own decimals, not to significant digits: −0.3 + 6·0.05 is 5.55e-17 in floating
  // point, and must be 0 (canonical() alone keeps 12 digits of the rounding error). `|| 0` turns −0 into 0.
  const dp = Math.min(20, Math.max(decimalPlaces(d.min), decimalPlaces(step)));
  return Math.min(d.max, Math.max(d.min, Number((d.min + k * step).toFixed(dp)) || 0));
}

/** Digits after the decimal point of a grid number as written (1e-7 → 7, 2.5e-3 → 4, 0.05 → 2). */
function decimalPlaces(x: number): number {
  const [mantissa, exp] = String(canonical(x)).split('e');
  const frac = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp ?? 0));
}

export function onGrid(d: NumberParam, v: number): boolean {
  return snapToGrid(d, v) === v;
}

/** Position of a value on a control: its index in `values`, or the value itself for a min + k·step slider. */
export function toPosition(d: NumberParam, v: number): number {
  return d.values ? d.values.indexOf(snapToGrid(d, v)) : v;
}

export function fromPosition(d: NumberParam, pos: number): number {
  if (d.values) return d.values[Math.min(d.values.length - 1, Math.max(0, Math.round(pos)))];
  return snapToGrid(d, pos);
}

/** Plain decimal or exponent notation only: no hex, binary, octal, blanks or "Infinity". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || !NUMBER.test(raw)) return NaN;
  return Number(raw);
}

/** Turn one raw value (string from a URL or CLI, or any JSON value) into a valid value, or report why not. */
export function coerce(d: ParamDescriptor, raw: unknown): { value: ParamValue; note?: string } {
  const shown = typeof raw === 'string' ? JSON.stringify(raw.slice(0, 40)) : String(raw);
  if (d.kind === 'number') {
    const n = parseNumber(raw);
    if (!Number.isFinite(n)) {
      return { value: d.default, note: `${d.label}: ${shown} is not a number; using the default ${fmtParam(d, d.default)}.` };
    }
    if (n < d.min) return { value: d.min, note: `${d.label}: ${fmt(n)} is below the minimum; set to ${fmtParam(d, d.min)}.` };
    if (n > d.max) return { value: d.max, note: `${d.label}: ${fmt(n)} is above the maximum; set to ${fmtParam(d, d.max)}.` };
    const v = snapToGrid(d, n);
    if (v !== n) return { value: v, note: `${d.label}: ${fmt(n)} is not one of the control's values; using the nearest, ${fmtParam(d, v)}.` };
    return { value: v };
  }
  if (d.kind === 'choice') {
    const s = typeof raw === 'string' ? raw : String(raw);
    if (d.options.some((o) => o.value === s)) return { value: s };
    return { value: d.default, note: `${d.label}: ${shown} is not one of ${d.options.map((o) => o.value).join(', ')}; using ${d.default}.` };
  }
  if (raw === true || raw === 'true' || raw === '1') return { value: true };
  if (raw === false || raw === 'false' || raw === '0') return { value: false };
  return { value: d.default, note: `${d.label}: ${shown} is not true or false; using ${d.default}.` };
}

/** Validate a whole parameter object against the descriptors. Unknown names are dropped with a note. */
export function sanitize(spec: Pick<FigureSpec, 'params' | 'id'>, raw: Record<string, unknown>): Sanitized {
  const params = defaults(spec);
  const notes: string[] = [];
  const byName = new Map(spec.params.map((d) => [d.name, d]));
  for (const [k, v] of Object.entries(raw)) {
    const d = byName.get(k);
    if (!d) {
      notes.push(`Unknown parameter "${k.slice(0, 40)}" for ${spec.id} was ignored.`);
      continue;
    }
    const c = coerce(d, v);
    params[k] = c.value;
    if (c.note) notes.push(c.note);
  }
  return { params, notes };
}

/** Shortest decimal that round-trips a float (so URLs stay readable). */
export function formatValue(v: ParamValue): string {
  if (typeof v === 'number') return String(canonical(v));
  return String(v);
}

/**
 * URL state: `?<figureId>.<param>=<value>`; only values that differ from the default are written,
 * so a link stays short and a default figure has a clean URL.
 */
export function toSearchEntries(spec: Pick<FigureSpec, 'params' | 'id'>, params: Params): [string, string][] {
  const out: [string, string][] = [];
  for (const d of spec.params) {
    const v = params[d.name];
    if (v === undefined || v === d.default) continue;
    out.push([`${spec.id}.${d.name}`, formatValue(v)]);
  }
  return out;
}

/** Read a figure's namespaced entries from a query string; returns raw values for `sanitize`. */
export function fromSearch(id: string, search: URLSearchParams): Record<string, string> {
  const prefix = `${id}.`;
  // No prototype: a key such as "__proto__" stays an ordinary (unknown, noted) entry.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of search) if (k.startsWith(prefix)) raw[k.slice(prefix.length)] = v;
  return raw;
}

/** Parse `--set name=value` style pairs (CLI). Throws on a malformed pair. */
export function parseAssignments(pairs: string[]): Record<string, string> {
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`Expected name=value, got "${p}".`);
    raw[p.slice(0, i)] = p.slice(i + 1);
  }
  return raw;
}
