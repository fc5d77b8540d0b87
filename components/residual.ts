/**
 * The read-out of a frame's typed checks: each gap to theory, what it is measured against, and the
 * tolerance the tests hold it to. The check furthest from its tolerance comes first.
 */
import { fmt } from '../engine/format.ts';
import type { Check, Frame } from '../engine/spec.ts';

function severity(c: Check): number {
  return c.tolerance ? Math.abs(c.value) / c.tolerance : Math.abs(c.value);
}

export function checkText(c: Check): string {
  const tol = c.tolerance !== undefined ? ` (tested to ≤ ${fmt(c.tolerance)})` : '';
  return `${c.label} = ${fmt(c.value)} against ${c.against}${tol}`;
}

export function residualText(frame: Pick<Frame, 'checks'>): string {
  const finite = frame.checks.filter((c) => Number.isFinite(c.value));
  if (!finite.length) return '';
  const sorted = [...finite].sort((a, b) => severity(b) - severity(a));
  return `Gap to theory: ${sorted.map(checkText).join('; ')}`;
}
