/**
 * The query-string keys of a figure's state, in a module of its own so that the page-load element
 * (figure-element.ts) can test for them without pulling in parameter validation.
 * Parameters are `<figure-id>.<param>` (engine/params.ts toSearchEntries); a paused step is `<figure-id>:step`.
 */
export const stepKey = (id: string) => `${id}:step`;

export function isFigureKey(id: string, key: string): boolean {
  return key.startsWith(`${id}.`) || key === stepKey(id);
}

/** Whether a query string carries any entry for this figure (a parameter or a paused step). */
export function hasFigureState(id: string, search: URLSearchParams): boolean {
  return [...search.keys()].some((k) => isFigureKey(id, k));
}

/**
 * Presenter mode from the address bar: `?present=<figure-id>`, or a bare `?present` on a page with one
 * figure (a figure's own page).
 */
export function presentRequested(id: string, search: URLSearchParams): boolean {
  const v = search.get('present');
  return v === id || (v === '' && document.querySelectorAll('ld-figure').length === 1);
}
