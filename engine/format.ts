/**
 * The one number formatter: controls, captions, generated descriptions, axis ticks, the data table,
 * the exports' notes and the CLI all print numbers through it, so a value reads the same everywhere.
 * Plain decimals between 1e-3 and 1e5, exponent notation outside ("1.5e-4", "2e6"), as the papers write
 * them; never SI prefixes; a true minus sign is left to typography (ASCII '-' keeps copied values parseable).
 */
import type { ParamDescriptor, ParamValue } from './spec.ts';

/** `digits` significant digits, trailing zeros dropped. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = x.toExponential(Math.max(0, digits - 1)).split('e');
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    return `${mant}e${e.replace('+', '')}`;
  }
  return String(Number(x.toPrecision(digits)));
}

/** A parameter value as the controls show it (4 significant digits: every grid value is exact). */
export function fmtParam(d: ParamDescriptor, v: ParamValue): string {
  if (d.kind === 'choice') return d.options.find((o) => o.value === v)?.label ?? String(v);
  if (d.kind === 'boolean') return v ? 'on' : 'off';
  // Integers (seeds, counts, steps) are shown whole: "123457", never "1.235e5".
  const s = d.integer ? String(v) : fmt(Number(v), 4);
  return d.unit ? `${s} ${d.unit}` : s;
}

/** Axis ticks: like `fmt`, with enough digits for tick spacings such as 0.025. */
export function fmtTick(x: number): string {
  return fmt(x, 4);
}
