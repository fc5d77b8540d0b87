/**
 * The life of a figure as an explicit state machine; `data-state` on <ld-figure> mirrors it.
 *
 *   static ──mount──▶ loading ──ready──▶ ready ──run──▶ running ──finish──▶ done
 *                        │                               │  ▲  └──diverge──▶ diverged
 *                        └──run──▶ running               │  └──run (done, diverged, error, running)
 *   any ──fail──▶ error ──retry/run──▶ running           ├──fail──▶ error
 *                                                        └──cancel──▶ ready (the reader stopped it)
 *
 * An event that the current state does not accept is a programming error and throws, so a wrong
 * order (e.g. "done" before the final frame was drawn) fails loudly in the tests.
 */
export type FigureState = 'static' | 'loading' | 'ready' | 'running' | 'done' | 'diverged' | 'error';
export type FigureEvent = 'mount' | 'ready' | 'run' | 'finish' | 'diverge' | 'fail' | 'retry' | 'cancel';

const TABLE: Record<FigureState, Partial<Record<FigureEvent, FigureState>>> = {
  static: { mount: 'loading', fail: 'error' },
  loading: { ready: 'ready', run: 'running', fail: 'error' },
  ready: { ready: 'ready', run: 'running', fail: 'error' },
  running: { ready: 'running', run: 'running', finish: 'done', diverge: 'diverged', fail: 'error', cancel: 'ready' },
  done: { ready: 'done', run: 'running', fail: 'error' },
  diverged: { ready: 'diverged', run: 'running', fail: 'error' },
  error: { mount: 'loading', ready: 'error', run: 'running', retry: 'running', fail: 'error' },
};

export function nextState(state: FigureState, event: FigureEvent): FigureState {
  const to = TABLE[state][event];
  if (!to) throw new Error(`Figure state machine: "${event}" is not allowed in state "${state}".`);
  return to;
}
