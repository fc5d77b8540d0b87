/** The footer's "Backend:" text: the TensorFlow.js backend, and this site's kernel where the figure trained on it. */
import type { Frame } from '../engine/spec.ts';

export function backendLabel(backend: string, frame: Pick<Frame, 'kernel' | 'cores'>): string {
  if (frame.kernel !== 'wasm-simd') return backend;
  return `${backend}; the networks train on this site's WebAssembly SIMD kernel${frame.cores === 2 ? ', on two cores' : ''}`;
}
