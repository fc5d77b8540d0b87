/**
 * Typed messages between the page and the engine worker.
 * Every run has an id; each run ends with exactly one terminal message: done, cancelled or error.
 */
import type { Frame, Params } from './spec.ts';

export type ToWorker =
  /** `slot` names the figure instance on the page; a new run in a slot cancels the slot's previous run. */
  | {
      type: 'run';
      runId: number;
      slot: string;
      figureId: string;
      params: Params;
      /**
       * A warm-up, not a reader's run: it sends no frames or progress, only its terminal message, and stops
       * (cancelled) after this many ms. It makes the engine compile and size the figure's code before a reader's
       * first change. A run in the same slot ends it, and the page cancels it when a reader's run starts anywhere.
       */
      warmMs?: number;
    }
  | { type: 'cancel'; runId: number }
  /** A figure is on the page: load its code now, so that its first run does not wait for it. */
  | { type: 'prepare'; figureId: string };

export type FromWorker =
  | { type: 'ready'; backend: string; note?: string }
  | { type: 'frame'; runId: number; frame: Frame }
  /** How far a run has got between frames (a long first frame): 0..1. */
  | { type: 'progress'; runId: number; progress: number }
  | { type: 'done'; runId: number; frame: Frame; ms: number }
  | { type: 'cancelled'; runId: number }
  | { type: 'error'; runId: number; message: string };

/** The longest warm-up a page may ask for (ms); a longer one is cut to this. */
export const MAX_WARM_MS = 5000;

export type TerminalType = 'done' | 'cancelled' | 'error';

export function isTerminal(m: FromWorker): m is Extract<FromWorker, { type: TerminalType }> {
  return m.type === 'done' || m.type === 'cancelled' || m.type === 'error';
}

/** Validate an incoming message to the worker (it crosses a trust boundary: anything may arrive). */
export function parseToWorker(data: unknown): ToWorker | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'cancel' && Number.isInteger(m.runId)) return { type: 'cancel', runId: m.runId as number };
  if (m.type === 'prepare' && typeof m.figureId === 'string') return { type: 'prepare', figureId: m.figureId };
  if (
    m.type === 'run' &&
    Number.isInteger(m.runId) &&
    typeof m.slot === 'string' &&
    typeof m.figureId === 'string' &&
    typeof m.params === 'object' &&
    m.params !== null
  ) {
    // A warm-up asks for some time: never more than MAX_WARM_MS, and a number that is not a time is no warm-up.
    const warm = typeof m.warmMs === 'number' && m.warmMs > 0 ? { warmMs: Math.min(m.warmMs, MAX_WARM_MS) } : {};
    return { type: 'run', runId: m.runId as number, slot: m.slot, figureId: m.figureId, params: m.params as Params, ...warm };
  }
  return null;
}
