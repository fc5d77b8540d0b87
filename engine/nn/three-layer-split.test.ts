import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Matrix } from '../linalg.ts';
import { createRng } from '../rng.ts';
import { nodeTf } from '../tf-node.ts';
import { gaussianMatrix } from './orthogonal.ts';
import type { Endpoint, KernelHelper, RecordSchedule } from './kernel-helper.ts';
import { isRecordTime, kernelHelper, serveKernel } from './kernel-helper.ts';
import { channelHelper as channel, nextTurn } from './kernel-helper-channel.ts';
import { splitThreeLayer } from './three-layer-split.ts';
import type { ThreeLayerSetup } from './three-layer-trainer.ts';
import { threeLayerTrainer } from './three-layer-trainer.ts';
import type { Activation } from './three-layer.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const open: { close(): void }[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const turn = nextTurn;

function channelHelper(): ReturnType<typeof channel> {
  const c = channel();
  open.push(c);
  return c;
}

function setup(B: number, activation: Activation, seed = 1): ThreeLayerSetup {
  const rng = createRng(seed);
  const P = 8;
  const N2 = 8;
  const r = 12;
  const K = 3;
  const unit: Matrix = { rows: r, cols: K, data: Float64Array.from({ length: r * K }, (_, q) => (Math.floor(q / K) === q % K ? 1 : 0)) };
  const nets = Array.from({ length: B }, (_, b) => {
    const g = rng.fork(`net/${b}`);
    return { W21: gaussianMatrix(N2, P, g.fork('W21'), 0.1), W32: gaussianMatrix(r, N2, g.fork('W32'), 0.1), Y: gaussianMatrix(P, r, g.fork('Y'), 1), U: unit };
  });
  return { nets, V: gaussianMatrix(P, K, rng.fork('V'), 1), activation, learningRate: 0.05 };
}

/** Readings at every schedule time up to `until`, on two cores where `helper` is given. */
async function readings(s: ThreeLayerSetup, schedule: RecordSchedule, helper: KernelHelper | null, until = schedule.last) {
  const t = splitThreeLayer(tf, s, schedule, helper);
  const out: { strengths: number[]; loss: number[] }[] = [];
  const split: boolean[] = [];
  try {
    for (let step = 0; step <= until; step++) {
      if (step > 0) t.step();
      if (!isRecordTime(step, schedule)) continue;
      const r = await t.read(step);
      out.push({ strengths: [...r.strengths], loss: [...r.loss] });
      split.push(t.split);
    }
  } finally {
    t.dispose();
  }
  return { out, split };
}

/** The same networks on one trainer (no helper), read at the same times. */
function alone(s: ThreeLayerSetup, schedule: RecordSchedule) {
  const t = threeLayerTrainer(tf, s, 'wasm-simd');
  const out: { strengths: number[]; loss: number[] }[] = [];
  for (let step = 0; step <= schedule.last; step++) {
    if (step > 0) t.step();
    if (!isRecordTime(step, schedule)) continue;
    const r = t.read();
    out.push({ strengths: [...r.strengths], loss: [...r.loss] });
  }
  return out;
}

describe('batched three-layer networks on two cores (a helper trains the second half)', () => {
  const schedule = { every: 4, last: 30 };

  it('the record times: 0, every multiple of `every`, and the last step', () => {
    const times = Array.from({ length: 31 }, (_, t) => t).filter((t) => isRecordTime(t, schedule));
    expect(times).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 30]);
  });

  for (const activation of ['linear', 'tanh'] as const) {
    it(`gives the same bits as one trainer for all the networks (${activation}, B = 5: 3 here, 2 on the helper)`, async () => {
      const s = setup(5, activation);
      const { helper } = channelHelper();
      const { out, split } = await readings(s, schedule, helper);
      expect(split.every(Boolean)).toBe(true);
      expect(out).toEqual(alone(s, schedule)); // exact: the same kernel, the same order of operations
      expect(out[0].loss.length).toBe(5);
      expect(out[0].strengths.length).toBe(15);
      expect(out[out.length - 1].loss[4]).toBeLessThan(out[0].loss[4]); // the helper's networks did train
    });
  }

  it('a helper that fails mid-run: this worker trains the rest from the start, and the readings do not change', async () => {
    const s = setup(4, 'linear');
    const ch = new MessageChannel();
    open.push(ch.port1, ch.port2);
    // The helper's side, failing its job after three readings.
    let sent = 0;
    const port1 = ch.port1 as unknown as Endpoint;
    const failing: Endpoint = {
      postMessage(m, transfer) {
        if (++sent === 4) return port1.postMessage({ type: 'error', id: (m as { id: number }).id, message: 'out of memory' });
        port1.postMessage(m, transfer);
      },
      addEventListener: port1.addEventListener.bind(port1),
      start: () => port1.start?.(),
    };
    serveKernel(failing, turn);
    const { out, split } = await readings(s, schedule, kernelHelper(ch.port2 as unknown as Endpoint));
    expect(split.slice(0, 3)).toEqual([true, true, true]);
    expect(split.slice(3).every((x) => !x)).toBe(true);
    expect(out).toEqual(alone(s, schedule));
  });

  it('a helper worker that did not load: every run trains here, with the same readings', async () => {
    const listeners: ((ev: unknown) => void)[] = [];
    const posted: unknown[] = [];
    const broken: Endpoint = {
      postMessage: (m) => posted.push(m),
      addEventListener: (type: string, fn: (ev: never) => void) => {
        if (type === 'error') listeners.push(fn as (ev: unknown) => void);
      },
    };
    const helper = kernelHelper(broken);
    let prevented = false;
    for (const fn of listeners) fn({ message: 'Failed to fetch', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    const s = setup(3, 'tanh');
    const { out, split } = await readings(s, schedule, helper);
    expect(split.every((x) => !x)).toBe(true);
    expect(out).toEqual(alone(s, schedule));
    expect(posted).toEqual([]); // nothing sent to a dead worker
  });

  it('stop() ends the helper’s job: it trains no further than a chunk or two past the reader', async () => {
    const { helper, served } = channelHelper();
    const sent: number[] = [];
    const post = served.postMessage.bind(served);
    served.postMessage = (m, transfer) => {
      sent.push((m as { t: number }).t);
      post(m, transfer);
    };
    const long = { every: 1, last: 10_000 };
    const { out } = await readings(setup(2, 'linear'), long, helper, 5); // reads to step 5, then disposes: stop
    expect(out.length).toBe(6);
    for (let i = 0; i < 50; i++) await turn();
    const after = sent.length;
    for (let i = 0; i < 50; i++) await turn();
    expect(sent.length).toBe(after); // stopped: nothing more comes
    // It runs ahead of the reader by a few chunks of 8 steps before it sees the stop, never on to the end.
    expect(Math.max(...sent)).toBeLessThan(100);
  });

  it('overlapping jobs (a rerun while the last run waits) take turns on the helper; both get all their readings', async () => {
    const { helper } = channelHelper();
    const a = setup(4, 'linear', 1);
    const b = setup(4, 'tanh', 2);
    const [ra, rb] = await Promise.all([readings(a, schedule, helper), readings(b, schedule, helper)]);
    expect(ra.split.every(Boolean) && rb.split.every(Boolean)).toBe(true);
    expect(ra.out).toEqual(alone(a, schedule));
    expect(rb.out).toEqual(alone(b, schedule));
  });

  it('a helper that goes silent: after the stall time the run trains here, with the same readings, and later runs do not ask it', async () => {
    const posted: unknown[] = [];
    const silent: Endpoint = { postMessage: (m) => posted.push(m), addEventListener: () => {} };
    const helper = kernelHelper(silent, 50);
    expect(helper.alive).toBe(true);
    const s = setup(3, 'linear');
    const { out, split } = await readings(s, schedule, helper);
    expect(split.every((x) => !x)).toBe(true);
    expect(out).toEqual(alone(s, schedule));
    expect(helper.alive).toBe(false);
    const later = splitThreeLayer(tf, s, schedule, helper);
    expect(later.split).toBe(false);
    later.dispose();
    expect(posted.filter((m) => (m as { type: string }).type === 'train').length).toBe(1);
  });

  it('a message from the helper that cannot be read marks it dead: the runs go on here', async () => {
    const listeners = new Map<string, (ev: unknown) => void>();
    const port: Endpoint = { postMessage: () => {}, addEventListener: (type: string, fn: (ev: never) => void) => listeners.set(type, fn as (ev: unknown) => void) };
    const helper = kernelHelper(port);
    const s = setup(2, 'linear');
    const t = splitThreeLayer(tf, s, schedule, helper);
    const first = t.read(0);
    listeners.get('messageerror')!({});
    const r = await first;
    expect(helper.alive).toBe(false);
    expect(t.split).toBe(false);
    expect([...r.loss]).toEqual(alone(s, schedule)[0].loss);
    t.dispose();
  });

  it('refuses a read off the schedule (it would pair readings of different steps)', async () => {
    const { helper } = channelHelper();
    const t = splitThreeLayer(tf, setup(2, 'linear'), schedule, helper);
    t.step();
    await expect(t.read(1)).rejects.toThrow(/off the schedule/);
    t.dispose();
  });

  it('one network, or no helper: the plain trainer', async () => {
    const { helper } = channelHelper();
    for (const t of [splitThreeLayer(tf, setup(1, 'linear'), schedule, helper), splitThreeLayer(tf, setup(3, 'linear'), schedule, null)]) {
      expect(t.split).toBe(false);
      t.dispose();
    }
  });
});
