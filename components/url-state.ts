/**
 * A figure's state in the page URL: `?<figure-id>.<param>=<value>` for every parameter that differs
 * from its default, and `<figure-id>:step=<n>` when the reader paused at a training step before the
 * end. Restored on load; written only when the reader changes something.
 */
import { fromSearch, sanitize, toSearchEntries } from '../engine/params.ts';
import type { FigureMeta, Params } from '../engine/spec.ts';
import { isFigureKey, stepKey } from './url-keys.ts';

export interface UrlState {
  params: Params;
  notes: string[];
  /** The URL held state for this figure (parameters or a step). */
  present: boolean;
  /** Paused at this step, if the link pins one. */
  step?: number;
}


export function readUrlState(meta: FigureMeta, href: string): UrlState {
  const search = new URL(href).searchParams;
  const raw = fromSearch(meta.id, search);
  const { params, notes } = sanitize(meta, raw);
  const stepRaw = search.get(stepKey(meta.id));
  let step: number | undefined;
  if (stepRaw !== null) {
    if (meta.iterative && /^\d{1,9}$/.test(stepRaw)) step = Number(stepRaw);
    else notes.push(`Paused step ${JSON.stringify(stepRaw.slice(0, 40))} is not a whole number of steps of this figure; the run plays to its end.`);
  }
  // A link whose entries all repair to the defaults shows the static default: nothing to run.
  const differs = meta.params.some((d) => params[d.name] !== d.default);
  return { params, notes, present: differs || step !== undefined, ...(step !== undefined ? { step } : {}) };
}

/** The page URL with this figure's entries replaced (other figures' entries are kept). */
export function urlWithState(meta: FigureMeta, params: Params, href: string, opts: { step?: number; hash?: string } = {}): string {
  const url = new URL(href);
  for (const k of [...url.searchParams.keys()]) if (isFigureKey(meta.id, k)) url.searchParams.delete(k);
  for (const [k, v] of toSearchEntries(meta, params)) url.searchParams.append(k, v);
  if (opts.step !== undefined) url.searchParams.set(stepKey(meta.id), String(opts.step));
  if (opts.hash !== undefined) url.hash = opts.hash;
  return url.toString();
}
