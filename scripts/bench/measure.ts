/** Time a step function: warm-up, then the median (and spread) of single-step times. Runs in Node and in a worker. */
import { FLOP_PER_STEP, type StepImpl } from './workload.ts';

export interface StepTiming {
  name: string;
  msPerStep: number;
  minMs: number;
  maxMs: number;
  gflops: number;
  steps: number;
  /** Loss before the first step and after the last one: implementations should agree (float32 vs float64). */
  lossFirst: number;
  lossLast: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function timeSteps(name: string, impl: StepImpl, { warmup = 5, steps = 30 } = {}): StepTiming {
  const lossFirst = impl.step();
  for (let i = 1; i < warmup; i++) impl.step();
  const times: number[] = [];
  let lossLast = NaN;
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    lossLast = impl.step();
    times.push(performance.now() - t0);
  }
  impl.dispose();
  const ms = median(times);
  return {
    name,
    msPerStep: ms,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    gflops: FLOP_PER_STEP / (ms * 1e6),
    steps,
    lossFirst,
    lossLast,
  };
}
