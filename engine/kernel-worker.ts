/**
 * The helper worker (module worker, started by the engine worker, engine/worker.ts): trains its share of a
 * figure's batched networks on our kernel, on a second core (engine/nn/kernel-helper.ts). No TensorFlow.js.
 */
import { messageYield } from './message-yield.ts';
import type { Endpoint } from './nn/kernel-helper.ts';
import { serveKernel } from './nn/kernel-helper.ts';

// Yield by a message to ourselves between chunks of steps (no timer clamp), so that a stop can arrive.
const channel = new MessageChannel();
const yieldToEvents = messageYield(
  () => channel.port2.postMessage(0),
  (onMessage) => (channel.port1.onmessage = onMessage),
);
serveKernel(self as unknown as Endpoint, yieldToEvents);
