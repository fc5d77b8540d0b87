/**
 * Frames as they cross from the engine worker to the page. Each series' points travel as one Float64Array
 * (x₀, y₀, x₁, y₁, …) whose buffer is transferred. A frame of nested [x, y] arrays is decoded by the page's
 * structured clone value by value, on the main thread (saxe-mode-delay streams 63 frames of up to 3200 points);
 * the page now rebuilds the pairs itself from one array, several times faster (63 such frames in headless Chromium
 * at 4× CPU throttling: 123–325 ms of message handling as pairs, 19–75 ms packed). Float64 holds every number bit
 * for bit, so the page gets the frame the engine made. Everything else in a message is sent as it is.
 */
import type { FromWorker } from './protocol.ts';
import type { Frame, Series } from './spec.ts';
import type { Port } from './worker-host.ts';

export type WireSeries = Omit<Series, 'points'> & { points: Float64Array };
export type WireFrame = Omit<Frame, 'series'> & { series: WireSeries[] };

type Packed<M> = M extends { frame: Frame } ? Omit<M, 'frame'> & { frame: WireFrame } : M;
/** A message from the engine worker as posted: a frame's points packed. */
export type WireMessage = Packed<FromWorker>;

function packSeries(s: Series): WireSeries {
  const xy = new Float64Array(2 * s.points.length);
  s.points.forEach(([x, y], i) => {
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  });
  return { ...s, points: xy };
}

function unpackSeries(s: WireSeries | Series): Series {
  const xy = s.points;
  if (!(xy instanceof Float64Array)) return s as Series;
  const points = new Array<[number, number]>(xy.length >> 1);
  for (let i = 0; i < points.length; i++) points[i] = [xy[2 * i], xy[2 * i + 1]];
  return { ...s, points };
}

/** The message to post and the buffers to transfer with it. The message given is not changed. */
export function toWire(m: FromWorker): { message: WireMessage; transfer: ArrayBuffer[] } {
  if (!('frame' in m)) return { message: m, transfer: [] };
  const series = m.frame.series.map(packSeries);
  return { message: { ...m, frame: { ...m.frame, series } }, transfer: series.map((s) => s.points.buffer as ArrayBuffer) };
}

/** The message as the engine made it. A frame whose points are already pairs passes through. */
export function fromWire(m: WireMessage): FromWorker {
  if (typeof m !== 'object' || m === null || !('frame' in m) || !Array.isArray(m.frame?.series)) return m as FromWorker;
  return { ...m, frame: { ...m.frame, series: m.frame.series.map(unpackSeries) } } as FromWorker;
}

/** The host's port over a `postMessage` that can transfer: every message goes out packed. */
export function wirePort(post: (m: WireMessage, transfer: ArrayBuffer[]) => void): Port {
  return {
    postMessage(m: FromWorker) {
      const { message, transfer } = toWire(m);
      post(message, transfer);
    },
  };
}
