import { describe, expect, it } from 'vitest';
import { residualText } from './residual.ts';

describe('gap-to-theory read-out', () => {
  it('lists the typed checks, the one furthest beyond its tolerance first, with what each is measured against', () => {
    const text = residualText({
      checks: [
        { label: 'max |u − u(eq. 12)| / s, linear network', value: 0.003, against: 'eq. (12)', tolerance: 0.01 },
        { label: 'drift of a² − b²', value: 0.2, against: 'the conservation law', tolerance: 0.1 },
      ],
    });
    expect(text).toBe('Gap to theory: drift of a² − b² = 0.2 against the conservation law (tested to ≤ 0.1); max |u − u(eq. 12)| / s, linear network = 0.003 against eq. (12) (tested to ≤ 0.01)');
  });
  it('is empty when the frame has no finite check', () => {
    expect(residualText({ checks: [] })).toBe('');
    expect(residualText({ checks: [{ label: 'x', value: NaN, against: 'y' }] })).toBe('');
  });
});
