import { describe, expect, it } from 'vitest';
import { e1, ei } from './expint.ts';

// Reference values (Abramowitz & Stegun, Table 5.1; mpmath.ei to 16 digits).
const REF: [number, number][] = [
  [1, 1.8951178163559368],
  [0.5, 0.4542199048631736],
  [2, 4.95423435600189],
  [10, 2492.228976241878],
  [0.01, -4.017929465426669],
  [-1, -0.21938393439552029],
  [-5, -0.001148295591275326],
  [50, 1.058563689713169e20],
];

describe('exponential integral Ei', () => {
  it('matches reference values to a relative 1e-12', () => {
    for (const [x, v] of REF) expect(Math.abs(ei(x) - v) / Math.abs(v), `Ei(${x})`).toBeLessThan(1e-12);
  });

  it('is continuous where the method changes (x = 40, −x = 1) and satisfies dEi/dx = e^x/x', () => {
    for (const x0 of [40, -1, 3, 0.2]) {
      const h = 1e-5 * Math.abs(x0);
      const d = (ei(x0 + h) - ei(x0 - h)) / (2 * h);
      expect(Math.abs(d - Math.exp(x0) / x0) / Math.abs(Math.exp(x0) / x0)).toBeLessThan(1e-6);
    }
    expect(Math.abs(e1(1) - 0.21938393439552029) / 0.2193839).toBeLessThan(1e-12);
  });

  it('has its known special values', () => {
    expect(ei(0)).toBe(-Infinity);
    expect(Math.abs(ei(0.37250741078136663))).toBeLessThan(1e-14); // the root of Ei
  });
});
