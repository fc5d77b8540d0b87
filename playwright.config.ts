/**
 * End-to-end tests against the built site, in Chromium only.
 * Two servers: the normal build at / (port 4321) and a build under the GitHub Pages sub-path
 * (BASE_PATH=/learning-dynamics/, outDir dist-sub, port 4322), which the `subpath` project tests.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/bench/chromium.ts';

/** CHROMIUM_PATH, else Debian's Chromium when installed, else Playwright's own build. */
const executablePath = chromiumPath();
const CI = !!process.env.CI;
/** Opt in to testing servers that are already running (faster iteration; they may serve a stale build). */
const reuseExistingServer = !CI && !!process.env.E2E_REUSE_SERVER;

/** E2E_PORT lets two checkouts run their end-to-end tests side by side (the sub-path build takes the next port). */
const PORT = Number(process.env.E2E_PORT ?? 4321);
const SUB_PORT = PORT + 1;
const SUB_BASE = '/learning-dynamics/';

const serverEnv = { ASTRO_TELEMETRY_DISABLED: '1' };
// --ignore-lock: both previews share one project root (Astro keeps one lock per root), and it keeps
// Astro from detaching the server into the background.
const preview = (port: number, outDir: string) =>
  `npx astro preview --host 127.0.0.1 --port ${port} --outDir ${outDir} --ignore-lock`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two cores: every test drives a browser plus a worker training a network.
  workers: 2,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
    // The site registers a service worker (site/lib/offline.ts), and requests it answers are invisible to
    // page.route(): block it everywhere except e2e/offline.spec.ts, which tests it.
    serviceWorkers: 'block',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'root',
      testIgnore: '**/subpath.spec.ts',
      use: { baseURL: `http://127.0.0.1:${PORT}` },
    },
    {
      name: 'subpath',
      testMatch: '**/subpath.spec.ts',
      use: { baseURL: `http://127.0.0.1:${SUB_PORT}` },
    },
  ],
  // Started one after the other, so the two builds never share the .astro cache at the same time.
  webServer: [
    {
      command: `npx astro build && ${preview(PORT, 'dist')}`,
      url: `http://127.0.0.1:${PORT}/`,
      env: serverEnv,
      reuseExistingServer,
      timeout: 480_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx astro build --outDir dist-sub && ${preview(SUB_PORT, 'dist-sub')}`,
      url: `http://127.0.0.1:${SUB_PORT}${SUB_BASE}`,
      env: { ...serverEnv, BASE_PATH: SUB_BASE },
      reuseExistingServer,
      timeout: 480_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
