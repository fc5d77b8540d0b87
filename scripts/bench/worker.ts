/**
 * The bench worker (bundled by esbuild, run in headless Chromium as a module worker): the reference
 * workload (the engine's step and the op-for-op form, alternating) on the tfjs wasm backend (SIMD build, one thread, as readers get it), the cpu backend, and Float64 loops.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { compareForms } from './compare.ts';
import { timeSteps, type StepTiming } from './measure.ts';
import { makeF64Step } from './step-f64.ts';
import { makeWorkload } from './workload.ts';

export interface BenchRequest {
  /** URL prefix under which the tfjs-backend-wasm dist/*.wasm files are served. */
  wasmBase: string;
  /** One round on wasm and the Float64 loops only (the correctness check of e2e/reference-step.spec.ts). */
  quick?: boolean;
}
export type BenchReply = { ok: true; results: StepTiming[]; notes: string[] } | { ok: false; error: string };

const scope = self as unknown as { onmessage: (ev: MessageEvent<BenchRequest>) => void; postMessage(m: BenchReply): void };

async function run({ wasmBase, quick = false }: BenchRequest): Promise<BenchReply> {
  const w = makeWorkload();
  const results: StepTiming[] = [];
  const notes: string[] = [];
  setWasmPaths(wasmBase);
  if (await tf.setBackend('wasm')) {
    await tf.ready();
    results.push(...compareForms(tf, w, 'Chromium worker · tfjs wasm', quick ? 1 : 3));
  } else notes.push('wasm backend failed to initialise');
  if (!quick) {
    await tf.setBackend('cpu');
    await tf.ready();
    results.push(...compareForms(tf, w, 'Chromium worker · tfjs cpu', 1));
  }
  results.push(timeSteps('Chromium worker · TypeScript Float64 loops', makeF64Step(w)));
  notes.push(`crossOriginIsolated=${String((self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated)}`);
  return { ok: true, results, notes };
}

scope.onmessage = (ev) => {
  run(ev.data).then(
    (reply) => scope.postMessage(reply),
    (e: unknown) => scope.postMessage({ ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) }),
  );
};
