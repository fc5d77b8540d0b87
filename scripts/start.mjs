#!/usr/bin/env node
// `npm start`: install if needed, build, and serve the built site locally.
// Runs on a plain Node 20 before anything is installed, so it uses node: builtins only;
// everything else goes through npm scripts, which put the Node 22 from devDependencies first on PATH.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './lib/install.mjs';
import { run, runForwardingSignals } from './lib/proc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = 4321;

function basePath() {
  const raw = process.env.BASE_PATH ?? '/';
  return `/${raw.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

async function main() {
  const installed = await ensureInstalled(root);
  if (installed !== 0) return fail('npm install', installed);

  // Always build: it takes seconds, and dist/ may come from another BASE_PATH.
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  const built = await run('npm', ['run', 'build'], { cwd: root, env });
  if (built !== 0) return fail('npm run build', built);

  console.log(`\n  Learning Dynamics is served at  http://127.0.0.1:${port}${basePath()}\n  (Ctrl-C to stop)\n`);
  // --ignore-lock: run in the foreground even where Astro would detach into a background server.
  runForwardingSignals('npm', ['run', 'serve', '--', '--ignore-lock'], { cwd: root, env });
}

function fail(step, code) {
  console.error(`\nnpm start: \`${step}\` failed (exit ${code}).`);
  process.exit(code || 1);
}

main();
