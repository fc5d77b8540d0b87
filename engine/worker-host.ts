/**
 * The engine side of the worker protocol, independent of the Worker global so that it runs under
 * Node's MessageChannel in tests. Runs interleave at frame boundaries; the latest run in a slot wins.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { FromWorker, ToWorker } from './protocol.ts';
import { parseToWorker } from './protocol.ts';
import { sanitize } from './params.ts';
import { settled } from './run.ts';
import type { AssetLoader, FigureSpec, Frame } from './spec.ts';
import type { KernelHelper } from './nn/kernel-helper.ts';

export interface Port {
  postMessage(m: FromWorker): void;
}

/** Finds a spec by id: a map, or an async loader (the worker loads each figure's code on first use). */
export type SpecSource = ReadonlyMap<string, FigureSpec> | ((id: string) => Promise<FigureSpec | undefined>);

export interface HostOptions {
  tf: typeof TF;
  specs: SpecSource;
  /** Give the event loop a turn so cancel messages can arrive between frames. */
  yieldToEvents?: () => Promise<void>;
  now?: () => number;
  asset?: AssetLoader;
  /** The helper worker for batched networks (RunContext.kernelHelper), if this host has one. */
  kernelHelper?: () => KernelHelper | null;
  /** Least time between two progress messages of a run, ms (default 100). */
  progressEveryMs?: number;
}

interface Active {
  runId: number;
  slot: string;
  cancelled: boolean;
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));

export function createHost(port: Port, opts: HostOptions) {
  const bySlot = new Map<string, Active>();
  const byId = new Map<number, Active>();
  const yieldToEvents = opts.yieldToEvents ?? defaultYield;
  const now = opts.now ?? (() => performance.now());

  const findSpec = (id: string) => (typeof opts.specs === 'function' ? opts.specs(id) : opts.specs.get(id));

  async function execute(msg: Extract<ToWorker, { type: 'run' }>): Promise<void> {
    const previous = bySlot.get(msg.slot);
    if (previous) previous.cancelled = true;
    const active: Active = { runId: msg.runId, slot: msg.slot, cancelled: false };
    bySlot.set(msg.slot, active);
    byId.set(msg.runId, active);
    const t0 = now();
    const finish = (m: FromWorker) => {
      byId.delete(msg.runId);
      if (bySlot.get(msg.slot) === active) bySlot.delete(msg.slot);
      port.postMessage(m);
    };
    try {
      const spec = await findSpec(msg.figureId);
      if (!spec) throw new Error(`Unknown figure "${msg.figureId}".`);
      const { params, notes } = sanitize(spec, msg.params);
      // Progress from inside long work: at most one message (and one turn of the event loop, so that a
      // cancel can arrive) per progressEveryMs; the frames themselves carry progress too.
      let lastProgress = now();
      // A warm-up stops itself when its time is up (at its next progress report or frame), and ends as
      // cancelled even when it finishes: it has nothing to show.
      const warm = msg.warmMs;
      const stopped = () => {
        if (warm !== undefined && now() - t0 > warm) active.cancelled = true;
        return active.cancelled;
      };
      const progress = async (fraction: number) => {
        if (stopped() || now() - lastProgress < (opts.progressEveryMs ?? 100)) return;
        lastProgress = now();
        if (warm !== undefined) return yieldToEvents();
        const p = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
        port.postMessage({ type: 'progress', runId: msg.runId, progress: p });
        await yieldToEvents();
      };
      const ctx = { tf: opts.tf, cancelled: stopped, asset: opts.asset, progress, kernelHelper: opts.kernelHelper };
      let last: Frame | null = null;
      // Let a cancel that is already queued arrive before any work starts.
      await yieldToEvents();
      if (active.cancelled) return finish({ type: 'cancelled', runId: msg.runId });
      const gen = spec.run(params, ctx);
      for (;;) {
        const r = await gen.next();
        if (r.done) break;
        last = notes.length ? { ...r.value, notes: [...notes, ...r.value.notes] } : r.value;
        last.description = spec.describe(last);
        if (stopped()) break;
        if (warm === undefined) port.postMessage({ type: 'frame', runId: msg.runId, frame: last });
        lastProgress = now();
        await yieldToEvents();
        if (active.cancelled) break;
      }
      if (active.cancelled || warm !== undefined) {
        await gen.return(undefined);
        return finish({ type: 'cancelled', runId: msg.runId });
      }
      if (!last) throw new Error(`${msg.figureId} produced no result.`);
      finish({ type: 'done', runId: msg.runId, frame: settled(last), ms: now() - t0 });
    } catch (e) {
      finish({ type: 'error', runId: msg.runId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  return {
    handle(data: unknown): void {
      const msg = parseToWorker(data);
      if (!msg) return;
      if (msg.type === 'cancel') {
        const a = byId.get(msg.runId);
        if (a) a.cancelled = true;
        return;
      }
      // Nothing to answer: a figure that cannot load says so when it runs.
      if (msg.type === 'prepare') return void Promise.resolve(findSpec(msg.figureId)).catch(() => {});
      void execute(msg);
    },
    activeRuns(): number {
      return byId.size;
    },
  };
}
