/**
 * The engine's reference step (engine/nn/relu-logistic.ts) in a module worker in Chromium, on the tfjs wasm backend
 * the site uses: its loss after 35 steps matches the Float64 loops run in the same worker to 1e-6 relative (issue 10).
 * Node runs the same comparison on wasm and cpu in scripts/bench/reference-step.test.ts. Timing is not tested here.
 */
import { expect, test } from '@playwright/test';
import { benchReferenceBrowser } from '../scripts/bench/reference-browser.ts';

test('reference step in the browser worker matches Float64 to 1e-6 relative', async () => {
  const { results, notes } = await benchReferenceBrowser({ quick: true });
  const row = (part: string) => results.find((r) => r.name.includes(part));
  const f64 = row('Float64');
  const engine = row('wasm, engine step');
  expect(notes.join(' ')).toContain('tfjs-backend-wasm-simd.wasm');
  expect(f64 && engine).toBeTruthy();
  const rel = Math.abs(engine!.lossLast - f64!.lossLast) / f64!.lossLast;
  expect(rel).toBeLessThan(1e-6);
  expect(engine!.lossLast).toBeLessThan(0.5 * engine!.lossFirst);
});
