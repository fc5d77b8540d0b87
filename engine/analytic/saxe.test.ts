import { describe, expect, it } from 'vitest';
import {
  conserved,
  distanceToHyperbola,
  halfLearningTime,
  hyperbolaArc,
  integrateRK4,
  modeStrength,
  timeToLearn,
  vectorField,
} from './saxe.ts';

describe('eq. (12) and eq. (11)', () => {
  it('eq. (12) starts at u0, tends to s, and has the logistic shape', () => {
    expect(modeStrength(0, 2, 1e-3, 1)).toBeCloseTo(1e-3, 15);
    expect(modeStrength(100, 2, 1e-3, 1)).toBeCloseTo(2, 12);
    expect(modeStrength(1e6, 2, 1e-3, 1)).toBe(2); // no overflow
    expect(modeStrength(5, 1, 2, 1)).toBeGreaterThan(1); // from above (u0 > s), decays to s
    expect(modeStrength(3, 1, 0, 1)).toBe(0); // the origin is a fixed point
  });

  it('eq. (11) inverts eq. (12) (to 1e-12 relative)', () => {
    for (const [s, u0, tau] of [
      [2, 1e-3, 1],
      [80, 1e-6, 2000],
      [0.5, 0.1, 3],
    ]) {
      for (const f of [0.1, 0.5, 0.9, 0.999]) {
        const t = timeToLearn(s, u0, f * s, tau);
        expect(Math.abs(modeStrength(t, s, u0, tau) - f * s) / (f * s)).toBeLessThan(1e-12);
      }
      expect(halfLearningTime(s, u0, tau)).toBeCloseTo((tau / (2 * s)) * Math.log(s / u0 - 1), 10);
    }
  });

  it("reproduces the spec's numerical check: τ = 1, s = 2, u0 = 1e-3, ε = 1e-3 gives t = 3.8002", () => {
    expect(timeToLearn(2, 1e-3, 2 - 1e-3, 1)).toBeCloseTo(3.8002, 4);
  });
});

describe('eq. (8) and its conserved quantity', () => {
  it('RK4 of eq. (8) from a balanced start matches eq. (12) to 1e-9', () => {
    // Tolerance rk4VsEq12: a = b = 0.05, s = 1, τ = 1, dt = 0.01, t ≤ 10.
    const s = 1;
    const a0 = 0.05;
    let worst = 0;
    for (const [t, a, b] of integrateRK4(a0, a0, s, 1, 0.01, 1000)) worst = Math.max(worst, Math.abs(a * b - modeStrength(t, s, a0 * a0, 1)));
    expect(worst).toBeLessThan(1e-9);
  });

  it('RK4 conserves a² − b² to 1e-9, and ab approaches s monotonically', () => {
    // Tolerance rk4Conservation: s = 2, start (1.2, −0.7), dt = 0.005, t ≤ 10.
    const path = integrateRK4(1.2, -0.7, 2, 1, 0.005, 2000);
    const c0 = conserved(1.2, -0.7);
    let prev = -Infinity;
    for (const [, a, b] of path) {
      expect(Math.abs(conserved(a, b) - c0)).toBeLessThan(1e-9);
      expect(a * b).toBeGreaterThanOrEqual(prev - 1e-15);
      prev = a * b;
    }
    expect(prev).toBeCloseTo(2, 9);
  });

  it('has a saddle at the origin whose stable manifold is a = −b', () => {
    expect(vectorField(0, 0, 1, 1)).toEqual([0, 0]);
    const [da, db] = vectorField(0.3, -0.3, 1, 1);
    expect(da).toBeLessThan(0); // points back to the origin along a = −b
    expect(db).toBeGreaterThan(0);
    const path = integrateRK4(0.3, -0.3, 1, 1, 0.01, 2000);
    const [, a, b] = path[path.length - 1];
    expect(Math.hypot(a, b)).toBeLessThan(0.05);
  });
});

describe('the exact hyperbola through a start point', () => {
  const cases: [string, number, number, number][] = [
    ['c > 0, same signs', 1.2, 0.3, 1],
    ['c < 0, same signs', 0.02, 0.03, 1],
    ['c > 0, crosses the b = 0 axis', 1.5, -0.4, 1],
    ['c < 0, crosses the a = 0 axis', -0.3, 1.1, 2],
    ['c > 0, negative branch', -1.2, -0.2, 0.5],
    ['starts beyond the fixed-point curve', 1.8, 1.5, 1],
  ];
  for (const [label, a0, b0, s] of cases) {
    it(`${label}: stays on a² − b² = c from the start to ab = s, matching RK4`, () => {
      const arc = hyperbolaArc(a0, b0, s, 400);
      const c = conserved(a0, b0);
      expect(arc[0][0]).toBeCloseTo(a0, 12);
      expect(arc[0][1]).toBeCloseTo(b0, 12);
      const [aEnd, bEnd] = arc[arc.length - 1];
      expect(aEnd * bEnd).toBeCloseTo(s, 10);
      for (const [a, b] of arc) expect(Math.abs(conserved(a, b) - c)).toBeLessThan(1e-10 * Math.max(1, Math.abs(c)));
      // The flow ends where the arc ends.
      const path = integrateRK4(a0, b0, s, 1, 0.01, 3000);
      const [, a, b] = path[path.length - 1];
      expect(Math.hypot(a - aEnd, b - bEnd)).toBeLessThan(1e-6);
    });
  }

  it('c = 0: the diagonal to (√s, √s), or the line a = −b into the saddle', () => {
    const up = hyperbolaArc(0.1, 0.1, 4, 10);
    expect(up[10]).toEqual([2, 2]);
    const down = hyperbolaArc(-0.5, 0.5, 1, 10);
    expect(down[10][0]).toBeCloseTo(0, 15);
    expect(down[10][1]).toBeCloseTo(0, 15);
    expect(down.every(([a, b]) => a === -b)).toBe(true);
  });

  it('measures the distance to the hyperbola (first order) and to the lines a = ±b (exact)', () => {
    expect(distanceToHyperbola(1, 0, 1)).toBe(0);
    expect(distanceToHyperbola(1.001, 0, 1)).toBeCloseTo(0.001, 5);
    expect(distanceToHyperbola(1, 0.5, 0)).toBeCloseTo(0.5 / Math.SQRT2, 14);
  });
});
