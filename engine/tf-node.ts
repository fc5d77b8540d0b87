/**
 * tfjs-core for Node: the CLI, the unit tests and build-time rendering. The default is the cpu
 * backend; 'wasm' (the browser's backend, which also runs in Node) is several times faster on the
 * figures' small matrices and computes what a reader's browser computes.
 * Figure specs never import tfjs themselves: they use the `tf` they are given.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export type NodeBackend = 'cpu' | 'wasm';

let current: Promise<typeof tf> | null = null;
let currentName: NodeBackend | null = null;

export function nodeTf(backend: NodeBackend = 'cpu'): Promise<typeof tf> {
  if (current && currentName === backend) return current;
  currentName = backend;
  current = (async () => {
    // Production mode only silences tfjs's console advice ("install tfjs-node"), keeping stderr clean.
    tf.env().set('PROD', true);
    if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend(backend))) throw new Error(`The tfjs ${backend} backend could not be initialised.`);
    await tf.ready();
    return tf;
  })();
  return current;
}
