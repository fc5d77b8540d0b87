/** Float64 matrices to float32 tensors (the network runs in float32; the analytic side in Float64). */
import type * as TF from '@tensorflow/tfjs-core';
import type { Matrix } from '../linalg.ts';

export function toTensor2d(tf: typeof TF, m: Matrix): TF.Tensor2D {
  return tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], 'float32');
}

/** Stack B equally shaped matrices into a B × rows × cols tensor (a batch of networks). */
export function toTensor3d(tf: typeof TF, ms: readonly Matrix[]): TF.Tensor3D {
  const { rows, cols } = ms[0];
  const data = new Float32Array(ms.length * rows * cols);
  ms.forEach((m, i) => {
    if (m.rows !== rows || m.cols !== cols) throw new Error('toTensor3d: shapes differ');
    data.set(m.data, i * rows * cols);
  });
  return tf.tensor3d(data, [ms.length, rows, cols], 'float32');
}
