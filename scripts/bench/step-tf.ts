/** The reference step with tfjs-core ops and hand-written gradients (no autodiff, no gradient tape). */
import type * as TF from '@tensorflow/tfjs-core';
import { D, H, LEARNING_RATE, N, type StepImpl, type Workload } from './workload.ts';

export function makeTfStep(tf: typeof TF, w: Workload, lr = LEARNING_RATE): StepImpl {
  const x = tf.tensor2d(Float32Array.from(w.x), [N, D]);
  const y = tf.tensor2d(Float32Array.from(w.y), [N, 1]);
  let w1: TF.Tensor = tf.tensor2d(Float32Array.from(w.w1), [D, H]);
  let b1: TF.Tensor = tf.tensor1d(Float32Array.from(w.b1));
  let w2: TF.Tensor = tf.tensor2d(Float32Array.from(w.w2), [H, 1]);
  let b2: TF.Tensor = tf.scalar(w.b2);

  function step(): number {
    const next = tf.tidy(() => {
      const z = tf.add(tf.matMul(x, w1 as TF.Tensor2D), b1);
      const h = tf.relu(z);
      const f = tf.add(tf.matMul(h as TF.Tensor2D, w2 as TF.Tensor2D), b2);
      const negMargin = tf.neg(tf.mul(y, f));
      const loss = tf.mean(tf.softplus(negMargin));
      // d loss / d f = -y σ(-y f) / N
      const gf = tf.div(tf.mul(tf.neg(y), tf.sigmoid(negMargin)), N);
      const gw2 = tf.matMul(h, gf, true, false);
      const gb2 = tf.sum(gf);
      const gz = tf.mul(tf.matMul(gf, w2, false, true), tf.step(z));
      const gw1 = tf.matMul(x, gz, true, false);
      const gb1 = tf.sum(gz, 0);
      return {
        loss,
        w1: tf.sub(w1, tf.mul(gw1, lr)),
        b1: tf.sub(b1, tf.mul(gb1, lr)),
        w2: tf.sub(w2, tf.mul(gw2, lr)),
        b2: tf.sub(b2, tf.mul(gb2, lr)),
      };
    });
    tf.dispose([w1, b1, w2, b2]);
    ({ w1, b1, w2, b2 } = next);
    // Reading the loss waits for the step to finish, so the timing covers the whole step.
    const value = next.loss.dataSync()[0];
    next.loss.dispose();
    return value;
  }

  return {
    step,
    dispose() {
      tf.dispose([x, y, w1, b1, w2, b2]);
    },
  };
}
