/**
 * Controls <-> parameter values, in the browser and at build: one mapping, so that the value shown,
 * written to the URL and run are the same number (see engine/params.ts for the grids).
 */
import { fmtParam } from '../engine/format.ts';
import { fromPosition, toPosition } from '../engine/params.ts';
import type { NumberParam, ParamDescriptor, ParamValue, Params } from '../engine/spec.ts';

/** Integer parameters with a wide range (seeds, step counts) get a number box instead of a slider. */
export function usesNumberBox(d: NumberParam): boolean {
  return !d.values && !!d.integer && d.max - d.min > 400;
}

type Input = HTMLInputElement | HTMLSelectElement;

export function inputFor(root: ParentNode, d: ParamDescriptor): Input | null {
  return root.querySelector<Input>(`[name="${CSS.escape(d.name)}"]`);
}

/** The value a control shows now, or null while a number box is being edited (empty or not a number). */
export function readControl(d: ParamDescriptor, el: Input): ParamValue | null {
  if (d.kind === 'boolean') return (el as HTMLInputElement).checked;
  if (d.kind === 'choice') return el.value;
  if (el.value.trim() === '' || !Number.isFinite(Number(el.value))) return null;
  return fromPosition(d, Number(el.value));
}

export function writeControl(d: ParamDescriptor, el: Input, v: ParamValue): void {
  if (d.kind === 'boolean') (el as HTMLInputElement).checked = Boolean(v);
  else if (d.kind === 'choice') el.value = String(v);
  else {
    el.value = String((el as HTMLInputElement).type === 'range' ? toPosition(d, Number(v)) : v);
    if ((el as HTMLInputElement).type === 'range') el.setAttribute('aria-valuetext', fmtParam(d, v));
  }
  const out = el.closest('.ld-param')?.querySelector('output');
  if (out) out.textContent = fmtParam(d, v);
}

/** Whether a control differs from what the server rendered (a change made before the controller loaded). */
export function changedFromMarkup(el: Input): boolean {
  if (el instanceof HTMLSelectElement) return [...el.options].some((o) => o.selected !== o.defaultSelected);
  if (el.type === 'checkbox') return el.checked !== el.defaultChecked;
  return el.value !== el.defaultValue;
}

export function writeAll(root: ParentNode, params: readonly ParamDescriptor[], values: Params): void {
  for (const d of params) {
    const el = inputFor(root, d);
    if (el) writeControl(d, el, values[d.name]);
  }
}
