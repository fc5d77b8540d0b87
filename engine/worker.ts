/**
 * The engine worker entry (one per page, module worker). Picks the wasm backend (single-thread SIMD
 * build; GitHub Pages cannot send the headers that threads need) and falls back to cpu.
 * One of three engine files that know about the bundler (with assets-browser.ts, `?url` assets, and
 * figure-loader.ts, `import.meta.glob`): the `?url` imports give hashed,
 * base-path-aware URLs for the .wasm files.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { messageYield } from './message-yield.ts';
import { createHost } from './worker-host.ts';
import { loadFigure } from './figure-loader.ts';
import { browserAsset } from './assets-browser.ts';
import { wirePort, type WireMessage } from './wire.ts';
import type { Endpoint, KernelHelper } from './nn/kernel-helper.ts';
import { kernelHelper } from './nn/kernel-helper.ts';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';

const scope = self as unknown as {
  postMessage(m: WireMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent) => void): void;
};

async function pickBackend(): Promise<{ backend: string; note?: string }> {
  let why = 'it did not initialise';
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      // Never used without cross-origin isolation; point it at the SIMD build so nothing else is shipped.
      'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
    });
    // setBackend resolves to false (it does not throw) when the .wasm cannot be fetched or compiled.
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { backend: 'wasm' };
    }
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  }
  return useCpu(`The WebAssembly backend is unavailable (${why}); figures run on the slower cpu backend.`);
}

async function useCpu(note?: string): Promise<{ backend: string; note?: string }> {
  await tf.setBackend('cpu');
  await tf.ready();
  return note ? { backend: 'cpu', note } : { backend: 'cpu' };
}

const ready = pickBackend();
// Messages that arrive while the backend initialises wait for it, in order.
let queue: Promise<unknown> = ready;
// Between frames the host yields so that a cancel or a new run can arrive: by a message to ourselves, not
// setTimeout(0), whose 4 ms clamp after five nested timers cost saxe-mode-delay's 61 frames about a quarter of a second.
const channel = new MessageChannel();
const yieldToEvents = messageYield(
  () => channel.port2.postMessage(0),
  (onMessage) => (channel.port1.onmessage = onMessage),
);
// The helper worker for batched networks: started on first use, kept for the page; none on one core.
let helper: KernelHelper | null | undefined;
function helperOnce(): KernelHelper | null {
  if (helper === undefined) {
    try {
      const cores = (self.navigator as { hardwareConcurrency?: number }).hardwareConcurrency ?? 1;
      const w = cores >= 2 ? new Worker(new URL('./kernel-worker.ts', import.meta.url), { type: 'module', name: 'learning-dynamics-kernel' }) : null;
      helper = w ? kernelHelper(w as unknown as Endpoint) : null;
    } catch {
      helper = null; // no nested workers here: one core it is
    }
  }
  return helper;
}
// Frames go out packed, one transferred array per series (engine/wire.ts): cheaper for the page to read.
const port = wirePort((m, transfer) => scope.postMessage(m, transfer));
const host = createHost(port, { tf, specs: loadFigure, asset: browserAsset, yieldToEvents, kernelHelper: helperOnce });

scope.addEventListener('message', (ev) => {
  queue = queue.then(() => host.handle(ev.data));
});

void ready.then(({ backend, note }) => port.postMessage({ type: 'ready', backend, note }));
