import { describe, expect, it } from 'vitest';
import { rk4Pair, rk4Scalar, rk4Vector } from './ode.ts';

describe('RK4 step', () => {
  it('the vector form gives the scalar and the pair forms bit for bit', () => {
    const f = (y: number) => y * (1 - y) - 0.3 * Math.sin(y);
    const g = (a: number, b: number): [number, number] => [a * (2 - b), -b + a * b];
    const one = rk4Vector(1, (y, out) => {
      out[0] = f(y[0]);
    });
    const two = rk4Vector(2, (y, out) => {
      [out[0], out[1]] = g(y[0], y[1]);
    });
    let s = 0.2;
    let p: [number, number] = [0.7, 1.3];
    const v1 = Float64Array.of(s);
    const v2 = Float64Array.of(...p);
    for (let k = 0; k < 500; k++) {
      const h = 0.01 + 0.001 * (k % 7);
      s = rk4Scalar(f, s, h);
      p = rk4Pair(g, p[0], p[1], h);
      one(v1, h);
      two(v2, h);
    }
    expect(v1[0]).toBe(s);
    expect(Array.from(v2)).toEqual(p);
  });

  it('is fourth order: halving the step cuts the error of y′ = y over [0, 1] about 16-fold', () => {
    const err = (steps: number) => {
      const y = Float64Array.of(1);
      const step = rk4Vector(1, (z, out) => {
        out[0] = z[0];
      });
      for (let k = 0; k < steps; k++) step(y, 1 / steps);
      return Math.abs(y[0] - Math.E);
    };
    const ratio = err(10) / err(20);
    expect(ratio).toBeGreaterThan(14);
    expect(ratio).toBeLessThan(18);
  });
});
