// Find (or, as root on Debian, install) the Chromium that Playwright drives (plain Node 20: node: builtins only).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { hasCommand, run } from './proc.mjs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Playwright's own browsers, if a contributor ran `npx playwright install chromium` on their machine. */
function playwrightChromium() {
  const roots = [process.env.PLAYWRIGHT_BROWSERS_PATH, join(homedir(), '.cache', 'ms-playwright')].filter(Boolean);
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const dirs = readdirSync(root).filter((d) => /^chromium-\d+$/.test(d)).sort().reverse();
    for (const d of dirs) {
      for (const rel of ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
        const p = join(root, d, rel);
        if (existsSync(p)) return p;
      }
    }
  }
  return null;
}

/** CHROMIUM_PATH, else the system Chromium, else Playwright's own; null when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return null;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return playwrightChromium();
}

/** Install Debian's chromium when we may (root with apt-get); resolves to the path or null. */
export async function installChromium() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) return null;
  console.log('> No Chromium found; installing Debian\'s: apt-get update && apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update'], { env })) !== 0) return null;
  if ((await run('apt-get', ['install', '-y', 'chromium'], { env })) !== 0) return null;
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : null;
}

export const HOW_TO_INSTALL = [
  'No Chromium found. The end-to-end tests need one. Either:',
  '  - Debian/Ubuntu (apt, not snap):  sudo apt-get install -y chromium',
  '  - or Playwright\'s own build:      npx playwright install chromium',
  '  - or point at any Chromium/Chrome: CHROMIUM_PATH=/path/to/chrome npm test',
].join('\n');
