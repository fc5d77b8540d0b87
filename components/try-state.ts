/**
 * A "What to try" suggestion as a figure state: validated against the figure's descriptors at build
 * time (an unknown figure or parameter, or a value a control cannot show, fails the build) and written
 * with the controls' own labels and formatted values.
 */
import { fmtParam } from '../engine/format.ts';
import { coerce } from '../engine/params.ts';
import type { FigureMeta, Params, ParamValue } from '../engine/spec.ts';

export interface TryState {
  figure: string;
  /** The parameters that differ from the defaults; every other one is at its default. */
  set: Params;
  /** Pause at this training step (the frame at or just after it). */
  step?: number;
}

export function checkTryState(meta: FigureMeta | undefined, id: string, set: Record<string, ParamValue>, step?: number): Params {
  if (!meta) throw new Error(`<Try>: unknown figure "${id}".`);
  const out: Params = {};
  for (const [k, v] of Object.entries(set)) {
    const d = meta.params.find((p) => p.name === k);
    if (!d) throw new Error(`<Try figure="${id}">: unknown parameter "${k}" (known: ${meta.params.map((p) => p.name).join(', ')}).`);
    const c = coerce(d, v);
    if (c.note || c.value !== v) throw new Error(`<Try figure="${id}">: ${k} = ${String(v)} cannot be set with the control (${c.note ?? 'wrong type'}).`);
    out[k] = v;
  }
  if (step !== undefined && (!meta.iterative || !Number.isInteger(step) || step < 0)) {
    throw new Error(`<Try figure="${id}">: step ${step} needs an iterative figure and a whole number of steps.`);
  }
  return out;
}

/** "a₁ = 0.01, b₁ = 0.01" (or "the defaults"), with the controls' labels and formatting. */
export function tryText(meta: FigureMeta, set: Params, step?: number): string {
  const parts = Object.entries(set).map(([k, v]) => {
    const d = meta.params.find((p) => p.name === k)!;
    return `${d.label} = ${fmtParam(d, v)}`;
  });
  if (step !== undefined) parts.push(`paused at step ${step}`);
  return parts.length ? parts.join(', ') : 'the defaults';
}
