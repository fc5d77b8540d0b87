/** Choosing which singular modes α of Σ³¹ a figure plots. */
import type { Matrix } from '../linalg.ts';
import { zeros } from '../linalg.ts';
import { countWord, fmt } from './common.ts';

/**
 * Parse a mode set ("1,2,3,5,12,18,31" or "all") and keep the modes that exist and can be learned:
 * α ≤ rank of Σ³¹ (s_α > 0) and α ≤ N2 (at most N2 modes can be active, Saxe eq. (7)).
 */
export function selectModes(choice: string, s: ArrayLike<number>, hidden: number): { modes: number[]; notes: string[] } {
  const tiny = (s[0] || 1) * 1e-9;
  let rank = 0;
  while (rank < s.length && s[rank] > tiny) rank++;
  const limit = Math.min(rank, hidden);
  const wanted =
    choice === 'all'
      ? Array.from({ length: limit }, (_, i) => i + 1)
      : choice
          .split(',')
          .map((x) => Number(x.trim()))
          .filter((x) => Number.isInteger(x) && x >= 1);
  const modes = wanted.filter((m) => m <= limit);
  const dropped = wanted.filter((m) => m > limit);
  const notes: string[] = [];
  if (dropped.length) {
    const why =
      limit === hidden && hidden < rank
        ? `only the ${hidden} strongest modes can be learned with ${hidden} hidden units (eq. (7))`
        : `this dataset has only ${countWord(rank)} nonzero mode${rank === 1 ? '' : 's'}`;
    notes.push(`Mode${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} not shown: ${why}.`);
  }
  if (!modes.length) modes.push(1);
  return { modes, notes };
}

/** The columns of U (or V) belonging to the chosen modes (1-based), in order. */
export function modeColumns(m: Matrix, modes: readonly number[]): Matrix {
  const out = zeros(m.rows, modes.length);
  for (let i = 0; i < m.rows; i++) for (const [j, a] of modes.entries()) out.data[i * modes.length + j] = m.data[i * m.cols + a - 1];
  return out;
}

/** Where discrete gradient descent parts from the continuous-time theory (eq. (12) assumes λ·s ≪ 1). */
export function stepSizeNotes(lr: number, s1: number): string[] {
  const x = lr * s1;
  if (x >= 1) {
    return [
      `λ·s1 = ${fmt(x)} is at least 1: gradient descent overshoots the strongest mode and cannot settle (stable only for λ·s1 below about 1), so the comparison with the continuous-time theory is not meaningful here.`,
    ];
  }
  if (x > 0.1) return [`λ·s1 = ${fmt(x)}: discrete steps lag the continuous-time eq. (12) by a fraction of about λ·s/2 in the plateau; the theory assumes small λ.`];
  return [];
}
