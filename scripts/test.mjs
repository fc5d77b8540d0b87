#!/usr/bin/env node
// `npm test`: the one gate, what CI runs. typecheck -> lint -> unit (Vitest) -> end to end (Playwright + Chromium),
// stopping at the first failure. Plain Node 20 compatible (node: builtins only) so that it can install first.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, HOW_TO_INSTALL, installChromium } from './lib/chromium.mjs';
import { ensureInstalled } from './lib/install.mjs';
import { run } from './lib/proc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const steps = ['typecheck', 'lint', 'test:unit', 'test:e2e'];
const results = [];
const t0 = Date.now();

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function summary(ok, failed) {
  console.log('\n──────── npm test ────────');
  for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.step.padEnd(10)} ${seconds(r.ms)}`);
  if (ok) console.log(`npm test: PASSED (${results.map((r) => r.step).join(', ')}) in ${seconds(Date.now() - t0)}`);
  else console.log(`npm test: FAILED at ${failed} after ${seconds(Date.now() - t0)}`);
}

async function main() {
  const installed = await ensureInstalled(root);
  if (installed !== 0) {
    results.push({ step: 'install', ok: false, ms: Date.now() - t0 });
    summary(false, 'npm install');
    process.exit(installed || 1);
  }

  let chromium = findChromium();
  if (!chromium && !process.env.CHROMIUM_PATH) chromium = await installChromium();
  if (!chromium) {
    console.error(HOW_TO_INSTALL);
    summary(false, 'finding Chromium');
    process.exit(1);
  }
  console.log(`Chromium: ${chromium}`);

  const env = { ...process.env, CHROMIUM_PATH: chromium, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const step of steps) {
    console.log(`\n> npm run ${step}`);
    const start = Date.now();
    const code = await run('npm', ['run', step], { cwd: root, env });
    results.push({ step, ok: code === 0, ms: Date.now() - start });
    if (code !== 0) {
      summary(false, step);
      process.exit(code || 1);
    }
  }
  summary(true);
}

main();
