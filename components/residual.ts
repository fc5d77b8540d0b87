/**
 * The residual read-out: the largest gap between simulation and theory that the run's summary
 * reports (entries named like "max |simulation − eq. (12)| / s", "… drift …" or "… residual …").
 */
import type { Frame } from '../engine/spec.ts';
import { fmt } from './format.ts';

const RESIDUAL = /residual|drift|deviation|\|[^|]*−[^|]*\|/i;

export function residualText(frame: Pick<Frame, 'summary'>): string {
  let best: [string, number] | null = null;
  for (const [k, v] of Object.entries(frame.summary)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || !RESIDUAL.test(k)) continue;
    if (!best || Math.abs(v) > Math.abs(best[1])) best = [k, v];
  }
  return best ? `Largest gap to theory: ${best[0]} = ${fmt(best[1], 3)}` : '';
}
