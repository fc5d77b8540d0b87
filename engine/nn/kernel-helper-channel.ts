/**
 * For tests: a kernel helper served in this thread over a real MessageChannel (the browser serves it from its own
 * worker, engine/kernel-worker.ts). `served` is the helper's end, to watch or break what it sends; close() both ends.
 */
import type { Endpoint, KernelHelper } from './kernel-helper.ts';
import { kernelHelper, serveKernel } from './kernel-helper.ts';

export const nextTurn = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export function channelHelper(): { helper: KernelHelper; served: Endpoint; close(): void } {
  const ch = new MessageChannel();
  const served = ch.port1 as unknown as Endpoint;
  serveKernel(served, nextTurn);
  return {
    helper: kernelHelper(ch.port2 as unknown as Endpoint),
    served,
    close: () => {
      ch.port1.close();
      ch.port2.close();
    },
  };
}
