/**
 * A second core for batched three-layer networks. The engine worker trains some of a figure's B networks on our
 * kernel while a helper (a second worker in the browser, engine/kernel-worker.ts) trains the rest on the same
 * kernel, in step, and sends their readings back at the figure's record times. The networks are independent and
 * the kernel gives the same bits wherever it runs (engine/wasm/gemm.ts), so a split run gives the same frames as
 * one worker training them all.
 *
 * Both ends talk over anything with postMessage and message/error events (a Worker, a MessagePort), so that the
 * tests run them over Node's MessageChannel.
 */
import { gemmWorkspace } from '../wasm/gemm.ts';
import { SimdThreeLayer } from './three-layer-simd.ts';
import type { ThreeLayerSetup } from './three-layer-trainer.ts';

/** Readings of every network at t = 0, every multiple of `every`, and `last` (the step the run ends at, at most). */
export interface RecordSchedule {
  every: number;
  last: number;
}

export interface Reading {
  t: number;
  /** Mode strengths (network-major, K per network) and losses, as ThreeLayerTrainer.read() returns them. */
  strengths: Float32Array;
  loss: Float32Array;
}

/** One job on the helper: its readings in schedule order; stop() ends it early (the run finished or was cancelled). */
export interface HelperRun {
  next(): Promise<Reading>;
  stop(): void;
}

export interface KernelHelper {
  start(setup: ThreeLayerSetup, schedule: RecordSchedule): HelperRun;
  /** False once the helper has failed to load, crashed or stalled: callers then train everything themselves. */
  readonly alive: boolean;
}

/** The times at which a schedule reads: 0, every, 2·every, …, and last. */
export function isRecordTime(t: number, s: RecordSchedule): boolean {
  return t === 0 || t === s.last || (t < s.last && t % s.every === 0);
}

export interface Endpoint {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', fn: (ev: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', fn: (ev: unknown) => void): void;
  /** MessagePort: deliver messages to addEventListener listeners. */
  start?(): void;
}

type ToHelper = { type: 'train'; id: number; setup: ThreeLayerSetup; schedule: RecordSchedule } | { type: 'stop'; id: number };
type FromHelper = ({ type: 'reading'; id: number } & Reading) | { type: 'error'; id: number; message: string };

/** Steps between the helper's looks at its messages (a stop, another job). */
const CHECK_EVERY = 8;

/**
 * The helper's side: trains each job's networks and posts their readings. Jobs that overlap (a rerun starts while
 * the previous run waits for a reading) take turns, CHECK_EVERY steps at a time, until each ends or is stopped; a
 * job that throws posts its message.
 */
export function serveKernel(port: Endpoint, yieldToEvents: () => Promise<void>): void {
  const live = new Set<number>();
  async function train(id: number, setup: ThreeLayerSetup, schedule: RecordSchedule): Promise<void> {
    const post = (t: number, trainer: SimdThreeLayer) => {
      const { strengths, loss } = trainer.read();
      const m: FromHelper = { type: 'reading', id, t, strengths, loss };
      port.postMessage(m, [strengths.buffer as ArrayBuffer, loss.buffer as ArrayBuffer]);
    };
    try {
      const ws = gemmWorkspace();
      if (!ws) throw new Error('the helper has no WebAssembly SIMD');
      const trainer = new SimdThreeLayer(ws, setup);
      post(0, trainer);
      for (let t = 1; t <= schedule.last; t++) {
        trainer.step();
        if (isRecordTime(t, schedule)) post(t, trainer);
        if (t % CHECK_EVERY === 0) {
          await yieldToEvents();
          if (!live.has(id)) return;
        }
      }
    } catch (e) {
      const m: FromHelper = { type: 'error', id, message: e instanceof Error ? e.message : String(e) };
      port.postMessage(m);
    } finally {
      live.delete(id);
    }
  }
  port.addEventListener('message', (ev) => {
    const m = ev.data as ToHelper;
    if (m?.type === 'train') {
      live.add(m.id);
      void train(m.id, m.setup, m.schedule);
    } else if (m?.type === 'stop') live.delete(m.id);
  });
  // A job whose set-up could not be read cannot say which job it was: the engine's watchdog gives up on it.
  port.addEventListener('messageerror', () => {});
  port.start?.();
}

/** A reading that has not come this long after it was asked for means the helper has stalled (ms). */
export const STALL_MS = 10_000;

interface Pending {
  readings: Reading[];
  waiting: { resolve(r: Reading): void; reject(e: Error): void }[];
  failed: Error | null;
}

/**
 * The engine worker's side: jobs over `port`. If the helper fails (it did not load, crashed, sent what could not be
 * read, or a reading is STALL_MS late), every waiting and later next() of every job rejects with the reason, the
 * helper is no longer `alive`, and the callers train those networks themselves (three-layer-split.ts). A job that
 * throws on the helper fails alone.
 */
export function kernelHelper(port: Endpoint, stallMs = STALL_MS): KernelHelper {
  const jobs = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;
  const fail = (p: Pending, e: Error) => {
    p.failed = e;
    for (const w of p.waiting.splice(0)) w.reject(e);
  };
  const die = (why: string) => {
    if (dead) return;
    dead = new Error(`the helper worker ${why}`);
    for (const p of jobs.values()) fail(p, dead);
  };
  port.addEventListener('message', (ev) => {
    const m = ev.data as FromHelper;
    const p = jobs.get(m?.id);
    if (!p || p.failed) return; // a stopped job's last readings
    if (m.type === 'error') return fail(p, new Error(`the helper worker failed: ${m.message}`));
    const r: Reading = { t: m.t, strengths: m.strengths, loss: m.loss };
    const w = p.waiting.shift();
    if (w) w.resolve(r);
    else p.readings.push(r);
  });
  port.addEventListener('error', (ev) => {
    (ev as { preventDefault?(): void }).preventDefault?.();
    const why = (ev as { message?: string }).message;
    die(`failed to load or crashed${why ? `: ${why}` : ''}`);
  });
  port.addEventListener('messageerror', () => die('sent a message that could not be read'));
  port.start?.();
  return {
    get alive() {
      return dead === null;
    },
    start(setup, schedule) {
      const id = nextId++;
      const p: Pending = { readings: [], waiting: [], failed: dead };
      jobs.set(id, p);
      if (!dead) {
        const m: ToHelper = { type: 'train', id, setup, schedule };
        port.postMessage(m);
      }
      return {
        next: () =>
          new Promise<Reading>((resolve, reject) => {
            const r = p.readings.shift();
            if (r) return resolve(r);
            if (p.failed) return reject(p.failed);
            const timer = setTimeout(() => die(`sent no reading for ${stallMs / 1000} s`), stallMs);
            p.waiting.push({
              resolve: (x) => (clearTimeout(timer), resolve(x)),
              reject: (e) => (clearTimeout(timer), reject(e)),
            });
          }),
        stop() {
          if (!jobs.delete(id)) return;
          fail(p, new Error('stopped'));
          if (!dead) port.postMessage({ type: 'stop', id } satisfies ToHelper);
        },
      };
    },
  };
}
