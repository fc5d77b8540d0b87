// `npm install` when node_modules is missing or older than the manifests (plain Node 20: node: builtins only).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc.mjs';

/** npm writes node_modules/.package-lock.json at the end of every successful install. */
export function needsInstall(root) {
  const stamp = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(stamp) || !existsSync(join(root, 'node_modules', '.bin', 'astro'))) return true;
  const installed = statSync(stamp).mtimeMs;
  return ['package.json', 'package-lock.json'].some((f) => {
    const p = join(root, f);
    return existsSync(p) && statSync(p).mtimeMs > installed;
  });
}

/** `npm ci` fails with this lockfile (some optional platform packages are not served here), so: `npm install`. */
export async function ensureInstalled(root) {
  if (!needsInstall(root)) return 0;
  console.log('> npm install   (node_modules is missing or older than package.json / package-lock.json)');
  return run('npm', ['install', '--no-audit', '--no-fund'], { cwd: root });
}
