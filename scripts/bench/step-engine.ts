/** The engine's reference step (engine/nn/relu-logistic.ts) as a bench StepImpl: it reads the loss back every step, like the op-for-op form. */
import type * as TF from '@tensorflow/tfjs-core';
import { reluLogisticNet } from '../../engine/nn/relu-logistic.ts';
import { D, H, LEARNING_RATE, N, type StepImpl, type Workload } from './workload.ts';

export function makeEngineStep(tf: typeof TF, w: Workload, lr = LEARNING_RATE): StepImpl {
  const net = reluLogisticNet(tf, { ...w, n: N, d: D, h: H }, lr);
  return {
    step() {
      const loss = net.step();
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    },
    dispose: () => net.dispose(),
  };
}
