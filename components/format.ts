/** Number formatting shared by controls, captions, tables and exports. */
import type { NumberParam, ParamDescriptor, ParamValue } from '../engine/spec.ts';

export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(0, digits - 2)).replace('e+', 'e');
  return String(Number(v.toPrecision(digits)));
}

export function fmtParam(d: ParamDescriptor, v: ParamValue): string {
  if (d.kind === 'choice') return d.options.find((o) => o.value === v)?.label ?? String(v);
  if (d.kind === 'boolean') return v ? 'on' : 'off';
  const s = fmt(Number(v));
  return d.unit ? `${s} ${d.unit}` : s;
}

/** Slider position for a value: log-scale sliders move in log10 space. */
export function toSlider(d: NumberParam, v: number): number {
  return d.scale === 'log' ? Math.log10(v) : v;
}

export function fromSlider(d: NumberParam, pos: number): number {
  if (d.scale !== 'log') return d.integer ? Math.round(pos) : pos;
  // Round to 3 significant digits so log sliders give readable values and short URLs.
  return Number((10 ** pos).toPrecision(3));
}

/** Integer parameters with a wide range (seeds, step counts) get a number box instead of a slider. */
export function usesNumberBox(d: NumberParam): boolean {
  return !!d.integer && d.max - d.min > 400 && d.scale !== 'log';
}
