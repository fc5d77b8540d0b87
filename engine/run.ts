/** Driving a spec's run to its end, the one way the CLI and build-time rendering do it (the worker streams instead). */
import type { FigureSpec, Frame, Params, RunContext } from './spec.ts';

/** A run's result is its last frame; a spec may leave that frame 'running', which then means 'done'. */
export function settled(last: Frame): Frame {
  return last.status === 'running' ? { ...last, status: 'done' } : last;
}

export async function runToCompletion(spec: FigureSpec, params: Params, ctx: RunContext): Promise<Frame> {
  let last: Frame | null = null;
  for await (const f of spec.run(params, ctx)) last = f;
  if (!last) throw new Error(`${spec.id} produced no result.`);
  return settled(last);
}
