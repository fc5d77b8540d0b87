import { describe, expect, it } from 'vitest';
import { residualText } from './residual.ts';

describe('residual read-out', () => {
  it('picks the largest residual-like summary entry by magnitude', () => {
    const text = residualText({ summary: { 'mode 1: s': 80, 'mode 1: max |simulation − eq. (12)| / s': 0.02, 'mode 2: max |simulation − eq. (12)| / s': -0.31, 'trajectory 1: drift of a²−b²': 0.1 } });
    expect(text).toBe('Largest gap to theory: mode 2: max |simulation − eq. (12)| / s = -0.31');
  });
  it('is empty when the summary has no residual', () => {
    expect(residualText({ summary: { 'mode 1: s': 80, outcome: 'success' } })).toBe('');
  });
});
