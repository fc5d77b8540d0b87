import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hingeStopTime, logisticMargin, marginAt, timeToMargin } from '../analytic/tachet.ts';
import { nodeTf } from '../tf-node.ts';
import { type LossesSummary, tachetLosses as spec } from './tachet-losses.ts';
import { runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

const ORDER = ['logistic', 'hinge', 'squared'];

describe('closed forms of the balanced flow (tachet.ts)', () => {
  it('logistic: t(m) inverts, and matches direct RK4 integration of τṁ = 2nr m σ(−m) to 1e-9', () => {
    const nr = 1.5;
    const m0 = 1e-3;
    const tau = 1;
    for (const t of [2, 5, 10, 40]) {
      // RK4 of the flow itself.
      let m = m0;
      const n = 20000;
      const h = t / n;
      const f = (x: number) => (2 * nr * x) / (1 + Math.exp(x));
      for (let i = 0; i < n; i++) {
        const k1 = f(m);
        const k2 = f(m + 0.5 * h * k1);
        const k3 = f(m + 0.5 * h * k2);
        const k4 = f(m + h * k3);
        m += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      }
      const closed = logisticMargin(t, nr, m0, tau);
      expect(Math.abs(closed - m) / m).toBeLessThan(1e-9);
      expect(Math.abs(timeToMargin('logistic', closed, m0, nr, tau) - t) / t).toBeLessThan(1e-12);
    }
  });

  it('hinge stops at t*, squared tends to 1, logistic grows like ln t', () => {
    const t = hingeStopTime(1, 1e-2, 10);
    expect(t).toBeCloseTo((10 / 2) * Math.log(100), 12);
    expect(marginAt('hinge', t * 0.999, 1, 1e-2, 10)).toBeLessThan(1);
    expect(marginAt('hinge', t * 1.5, 1, 1e-2, 10)).toBe(1);
    expect(marginAt('squared', 1e4, 1, 1e-2, 10)).toBeCloseTo(1, 12);
    // m ≈ ln(kt) + ln ln(kt) for large kt.
    const m = marginAt('logistic', 1e6, 1, 1e-2, 1);
    expect(Math.abs(m - (Math.log(2e6) + Math.log(Math.log(2e6)))) / m).toBeLessThan(0.05);
  });
});

describe('tachet-losses', () => {
  it('gradient descent at small η follows the closed forms (tolerances closedForms, hingeStop)', async () => {
    const { last } = await runToEnd(tf, spec, { strength: 1, m0: 0.01, learningRate: 0.002, steps: 3000 });
    expect(last.status).toBe('done');
    const sum = last.summary as LossesSummary;
    expect(sum.losses).toBe(ORDER.join(','));
    for (const [i, loss] of ORDER.entries()) {
      const check = last.checks[i];
      expect(check.label, loss).toContain(`${loss} loss`);
      expect(check.value, loss).toBeLessThan(spec.tolerances.closedForms.value);
      expect(check.tolerance).toBe(spec.tolerances.closedForms.value);
    }
    const tStar = sum.stopTime[1]!;
    const stop = sum.stopStep[1]!;
    expect(sum.stopTime[0]).toBeNull();
    expect(sum.stopStep[2]).toBeNull();
    expect(Math.abs(stop - tStar) / tStar).toBeLessThan(spec.tolerances.hingeStop.value);
    expect(last.checks[3].value).toBeCloseTo(Math.abs(stop - tStar) / tStar, 12);
    expect(last.checks[3].tolerance).toBe(spec.tolerances.hingeStop.value);
    // Hinge freezes: its margin does not move after t*.
    const hinge = last.series.find((s) => s.name === 'hinge: margin (simulation)')!.points;
    const after = hinge.filter(([t]) => t > stop + 1).map((p) => p[1]);
    expect(Math.max(...after) - Math.min(...after)).toBe(0);
    // Logistic keeps growing beyond 1 and beyond the others.
    expect(sum.margin[0]).toBeGreaterThan(1.2);
  });

  it('the read-out states the tolerances where η n r ≤ 0.002 and m₀ ≥ 0.01, and they hold there over a long run', async () => {
    const { last } = await runToEnd(tf, spec, { strength: 2, m0: 0.01, learningRate: 0.001, steps: 10000 });
    expect(last.checks.length).toBe(4);
    for (const c of last.checks) {
      expect(c.tolerance, c.label).toBeDefined();
      expect(c.value, c.label).toBeLessThan(c.tolerance!);
    }
  });

  it('the defaults: logistic margin and norm keep growing, hinge stops near t*', async () => {
    const { last, frames } = await runToEnd(tf, spec, {});
    expect(frames.length).toBeGreaterThan(10);
    const lg = last.series.find((s) => s.name === 'logistic: weight norm (simulation)')!.points;
    for (let i = 1; i < lg.length; i++) expect(lg[i][1]).toBeGreaterThan(lg[i - 1][1]);
    const sum = last.summary as LossesSummary;
    const tStar = sum.stopTime[1]!;
    const stop = sum.stopStep[1]!;
    expect(Math.abs(stop - tStar) / tStar).toBeLessThan(0.05);
    // η n r = 0.05 is outside the tested regime: the read-out states no tolerance.
    expect(last.checks.every((c) => c.tolerance === undefined)).toBe(true);
    expect(spec.describe(last)).toMatch(/logistic loss the margin is still growing/);
  });
});
