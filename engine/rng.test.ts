import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';

describe('seeded rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xa = Array.from({ length: 50 }, () => a.uniform());
    const xb = Array.from({ length: 50 }, () => b.uniform());
    const xc = Array.from({ length: 50 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('forks named substreams that do not depend on how much the parent has been used', () => {
    const a = createRng(3);
    const b = createRng(3);
    for (let i = 0; i < 17; i++) b.uniform();
    expect(a.fork('init').uniform()).toBe(b.fork('init').uniform());
    expect(a.fork('init').uniform()).not.toBe(a.fork('data').uniform());
    expect(a.fork('x').fork('y').key).toBe('seed:3/x/y');
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const r = createRng(1);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      inRange &&= u >= 0 && u < 1;
      s += u;
      s2 += u * u;
    }
    expect(inRange).toBe(true);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005); // 5 standard errors (σ/√n ≈ 0.0009)
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws standard normals (Box–Muller) with mean 0, variance 1 and light tails', () => {
    const r = createRng(2);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    let finite = true;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      finite &&= Number.isFinite(z);
      s += z;
      s2 += z * z;
      s4 += z ** 4;
    }
    expect(finite).toBe(true);
    expect(Math.abs(s / n)).toBeLessThan(0.02); // σ/√n ≈ 0.003
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.15); // fourth moment of N(0, 1) is 3
  });

  it('produces uint32 values spread over the whole range', () => {
    const r = createRng(5);
    let hi = 0;
    for (let i = 0; i < 1000; i++) {
      const x = r.uint32();
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
      if (x >= 2 ** 31) hi++;
    }
    expect(hi).toBeGreaterThan(400);
    expect(hi).toBeLessThan(600);
  });
});
