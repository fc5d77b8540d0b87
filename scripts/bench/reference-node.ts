/**
 * The reference workload in Node: the engine's step (engine/nn/relu-logistic.ts) and the same step op for op
 * (scripts/bench/step-tf.ts), on the tfjs wasm backend (if it loads) and the cpu backend, and Float64 loops.
 * The two tfjs forms alternate, so a busy machine slows both alike.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { timeSteps, type StepTiming } from './measure.ts';
import { compareForms } from './compare.ts';
import { makeF64Step } from './step-f64.ts';
import { makeWorkload } from './workload.ts';

export async function benchReferenceNode(): Promise<StepTiming[]> {
  const w = makeWorkload();
  const out: StepTiming[] = [];
  // Production mode only silences tfjs's advice to install tfjs-node.
  tf.env().set('PROD', true);
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      out.push(...compareForms(tf, w, 'Node · tfjs wasm'));
    }
  } catch (e) {
    console.warn(`Node wasm backend unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  out.push(...compareForms(tf, w, 'Node · tfjs cpu', 1));
  out.push(timeSteps('Node · TypeScript Float64 loops', makeF64Step(w)));
  return out;
}
