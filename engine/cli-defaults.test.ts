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
      if (spec.id === 'saxe-mode-curves') {
        // Paper's modes, learned in order, each near its eq. (11) half-time.
        expect(out.summary.modes).toEqual([1, 2, 3, 5, 12, 18, 31]);
        for (let i = 0; i < 7; i++) {
          const sim = out.summary.halfTimeLinear[i] as number;
          const theory = out.summary.halfTimeTheory[i] as number;
          expect(typeof sim).toBe('number');
          expect(Math.abs(sim - theory) / theory).toBeLessThan(0.2);
        }
      }
      if (spec.id === 'saxe-mode-delay') {
        const mean = out.summary.meanDelay as (number | null)[];
        expect(mean.length).toBe(32); // the paper’s tree: 32 items, 32 modes
        for (const d of mean) expect(typeof d).toBe('number');
      }
      if (spec.id === 'saxe-phase-portrait') expect((out.summary.finalAb as number[])[0]).toBeCloseTo(1, 4);
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
