/**
 * A yield to the event loop by a message to ourselves: a task with no timer clamp (a chain of setTimeout(0) is
 * clamped to 4 ms after five nested timers), queued behind messages that already arrived, so a cancel or a new
 * run from the page is handled before the run goes on. `post` sends one message to one end of a channel; `listen`
 * hears them at the other. The worker's host yields this way between frames
 * (engine/worker.ts). Resolves in the order asked.
 */
export function messageYield(post: () => void, listen: (onMessage: () => void) => void): () => Promise<void> {
  const waiting: (() => void)[] = [];
  listen(() => waiting.shift()?.());
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      post();
    });
}
