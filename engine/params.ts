/**
 * Parameter hygiene: defaults, validation with clamping, and the URL encoding of a figure's state.
 * Every boundary (URL, worker message, CLI flag) goes through `sanitize`.
 */
import type { FigureSpec, ParamDescriptor, ParamValue, Params } from './spec.ts';

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

function roundToStep(d: Extract<ParamDescriptor, { kind: 'number' }>, v: number): number {
  if (d.integer) return Math.round(v);
  return v;
}

/** Turn one raw value (string from a URL or CLI, or any JSON value) into a valid value, or report why not. */
export function coerce(d: ParamDescriptor, raw: unknown): { value: ParamValue; note?: string } {
  const shown = typeof raw === 'string' ? JSON.stringify(raw.slice(0, 40)) : String(raw);
  if (d.kind === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(n)) {
      return { value: d.default, note: `${d.label}: ${shown} is not a number; using the default ${d.default}.` };
    }
    let v = roundToStep(d, n);
    if (v < d.min) return { value: d.min, note: `${d.label}: ${n} is below the minimum; clamped to ${d.min}.` };
    if (v > d.max) return { value: d.max, note: `${d.label}: ${n} is above the maximum; clamped to ${d.max}.` };
    if (v !== n) return { value: v, note: `${d.label}: ${n} rounded to ${v}.` };
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
  if (typeof v === 'number') return String(Number(v.toPrecision(12)));
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
  const raw: Record<string, string> = {};
  for (const [k, v] of search) if (k.startsWith(prefix)) raw[k.slice(prefix.length)] = v;
  return raw;
}

/** Parse `--set name=value` style pairs (CLI). Throws on a malformed pair. */
export function parseAssignments(pairs: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`Expected name=value, got "${p}".`);
    raw[p.slice(0, i)] = p.slice(i + 1);
  }
  return raw;
}
