/**
 * B three-layer networks trained on two cores where a helper is at hand (engine/nn/kernel-helper.ts): this worker
 * trains the first half on our kernel, the helper the second half, and read(t) joins their readings in network
 * order. Without a helper, without WebAssembly SIMD or with one network, it is the plain trainer. If the helper
 * fails mid-run, this worker trains the second half itself from the start up to the current step, then goes on:
 * slower, and the same bits.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { gemmModule } from '../wasm/gemm.ts';
import type { HelperRun, KernelHelper, RecordSchedule } from './kernel-helper.ts';
import { isRecordTime } from './kernel-helper.ts';
import type { ThreeLayerSetup, ThreeLayerTrainer } from './three-layer-trainer.ts';
import { threeLayerTrainer } from './three-layer-trainer.ts';

type Read = ReturnType<ThreeLayerTrainer['read']>;

/** Steps of the catch-up after a helper failure between two turns of the event loop. */
const CATCH_UP_CHUNK = 64;

export interface SplitTrainer {
  readonly kernel: ThreeLayerTrainer['kernel'];
  /** Whether a helper trains part of the networks now (false from the reading where it failed). */
  readonly split: boolean;
  step(): void;
  /** Readings of every network at step t, which must be a time of the schedule (and the current step). */
  read(t: number): Promise<Read>;
  dispose(): void;
}

function join(a: Read, b: Read): Read {
  const strengths = new Float32Array(a.strengths.length + b.strengths.length);
  strengths.set(a.strengths);
  strengths.set(b.strengths, a.strengths.length);
  const loss = new Float32Array(a.loss.length + b.loss.length);
  loss.set(a.loss);
  loss.set(b.loss, a.loss.length);
  return { strengths, loss };
}

export function splitThreeLayer(tf: typeof TF, setup: ThreeLayerSetup, schedule: RecordSchedule, helper?: KernelHelper | null): SplitTrainer {
  const B = setup.nets.length;
  if (!helper?.alive || B < 2 || !gemmModule()) {
    const t = threeLayerTrainer(tf, setup);
    return { kernel: t.kernel, split: false, step: () => t.step(), read: async () => t.read(), dispose: () => t.dispose() };
  }
  const h = Math.ceil(B / 2);
  const restSetup: ThreeLayerSetup = { ...setup, nets: setup.nets.slice(h) };
  const local = threeLayerTrainer(tf, { ...setup, nets: setup.nets.slice(0, h) }, 'wasm-simd');
  let remote: HelperRun | null = helper.start(restSetup, schedule);
  /** The second half, trained here after the helper failed. */
  let rest: ThreeLayerTrainer | null = null;
  let steps = 0;

  async function readRest(t: number): Promise<Read> {
    if (remote) {
      try {
        const r = await remote.next();
        if (r.t !== t) throw new Error(`the helper read step ${r.t}, not ${t}`);
        return r;
      } catch {
        remote.stop();
        remote = null;
        const caughtUp = threeLayerTrainer(tf, restSetup, 'wasm-simd');
        // Catch up in chunks, giving the worker's other messages a turn (half a run's steps can take a while).
        for (let s = 0; s < steps; s++) {
          caughtUp.step();
          if (s % CATCH_UP_CHUNK === CATCH_UP_CHUNK - 1) await new Promise((r) => setTimeout(r, 0));
        }
        rest = caughtUp;
      }
    }
    return rest!.read();
  }

  return {
    kernel: local.kernel,
    get split() {
      return remote !== null;
    },
    step() {
      local.step();
      rest?.step();
      steps++;
    },
    async read(t) {
      if (t !== steps || !isRecordTime(t, schedule)) throw new Error(`splitThreeLayer: read at step ${t} (trained ${steps}), off the schedule`);
      const mine = local.read();
      return join(mine, await readRest(t));
    },
    dispose() {
      local.dispose();
      rest?.dispose();
      remote?.stop();
      remote = null;
    },
  };
}
