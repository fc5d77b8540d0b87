/** A plain Float64 implementation of one step of Saxe eq. (1): the reference the tfjs kernels are tested against. */
import type { Matrix } from '../linalg.ts';
import { matmul, transpose, zeros } from '../linalg.ts';

export function referenceStep(
  W21: Matrix,
  W32: Matrix,
  X: Matrix,
  Y: Matrix,
  lr: number,
  activation: 'linear' | 'tanh',
): { W21: Matrix; W32: Matrix } {
  const pre = matmul(X, transpose(W21)); // P×N2
  const H = zeros(pre.rows, pre.cols);
  for (let i = 0; i < H.data.length; i++) H.data[i] = activation === 'tanh' ? Math.tanh(pre.data[i]) : pre.data[i];
  const Yhat = matmul(H, transpose(W32));
  const E = zeros(Y.rows, Y.cols);
  for (let i = 0; i < E.data.length; i++) E.data[i] = Y.data[i] - Yhat.data[i];
  const G = matmul(E, W32); // P×N2
  if (activation === 'tanh') for (let i = 0; i < G.data.length; i++) G.data[i] *= 1 - H.data[i] ** 2;
  const dW32 = matmul(transpose(E), H);
  const dW21 = matmul(transpose(G), X);
  const next21 = zeros(W21.rows, W21.cols);
  const next32 = zeros(W32.rows, W32.cols);
  for (let i = 0; i < next21.data.length; i++) next21.data[i] = W21.data[i] + lr * dW21.data[i];
  for (let i = 0; i < next32.data.length; i++) next32.data[i] = W32.data[i] + lr * dW32.data[i];
  return { W21: next21, W32: next32 };
}
