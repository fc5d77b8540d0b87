/** The reference workload in Node: tfjs cpu backend, tfjs wasm backend (if it loads), and Float64 loops. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { timeSteps, type StepTiming } from './measure.ts';
import { makeF64Step } from './step-f64.ts';
import { makeTfStep } from './step-tf.ts';
import { makeWorkload } from './workload.ts';

export async function benchReferenceNode(): Promise<StepTiming[]> {
  const w = makeWorkload();
  const out: StepTiming[] = [];
  // Production mode only silences tfjs's advice to install tfjs-node.
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
  out.push(timeSteps('Node · tfjs cpu', makeTfStep(tf, w)));
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      out.push(timeSteps('Node · tfjs wasm', makeTfStep(tf, w)));
    }
  } catch (e) {
    console.warn(`Node wasm backend unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
  out.push(timeSteps('Node · TypeScript Float64 loops', makeF64Step(w)));
  return out;
}
