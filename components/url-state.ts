/** A figure's state in the page URL: `?<figure-id>.<param>=<value>`, restored on load. */
import { fromSearch, sanitize, toSearchEntries } from '../engine/params.ts';
import type { FigureMeta, Params } from '../engine/spec.ts';

export function readUrlState(meta: FigureMeta, href: string) {
  const raw = fromSearch(meta.id, new URL(href).searchParams);
  const { params, notes } = sanitize(meta, raw);
  return { params, notes, present: Object.keys(raw).length > 0 };
}

/** The page URL with this figure's entries replaced (other figures' entries are kept). */
export function urlWithState(meta: FigureMeta, params: Params, href: string, hash?: string): string {
  const url = new URL(href);
  for (const k of [...url.searchParams.keys()]) if (k.startsWith(`${meta.id}.`)) url.searchParams.delete(k);
  for (const [k, v] of toSearchEntries(meta, params)) url.searchParams.append(k, v);
  if (hash !== undefined) url.hash = hash;
  return url.toString();
}
