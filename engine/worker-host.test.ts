import * as tf from '@tensorflow/tfjs-core';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker } from './protocol.ts';
import { isTerminal, MAX_WARM_MS } from './protocol.ts';
import { figureById } from './registry.ts';
import type { FigureSpec, Frame, Params } from './spec.ts';
import { nodeTf } from './tf-node.ts';
import { messageYield } from './message-yield.ts';
import { createHost, type HostOptions, type SpecSource } from './worker-host.ts';
import { nodeAsset } from './assets-node.ts';
import { fromWire, wirePort, type WireMessage } from './wire.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const log = { finallyRan: 0 };

function fakeSpec(id: string, frames: number, opts: { throwAt?: number } = {}): FigureSpec {
  return {
    id,
    title: id,
    chapter: 'test',
    source: { kind: 'ours', text: 'test' },
    iterative: true,
    params: [{ kind: 'number', name: 'n', label: 'n', doc: 'count', min: 0, max: 10, step: 1, default: 1 }],
    deterministic: false,
    overlay: 'none',
    panels: [{ name: 'main', title: 'test', x: { label: 'x' }, y: { label: 'y' } }],
    kinds: { sim: { role: 'simulation', style: 'line', label: 'simulation' } },
    summaryLabels: {},
    test: {},
    tolerances: {},
    departures: [],
    describe: (f) => `step ${f.step}`,
    async *run(params: Params, ctx) {
      try {
        for (let i = 1; i <= frames; i++) {
          if (ctx.cancelled()) return;
          if (i === opts.throwAt) throw new Error('boom');
          const frame: Frame = {
            id,
            params,
            series: [{ name: 's', kind: 'sim', group: 'g', points: [[i, i]] }],
            summary: {},
            checks: [],
            progress: i / frames,
            step: i,
            status: i === frames ? 'done' : 'running',
            notes: [],
          };
          yield frame;
        }
      } finally {
        log.finallyRan++;
      }
    },
  };
}

/** A first frame that takes 40 chunks of 10 ms of synchronous work, reporting progress after each. */
function slowFirstFrame(id: string): FigureSpec {
  const base = fakeSpec(id, 1);
  return {
    ...base,
    async *run(params: Params, ctx) {
      for (let i = 1; i <= 40; i++) {
        const until = Date.now() + 10;
        while (Date.now() < until) {
          // busy: a long synchronous chunk, as a big matrix product would be
        }
        await ctx.progress?.(i / 40);
        if (ctx.cancelled()) return;
      }
      yield* base.run(params, ctx);
    },
  };
}

const specs = new Map<string, FigureSpec>([
  ['slow-first', slowFirstFrame('slow-first')],
  ...figureById,
  ['endless', fakeSpec('endless', 1e9)],
  ['short', fakeSpec('short', 3)],
  ['throws', fakeSpec('throws', 5, { throwAt: 2 })],
]);

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/**
 * A host on one end of a real MessageChannel (so every message is structured-cloned), messages collected on the
 * other. With `wire`, messages travel as the engine worker sends them to the page (packed, engine/wire.ts).
 */
function setup(source: SpecSource = specs, opts: Partial<HostOptions> = {}, wire = false) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const received: FromWorker[] = [];
  const waiters: (() => void)[] = [];
  port2.on('message', (m: WireMessage) => {
    received.push(wire ? fromWire(m) : (m as FromWorker));
    for (const w of waiters.splice(0)) w();
  });
  const port = wire ? wirePort((m, transfer) => port1.postMessage(m, transfer)) : port1;
  const host = createHost(port, { tf, specs: source, ...opts });
  const until = (pred: () => boolean, ms = 20000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(received.map((m) => m.type))}`)), ms);
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  const terminals = (runId: number) => received.filter((m) => isTerminal(m) && m.runId === runId);
  const settle = () => new Promise((r) => setTimeout(r, 50));
  return { host, received, until, terminals, settle };
}

/** Frames of run `runId` received after its 'cancelled' message (none expected). */
function framesAfterCancel(received: readonly FromWorker[], runId: number): number {
  const at = received.findIndex((m) => m.type === 'cancelled' && m.runId === runId);
  return received.slice(at).filter((m) => m.type === 'frame' && m.runId === runId).length;
}

describe('worker host protocol', () => {
  it('loads specs through an async loader (as the worker does) and reports ids it cannot load', async () => {
    const loaded: string[] = [];
    const { host, received, until, terminals } = setup(async (id) => {
      loaded.push(id);
      return specs.get(id);
    });
    host.handle({ type: 'run', runId: 1, slot: 'a', figureId: 'short', params: {} });
    host.handle({ type: 'run', runId: 2, slot: 'b', figureId: 'no-such-figure', params: {} });
    await until(() => terminals(1).length > 0 && terminals(2).length > 0);
    expect(loaded.sort()).toEqual(['no-such-figure', 'short']);
    expect(terminals(1).map((m) => m.type)).toEqual(['done']);
    expect(terminals(2)).toEqual([{ type: 'error', runId: 2, message: 'Unknown figure "no-such-figure".' }]);
    expect(received.filter((m) => m.type === 'frame' && m.runId === 1)).toHaveLength(3);
  });

  it('prepares a figure (loads its code) without answering, whether or not it loads', async () => {
    const loaded: string[] = [];
    const { host, received, settle } = setup(async (id) => {
      loaded.push(id);
      if (id === 'broken') throw new Error('chunk failed to load');
      return specs.get(id);
    });
    host.handle({ type: 'prepare', figureId: 'short' });
    host.handle({ type: 'prepare', figureId: 'no-such-figure' });
    host.handle({ type: 'prepare', figureId: 'broken' });
    host.handle({ type: 'prepare' });
    await settle();
    expect(loaded).toEqual(['short', 'no-such-figure', 'broken']);
    expect(received).toEqual([]);
    expect(host.activeRuns()).toBe(0);
  });

  it('runs a real figure: frames, then exactly one done with the final frame and its description', async () => {
    const { host, received, until, terminals, settle } = setup();
    host.handle({ type: 'run', runId: 1, slot: 'a', figureId: 'saxe-phase-portrait', params: { steps: 40 } });
    await until(() => terminals(1).length > 0);
    await settle();
    expect(terminals(1).map((m) => m.type)).toEqual(['done']);
    const frames = received.filter((m) => m.type === 'frame');
    expect(frames.length).toBeGreaterThan(5);
    const done = received[received.length - 1] as Extract<FromWorker, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.frame.status).toBe('done');
    expect(done.frame.description).toMatch(/Gradient descent on one mode/);
    expect(done.ms).toBeGreaterThanOrEqual(0);
    expect(host.activeRuns()).toBe(0);
  });

  it('sends the frames of a real figure packed, as the worker does, and the page reads the same frames bit for bit', async () => {
    const runOnce = async (wire: boolean) => {
      const { host, received, until, terminals } = setup(specs, {}, wire);
      host.handle({ type: 'run', runId: 1, slot: 'a', figureId: 'saxe-phase-portrait', params: { steps: 40 } });
      await until(() => terminals(1).length > 0);
      return received.filter((m) => m.type === 'frame' || m.type === 'done') as Extract<FromWorker, { frame: Frame }>[];
    };
    const plain = await runOnce(false);
    const packed = await runOnce(true);
    expect(packed.map((m) => m.type)).toEqual(plain.map((m) => m.type));
    expect(plain.length).toBeGreaterThan(5);
    const points = (m: Extract<FromWorker, { frame: Frame }>) => m.frame.series.flatMap((s) => s.points.flat());
    packed.forEach((m, i) => {
      const a = points(plain[i]);
      const b = points(m);
      expect(b.length).toBe(a.length);
      // Object.is: -0 and NaN count (the figure is deterministic: the same input gives the same bits).
      expect(b.every((v, j) => Object.is(v, a[j]))).toBe(true);
      expect(m.frame.series.every((s) => Array.isArray(s.points) && s.points.every((p) => Array.isArray(p) && p.length === 2))).toBe(true);
      const rest = (x: Extract<FromWorker, { frame: Frame }>) => ({ ...x, ms: 0, frame: { ...x.frame, series: x.frame.series.map((s) => ({ ...s, points: [] })) } });
      expect(rest(m)).toEqual(rest(plain[i]));
    });
  });

  it('passes clamping notes into the frames', async () => {
    const { host, received, until, terminals } = setup();
    host.handle({ type: 'run', runId: 2, slot: 'a', figureId: 'short', params: { n: 99 } });
    await until(() => terminals(2).length > 0);
    const done = received.find((m) => m.type === 'done') as Extract<FromWorker, { type: 'done' }>;
    expect(done.frame.notes.join(' ')).toMatch(/above the maximum; set to 10/);
  });

  it('cancels mid-run: one cancelled message, no frames after it, the generator cleaned up', async () => {
    const { host, received, until, terminals, settle } = setup();
    const before = log.finallyRan;
    host.handle({ type: 'run', runId: 3, slot: 'a', figureId: 'endless', params: {} });
    await until(() => received.filter((m) => m.type === 'frame').length >= 3);
    host.handle({ type: 'cancel', runId: 3 });
    await until(() => terminals(3).length > 0);
    await settle();
    expect(terminals(3).map((m) => m.type)).toEqual(['cancelled']);
    expect(received[received.length - 1].type).toBe('cancelled');
    expect(log.finallyRan).toBe(before + 1);
    expect(host.activeRuns()).toBe(0);
  });

  it('cancels a real tensor-backed figure mid-run without leaking tensors', async () => {
    const { host, received, until, terminals, settle } = setup();
    const before = tf.memory().numTensors;
    host.handle({ type: 'run', runId: 4, slot: 'a', figureId: 'saxe-mode-curves', params: { treeDepth: 3, features: 50, hiddenUnits: 8, steps: 400 } });
    await until(() => received.filter((m) => m.type === 'frame').length >= 2);
    host.handle({ type: 'cancel', runId: 4 });
    await until(() => terminals(4).length > 0);
    await settle();
    expect(terminals(4).map((m) => m.type)).toEqual(['cancelled']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("with the worker's message yield (engine/message-yield.ts): a cancel mid-run and a new run in the same slot are handled between frames", async () => {
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    const { host, received, until, terminals, settle } = setup(specs, {
      yieldToEvents: messageYield(
        () => channel.port2.postMessage(0),
        (onMessage) => channel.port1.on('message', onMessage),
      ),
    });
    host.handle({ type: 'run', runId: 40, slot: 'a', figureId: 'endless', params: {} });
    await until(() => received.filter((m) => m.type === 'frame' && m.runId === 40).length >= 3);
    host.handle({ type: 'cancel', runId: 40 });
    await until(() => terminals(40).length > 0);
    host.handle({ type: 'run', runId: 41, slot: 'a', figureId: 'endless', params: {} });
    await until(() => received.some((m) => m.type === 'frame' && m.runId === 41));
    host.handle({ type: 'run', runId: 42, slot: 'a', figureId: 'short', params: {} });
    await until(() => terminals(41).length > 0 && terminals(42).length > 0);
    await settle();
    expect(terminals(40).map((m) => m.type)).toEqual(['cancelled']);
    expect(terminals(41).map((m) => m.type)).toEqual(['cancelled']);
    expect(terminals(42).map((m) => m.type)).toEqual(['done']);
    expect(framesAfterCancel(received, 40)).toBe(0);
    expect(host.activeRuns()).toBe(0);
  });

  it('a second run in the same slot cancels the first; only the latest yields done', async () => {
    const { host, received, until, terminals, settle } = setup();
    host.handle({ type: 'run', runId: 5, slot: 'fig', figureId: 'endless', params: {} });
    await until(() => received.some((m) => m.type === 'frame' && m.runId === 5));
    host.handle({ type: 'run', runId: 6, slot: 'fig', figureId: 'short', params: {} });
    // A run in another slot is unaffected.
    host.handle({ type: 'run', runId: 7, slot: 'other', figureId: 'short', params: {} });
    await until(() => terminals(5).length > 0 && terminals(6).length > 0 && terminals(7).length > 0);
    await settle();
    expect(terminals(5).map((m) => m.type)).toEqual(['cancelled']);
    expect(terminals(6).map((m) => m.type)).toEqual(['done']);
    expect(terminals(7).map((m) => m.type)).toEqual(['done']);
    expect(framesAfterCancel(received, 5)).toBe(0);
  });

  it('reports an unknown figure and a throwing spec as error, once each', async () => {
    const { host, received, until, terminals, settle } = setup();
    host.handle({ type: 'run', runId: 8, slot: 'a', figureId: 'nope', params: {} });
    host.handle({ type: 'run', runId: 9, slot: 'b', figureId: 'throws', params: {} });
    await until(() => terminals(8).length > 0 && terminals(9).length > 0);
    await settle();
    const e8 = terminals(8);
    const e9 = terminals(9);
    expect(e8.map((m) => m.type)).toEqual(['error']);
    expect((e8[0] as Extract<FromWorker, { type: 'error' }>).message).toMatch(/Unknown figure "nope"/);
    expect(e9.map((m) => m.type)).toEqual(['error']);
    expect((e9[0] as Extract<FromWorker, { type: 'error' }>).message).toBe('boom');
    expect(received.filter((m) => m.type === 'frame' && m.runId === 9).length).toBe(1);
  });

  it('reports progress inside a long first frame, throttled and rising, before the frame', async () => {
    const { host, received, until, terminals } = setup();
    const t0 = performance.now();
    host.handle({ type: 'run', runId: 20, slot: 'a', figureId: 'slow-first', params: {} });
    await until(() => terminals(20).length > 0);
    const elapsed = performance.now() - t0;
    const firstFrame = received.findIndex((m) => m.type === 'frame');
    const progress = received.slice(0, firstFrame).filter((m): m is Extract<FromWorker, { type: 'progress' }> => m.type === 'progress');
    // At least 400 ms of work in 40 calls, one message per 100 ms at most.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 1);
    const values = progress.map((m) => m.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.every((v) => v > 0 && v <= 1)).toBe(true);
    expect(terminals(20).map((m) => m.type)).toEqual(['done']);
  });

  /**
   * The real figures whose first frame takes seconds at their maxima report progress inside it (in Node:
   * tachet-modes 27 s CPU with every number at its maximum, saxe-mode-delay 4.7 s, tachet-phase-diagram
   * 3.6 s, saxe-random-spectra 1.5 s, saxe-edge-of-chaos 1.2 s); saxe-init-depth's first depth is quick, but
   * a deep one at a long step budget takes seconds, so it reports within each depth. Here at small
   * settings, with every report passed on (progressEveryMs 0): each reports before the frame named (the
   * first; init-depth's and mode-delay's second), in 0..1, never going back, and not past that frame's own progress.
   * engine/figures/corners.test.ts holds every corner to "a first frame over 2 s CPU reported progress".
   */
  it.each([
    ['tachet-modes', {}, 0],
    ['saxe-random-spectra', {}, 0],
    ['saxe-edge-of-chaos', {}, 0],
    ['saxe-mode-delay', {}, 1], // its first frame is the start (step 0), drawn at once; the training comes after
    ['tachet-phase-diagram', {}, 0],
    ['saxe-init-depth', { threshold: 0.001 }, 1],
  ] as [string, Params, number][])('%s reports progress inside a long frame', async (id, extra, index) => {
    const { host, received, until, terminals } = setup(specs, { progressEveryMs: 0, asset: nodeAsset });
    host.handle({ type: 'run', runId: 30, slot: 'a', figureId: id, params: { ...figureById.get(id)!.test, ...extra } });
    await until(() => terminals(30).length > 0, 60_000);
    expect(terminals(30).map((m) => m.type)).toEqual(['done']);
    const frames = received.flatMap((m, i) => (m.type === 'frame' ? [i] : []));
    expect(frames.length).toBeGreaterThan(index);
    const from = index ? frames[index - 1] : 0;
    const values = received.slice(from, frames[index]).flatMap((m) => (m.type === 'progress' ? [m.progress] : []));
    expect(values.length, `${id}: progress reports before frame ${index}`).toBeGreaterThanOrEqual(2);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    const at = (i: number) => (received[i] as Extract<FromWorker, { type: 'frame' }>).frame.progress;
    expect(values[values.length - 1]).toBeLessThanOrEqual(at(frames[index]));
    if (index) expect(values[0]).toBeGreaterThanOrEqual(at(frames[index - 1]));
  }, 90_000);

  it('lets a cancel arrive during a long first frame', async () => {
    const { host, received, until, terminals, settle } = setup();
    host.handle({ type: 'run', runId: 21, slot: 'a', figureId: 'slow-first', params: {} });
    await until(() => received.some((m) => m.type === 'progress' && m.runId === 21));
    host.handle({ type: 'cancel', runId: 21 });
    await until(() => terminals(21).length > 0);
    await settle();
    expect(terminals(21).map((m) => m.type)).toEqual(['cancelled']);
    expect(received.some((m) => m.type === 'frame' && m.runId === 21)).toBe(false);
  });

  it('a warm-up run sends nothing but its end (cancelled, even when it finished)', async () => {
    const { host, received, until, terminals } = setup();
    host.handle({ type: 'run', runId: 40, slot: 'a', figureId: 'short', params: {}, warmMs: 1000 });
    host.handle({ type: 'run', runId: 41, slot: 'b', figureId: 'slow-first', params: {}, warmMs: 2000 });
    await until(() => terminals(40).length > 0 && terminals(41).length > 0);
    expect(received).toEqual([
      { type: 'cancelled', runId: 40 },
      { type: 'cancelled', runId: 41 },
    ]);
    expect(host.activeRuns()).toBe(0);
  });

  it('a warm-up stops when its time is up, inside long work too', async () => {
    let clock = 0;
    let chunks = 0;
    const counting: FigureSpec = {
      ...fakeSpec('counting', 1),
      async *run(_params, ctx) {
        // 10 ms of (fake) work per chunk, checking for a stop after each, as the real figures do.
        for (let i = 0; i < 1000 && !ctx.cancelled(); i++) {
          clock += 10;
          chunks++;
        }
        yield* fakeSpec('counting', 1000).run({}, ctx);
      },
    };
    const { host, received, until, terminals } = setup(new Map([['counting', counting]]), { now: () => clock });
    host.handle({ type: 'run', runId: 42, slot: 'a', figureId: 'counting', params: {}, warmMs: 250 });
    await until(() => terminals(42).length > 0);
    expect(chunks).toBe(26); // 260 ms > 250: stopped at the first check past its time
    expect(received).toEqual([{ type: 'cancelled', runId: 42 }]);
  });

  it("a reader's run in the same slot ends the warm-up at once; a warmMs that is not a time is a reader's run", async () => {
    const { host, received, until, terminals } = setup();
    host.handle({ type: 'run', runId: 43, slot: 'a', figureId: 'endless', params: {}, warmMs: 5000 });
    host.handle({ type: 'run', runId: 44, slot: 'a', figureId: 'short', params: {} });
    host.handle({ type: 'run', runId: 45, slot: 'b', figureId: 'short', params: {}, warmMs: -1 });
    host.handle({ type: 'run', runId: 46, slot: 'c', figureId: 'short', params: {}, warmMs: '100' });
    await until(() => [43, 44, 45, 46].every((id) => terminals(id).length > 0));
    expect(terminals(43).map((m) => m.type)).toEqual(['cancelled']);
    expect(received.filter((m) => m.type === 'frame' && m.runId === 43)).toEqual([]);
    for (const id of [44, 45, 46]) {
      expect(terminals(id).map((m) => m.type)).toEqual(['done']);
      expect(received.filter((m) => m.type === 'frame' && m.runId === id)).toHaveLength(3);
    }
  });

  it('a warm-up longer than MAX_WARM_MS is cut to it', async () => {
    let clock = 0;
    const { host, received, until, terminals } = setup(specs, { now: () => (clock += 100) });
    host.handle({ type: 'run', runId: 47, slot: 'a', figureId: 'endless', params: {}, warmMs: 1e9 });
    await until(() => terminals(47).length > 0);
    expect(received).toEqual([{ type: 'cancelled', runId: 47 }]);
    expect(clock).toBeGreaterThan(MAX_WARM_MS);
    expect(clock).toBeLessThan(MAX_WARM_MS + 2000);
  });

  it('ignores malformed messages', async () => {
    const { host, received, settle } = setup();
    for (const junk of [null, 'run', 42, {}, { type: 'run' }, { type: 'run', runId: 'x', slot: 'a', figureId: 'short', params: {} }, { type: 'cancel' }, { type: 'run', runId: 1.5, slot: 'a', figureId: 'short', params: {} }, { type: 'run', runId: 1, slot: 'a', figureId: 'short', params: null }]) {
      host.handle(junk);
    }
    host.handle({ type: 'cancel', runId: 12345 }); // unknown run: nothing happens
    await settle();
    expect(received).toEqual([]);
    expect(host.activeRuns()).toBe(0);
  });
});
