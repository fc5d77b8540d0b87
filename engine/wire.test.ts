import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { FromWorker } from './protocol.ts';
import type { Frame } from './spec.ts';
import { fromWire, toWire, type WireMessage } from './wire.ts';

// Values a structured clone of doubles must keep exactly: signed zero, subnormals, the extremes, non-finite.
const awkward = [0, -0, 5e-324, -1.7976931348623157e308, 0.1 + 0.2, Math.PI, Infinity, -Infinity, NaN];

function frame(): Frame {
  return {
    id: 'test',
    params: { n: 3, init: 'small' },
    series: [
      { name: 'cloud', kind: 'sim', group: 'g', panel: 'main', points: awkward.map((v, i) => [i, v]) },
      { name: 'mirror', kind: 'sim', group: 'g', points: awkward.map((v, i) => [v, -i]) },
      { name: 'none', kind: 'rule', group: '', points: [] },
    ],
    summary: { a: 1, b: [1, null], c: 'word' },
    checks: [{ label: 'gap', value: 1e-9, against: 'eq. (1)', tolerance: 1e-6 }],
    progress: 0.5,
    step: 7,
    status: 'running',
    notes: ['a note'],
    description: 'text',
    kernel: 'wasm-simd',
  };
}

/** Object.is on every number: tells -0 from 0 and sees NaN, which toEqual would blur. */
function sameBits(a: Frame, b: Frame) {
  expect(b.series.map((s) => s.points.length)).toEqual(a.series.map((s) => s.points.length));
  a.series.forEach((s, i) => s.points.forEach((p, j) => p.forEach((v, k) => expect(Object.is(b.series[i].points[j][k], v)).toBe(true))));
  expect({ ...b, series: b.series.map((s) => ({ ...s, points: [] })) }).toEqual({ ...a, series: a.series.map((s) => ({ ...s, points: [] })) });
}

describe('frames on the wire', () => {
  it('packs each series into one Float64Array, transfers its buffer, and leaves the frame given unchanged', () => {
    const f = frame();
    const before = structuredClone(f);
    const { message, transfer } = toWire({ type: 'frame', runId: 4, frame: f });
    expect(message.type).toBe('frame');
    const packed = (message as Extract<WireMessage, { type: 'frame' }>).frame.series;
    expect(packed.every((s) => s.points instanceof Float64Array)).toBe(true);
    expect(packed.map((s) => s.points.length)).toEqual([18, 18, 0]);
    // The buffers transferred are the message's own (toEqual cannot tell ArrayBuffers apart: it compares identity).
    expect(transfer).toHaveLength(packed.length);
    transfer.forEach((b, i) => expect(b).toBe(packed[i].points.buffer));
    sameBits(before, f);
    expect(f.series[0].points).toBeInstanceOf(Array);
  });

  it('gives the page the engine’s frame bit for bit, through a real message port with transfer', async () => {
    for (const type of ['frame', 'done'] as const) {
      const m: FromWorker = type === 'frame' ? { type, runId: 1, frame: frame() } : { type, runId: 1, frame: frame(), ms: 12.5 };
      const { port1, port2 } = new MessageChannel();
      const got = new Promise<WireMessage>((r) => port2.once('message', r));
      const { message, transfer } = toWire(m);
      port1.postMessage(message, transfer);
      const back = fromWire(await got);
      port1.close();
      // Transferred, not copied: the message's own arrays are detached on this side.
      const sent = (message as Extract<WireMessage, { type: 'frame' | 'done' }>).frame.series;
      expect(sent.length).toBe(3);
      expect(sent.every((s) => s.points.byteLength === 0)).toBe(true);
      expect(back.type).toBe(type);
      sameBits((m as { frame: Frame }).frame, (back as { frame: Frame }).frame);
      if (back.type === 'done') expect(back.ms).toBe(12.5);
    }
  });

  it('passes messages without a frame, and frames already unpacked, through unchanged', () => {
    const others: Exclude<FromWorker, { frame: Frame }>[] = [
      { type: 'ready', backend: 'wasm' },
      { type: 'progress', runId: 2, progress: 0.25 },
      { type: 'cancelled', runId: 2 },
      { type: 'error', runId: 2, message: 'no' },
    ];
    for (const m of others) {
      expect(toWire(m)).toEqual({ message: m, transfer: [] });
      expect(fromWire(m)).toBe(m);
    }
    for (const junk of [null, 7, 'frame']) expect(fromWire(junk as unknown as WireMessage)).toBe(junk);
    const plain: FromWorker = { type: 'frame', runId: 3, frame: frame() };
    sameBits(plain.frame, (fromWire(plain as unknown as WireMessage) as { frame: Frame }).frame);
  });
});
