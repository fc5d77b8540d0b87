import { describe, expect, it } from 'vitest';
import { runCli } from './cli-core.ts';
import { figures } from './registry.ts';

// The full default run of every figure, on the wasm backend (what browsers run; the cpu backend
// takes several times longer for saxe-mode-curves). Runs as its own file: one backend per process.
describe('default runs (wasm backend)', () => {
  for (const spec of figures) {
    it(`${spec.id}: the default run ends done and agrees with its theory where stated`, async () => {
      const r = await runCli([spec.id, '--backend', 'wasm']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.status).toBe('done');
      const sum = out.summary as Record<string, number | string>;
      if (spec.id === 'saxe-mode-curves') {
        // Paper's modes, learned in order, each near its eq. (11) half-time.
        for (const m of [1, 2, 3, 5, 12, 18, 31]) {
          const sim = sum[`mode ${m}: half-learning time, simulation`] as number;
          const theory = sum[`mode ${m}: half-learning time, eq. (11)`] as number;
          expect(typeof sim).toBe('number');
          expect(Math.abs(sim - theory) / theory).toBeLessThan(0.2);
        }
      }
      if (spec.id === 'saxe-mode-delay') {
        for (let m = 1; m <= 8; m++) expect(typeof sum[`mode ${m}: mean relative delay`]).toBe('number');
      }
      if (spec.id === 'saxe-phase-portrait') expect(sum['trajectory 1: final ab']).toBeCloseTo(1, 4);
    });
  }
});

describe('determinism on the wasm backend', () => {
  it('the same seed gives bit-identical output; another seed does not', async () => {
    const argv = ['saxe-mode-curves', '--backend', 'wasm', '--set', 'treeDepth=3', '--set', 'features=50', '--set', 'hiddenUnits=8', '--set', 'steps=200'];
    const a = await runCli(argv);
    const b = await runCli(argv);
    const c = await runCli([...argv, '--set', 'seed=2']);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });
});
