import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { phaseFlow, predictedOutcome } from '../analytic/tachet.ts';
import { runCli } from '../cli-core.ts';
import { nodeTf } from '../tf-node.ts';
import { separatrixText, tachetPhaseDiagram as spec } from './tachet-phase-diagram.ts';
import { runToEnd, series } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

describe('tachet-phase-diagram', () => {
  it('reproduces the three cases of the spec at the defaults (tolerances separatrix, frozenZ, conservedGd)', async () => {
    const { last } = await runToEnd(tf, spec);
    const s = last.summary;
    // c1 on the separatrix flows into the saddle at the origin.
    expect(Math.hypot(s.finalZ[0], s.finalY[0])).toBeLessThan(spec.tolerances.separatrix.value);
    expect(s.c1Outcome).toBe('failure');
    expect(s.c1Predicted).toBe('failure');
    // c2 = (−1, 1.5) succeeds: z crosses 0 and the margin grows.
    expect(s.c2Outcome).toBe('success');
    expect(s.finalMargin[1]).toBeGreaterThan(2);
    // c3 = (−1.5, 0.6) dies with z frozen near −√(2.25 − 0.36) = −1.3748.
    expect(s.finalY[2]).toBeLessThanOrEqual(0);
    expect(Math.abs(s.finalZ[2] + Math.sqrt(1.89))).toBeLessThan(spec.tolerances.frozenZ.value);
    expect(s.finalMargin[2]).toBe(0);
    for (const i of [1, 2]) {
      const rel = s.drift[i] / Math.abs(s.conserved[i]);
      expect(rel, `c${i + 1}`).toBeLessThan(spec.tolerances.conservedGd.value);
    }
    const drift = last.checks.find((c) => c.against.startsWith('conserved'))!;
    expect(drift.value).toBeLessThan(spec.tolerances.conservedGd.value);
    expect(drift.tolerance).toBe(spec.tolerances.conservedGd.value);
    expect(last.checks.find((c) => c.against.startsWith('failure condition'))!.value).toBe(0);
    expect(s.drift[0]).toBeLessThan(1e-12);
    const fine = (await runToEnd(tf, spec, { learningRate: 0.005, steps: 3000 })).last.summary;
    for (const i of [1, 2]) {
      const rel = fine.drift[i] / Math.abs(fine.conserved[i]);
      expect(rel, `c${i + 1}`).toBeLessThan(spec.tolerances.conservedGd.value / 10);
    }
    expect(s.outcome).toBe('failure');
    expect(Math.abs(s.final_margin)).toBeLessThan(1e-6);
    expect(spec.describe(last)).toMatch(/separatrix y = −z\./);
  });

  it('hinge stops at margin 1 in finite time; logistic keeps growing', async () => {
    const hinge = (await runToEnd(tf, spec, { loss: 'hinge' })).last.summary;
    expect(hinge.finalMargin[1]).toBeGreaterThanOrEqual(1);
    expect(hinge.finalMargin[1]).toBeLessThan(1.1);
    const a = (await runToEnd(tf, spec, { steps: 1000 })).last.summary.finalMargin[1];
    const b = (await runToEnd(tf, spec, { steps: 2000 })).last.summary.finalMargin[1];
    expect(b).toBeGreaterThan(a);
  });

  it('agrees with the failure condition on a grid of starts (tolerance condition: no mismatch)', () => {
    // Uses the same stepping as the figure, without frames, for speed.
    for (const r of [0.5, 1, 2]) {
      let checked = 0;
      for (let i = 0; i < 13; i++) {
        for (let j = 0; j < 10; j++) {
          const z0 = -1.8 + (3.6 * i) / 12;
          const y0 = -0.5 + (2.4 * j) / 9;
          if (Math.abs(y0 + r * z0) / Math.hypot(1, r) < 0.05 || Math.abs(y0) < 1e-9) continue;
          let z = z0;
          let y = y0;
          for (let k = 0; k < 1500; k++) {
            const m = z * Math.max(0, y);
            const g = 1 / (1 + Math.exp(m));
            const dz = 0.05 * g * Math.max(0, y);
            const dy = y > 0 ? 0.05 * g * z * r * r : 0;
            z += dz;
            y += dy;
          }
          const sim = z * Math.max(0, y) > 0 ? 'success' : 'failure';
          expect(sim, `r=${r} start (${z0}, ${y0})`).toBe(predictedOutcome(z0, y0, r));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    }
  });

  it('follows the flow at small λ (tolerance gdVsFlow) and the flow conserves y² − r²z²', async () => {
    const { last } = await runToEnd(tf, spec, { learningRate: 0.01, steps: 3000 });
    for (const c of ['c1', 'c2', 'c3']) {
      const sim = series(last, `${c}: margin (gradient descent)`).points;
      const flow = series(last, `${c}: margin (flow, RK4)`).points;
      expect(flow.length).toBe(sim.length);
      let worst = 0;
      for (let i = 0; i < sim.length; i++) worst = Math.max(worst, Math.abs(sim[i][1] - flow[i][1]));
      expect(worst, c).toBeLessThan(spec.tolerances.gdVsFlow.value);
    }
    for (const c of last.checks.filter((x) => x.against.startsWith('the flow'))) {
      expect(c.value, c.label).toBeLessThan(spec.tolerances.gdVsFlow.value);
      expect(c.tolerance).toBe(spec.tolerances.gdVsFlow.value);
    }
    const pts = phaseFlow('logistic', -1, 1.5, 1, 1, 1, [1, 2, 5, 10]);
    for (const [z, y] of pts) expect(Math.abs(y * y - z * z - 1.25)).toBeLessThan(1e-9);
  });

  it('linear unit: the wedge disappears (c3 succeeds through the lower half-plane); only the separatrix fails', async () => {
    const { last } = await runToEnd(tf, spec, { linear: true, steps: 1500 });
    expect(last.summary.c3Outcome).toBe('success');
    expect(last.summary.finalY[2]).toBeLessThan(0);
    expect(last.summary.finalZ[2]).toBeLessThan(0);
    expect(last.summary.c2Outcome).toBe('success');
    expect(predictedOutcome(-1.5, 0.6, 1, true)).toBe('success');
    expect(predictedOutcome(-0.8, 0.8, 1, true)).toBe('failure');
  });

  it('declares c1–c3 as handles on the phase panel, and writes the separatrix with its slope', () => {
    expect(spec.handles).toEqual([
      { panel: 'phase', x: 'z0', y: 'y0', label: 'c1' },
      { panel: 'phase', x: 'z1', y: 'y1', label: 'c2' },
      { panel: 'phase', x: 'z2', y: 'y2', label: 'c3' },
    ]);
    expect(separatrixText(1)).toBe('y = −z');
    expect(separatrixText(2)).toBe('y = −2z');
    expect(separatrixText(0.5)).toBe('y = −0.5z');
  });

  it('CLI contract: --set z0, y0, r reports summary.outcome and summary.final_margin', async () => {
    for (const [z, y, r, want] of [
      [-1, 1.5, 1, 'success'],
      [-1.5, 0.6, 1, 'failure'],
      [0.5, -0.3, 1, 'failure'],
      [-0.5, 0.6, 2, 'failure'],
      [-0.5, 1.2, 2, 'success'],
    ] as const) {
      const res = await runCli(['tachet-phase-diagram', '--set', `z0=${z}`, '--set', `y0=${y}`, '--set', `r=${r}`, '--format', 'json'], { tf });
      expect(res.code, res.stderr).toBe(0);
      const out = JSON.parse(res.stdout);
      expect(out.summary.outcome, `(${z}, ${y}), r = ${r}`).toBe(want);
      expect(typeof out.summary.final_margin).toBe('number');
      if (want === 'success') expect(out.summary.final_margin).toBeGreaterThan(0);
      else expect(out.summary.final_margin).toBeLessThanOrEqual(0);
    }
  });
});
