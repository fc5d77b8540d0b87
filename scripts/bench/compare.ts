/** A/B of the engine's reference step against the op-for-op form on one backend: interleaved rounds, medians pooled. */
import type * as TF from '@tensorflow/tfjs-core';
import { median, timeSteps, type StepTiming } from './measure.ts';
import { makeEngineStep } from './step-engine.ts';
import { makeTfStep } from './step-tf.ts';
import type { Workload } from './workload.ts';

/** `rounds` alternating runs of each form (30 timed steps each); the row keeps the median of the round medians. */
export function compareForms(tf: typeof TF, w: Workload, where: string, rounds = 3): StepTiming[] {
  const engine: StepTiming[] = [];
  const naive: StepTiming[] = [];
  for (let r = 0; r < rounds; r++) {
    engine.push(timeSteps(`${where}, engine step`, makeEngineStep(tf, w)));
    naive.push(timeSteps(`${where}, op for op (before)`, makeTfStep(tf, w)));
  }
  return [pool(engine), pool(naive)];
}

function pool(ts: StepTiming[]): StepTiming {
  const ms = median(ts.map((t) => t.msPerStep));
  return {
    ...ts[0],
    msPerStep: ms,
    minMs: Math.min(...ts.map((t) => t.minMs)),
    maxMs: Math.max(...ts.map((t) => t.maxMs)),
    gflops: (ts[0].gflops * ts[0].msPerStep) / ms,
    steps: ts.reduce((a, t) => a + t.steps, 0),
  };
}
