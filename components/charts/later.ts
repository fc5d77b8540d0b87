/**
 * Work a mark's render transform can leave until after Plot.plot returns, so that a live frame does it in tasks of
 * its own (renderChartSlices in render.ts) instead of in one long one. Outside `collectLater` (tests, a mark drawn
 * by Plot directly) `later` runs the work at once, so the output never depends on who draws it.
 */
type Work = () => void;

/** Where `later` puts work: the innermost `collectLater` under way (null: none, run at once). */
let sink: Work[] | null = null;

/** Run `fn` after the current Plot.plot call when someone collects the work, else now. */
export function later(fn: Work): void {
  if (sink) sink.push(fn);
  else fn();
}

/** Call `fn`, collecting the work that `later` is given meanwhile: `fn`'s result, and that work, in order, not yet done. */
export function collectLater<T>(fn: () => T): [T, Work[]] {
  const outer = sink;
  const work: Work[] = [];
  sink = work;
  try {
    return [fn(), work];
  } finally {
    sink = outer;
  }
}
