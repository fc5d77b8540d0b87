/**
 * Offline support, build side: after `astro build`, bundle the service worker (site/service-worker/sw.ts)
 * and let Workbox inject the precache list into `<outDir>/sw.js`. The list is every file of the build except
 * those in PRECACHE_EXCLUDED, each with a revision from its content hash (files under `_astro/` carry the hash
 * in their name and are cached by URL). URLs are relative to sw.js, so the same build works under a base path
 * (BASE_PATH=/learning-dynamics/: dist-sub/ is served as /learning-dynamics/, sw.js and its scope with it).
 *
 * Workbox is used through workbox-build's injectManifest, not an Astro PWA integration: @vite-pwa/astro 1.2
 * declares Astro ≤ 5 only (the site is on Astro 7), and injectManifest keeps the worker's code in one small
 * file of ours.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { getManifest, injectManifest, type ManifestEntry } from 'workbox-build';
import { joinBase } from './url.ts';

/** The service worker's file name in the output folder (the client registers `${BASE_URL}sw.js`). */
export const SW_FILE = 'sw.js';

const SW_SOURCE = fileURLToPath(new URL('../service-worker/sw.ts', import.meta.url));

/** Files of the build that are not precached, and why. Everything else is. */
export const PRECACHE_EXCLUDED: readonly { glob: string; reason: string }[] = [
  { glob: SW_FILE, reason: 'the service worker itself (the browser fetches it, bypassing the cache, to look for updates)' },
  {
    glob: '**/*.{woff,ttf}',
    reason: "KaTeX's fallback font formats, listed after woff2 in its @font-face rules: every browser that runs a service worker takes the woff2",
  },
  { glob: '**/*.map', reason: 'source maps: only developer tools read them' },
  { glob: 'og/*.png', reason: 'Open Graph images: read by link previews on other sites, never by a page of this one' },
  { glob: 'pagefind/pagefind-worker.js', reason: 'the search runs on the main thread (site/lib/search.ts, noWorker), so its worker is never loaded' },
];

/** Hashed file names from Vite (`_astro/name.B3HtcX-W.js`): the URL is the revision. */
const HASHED = /^_astro\//;

export interface ServiceWorkerBuild {
  /** The precached entries (URL relative to sw.js; revision null where the URL is hashed). */
  entries: ManifestEntry[];
  /** Total bytes precached. */
  size: number;
}

/** Bundle the service worker and write `<dir>/sw.js` with the precache list of everything in `dir`. */
export async function buildServiceWorker(dir: string): Promise<ServiceWorkerBuild> {
  const tmp = await mkdtemp(join(tmpdir(), 'ld-sw-'));
  try {
    const swSrc = join(tmp, SW_FILE);
    await build({
      entryPoints: [SW_SOURCE],
      outfile: swSrc,
      bundle: true,
      format: 'iife',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      // Workbox's development logging is dropped in production.
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const glob = {
      globDirectory: dir,
      globPatterns: ['**/*'],
      globIgnores: PRECACHE_EXCLUDED.map((e) => e.glob),
      dontCacheBustURLsMatching: HASHED,
      // The largest file is the engine worker chunk (under 1 MB); a skipped file would break offline use.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    };
    const manifest = await getManifest(glob);
    if (manifest.warnings.length) throw new Error(`service worker: ${manifest.warnings.join('; ')}`);
    const injected = await injectManifest({ ...glob, swSrc, swDest: join(dir, SW_FILE) });
    if (injected.warnings.length) throw new Error(`service worker: ${injected.warnings.join('; ')}`);
    return { entries: manifest.manifestEntries ?? [], size: manifest.size };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * What the dev server answers for sw.js: a worker that removes itself. `npm start` and `npm run dev` share
 * 127.0.0.1:4321, and a worker left by a production build would otherwise keep answering the dev server's
 * pages from its precache (an update check that gets a 404 leaves the old worker in place).
 */
export const DEV_SW = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    self.registration.unregister()
      .then(() => self.clients.matchAll({ type: 'window' }))
      .then((clients) => Promise.all(clients.map((client) => client.navigate(client.url)))),
  );
});
`;

/** The Astro integration: writes sw.js after every production build (the dev server registers none). */
export function serviceWorker(): AstroIntegration {
  let swPath = `/${SW_FILE}`;
  return {
    name: 'ld-service-worker',
    hooks: {
      'astro:config:done': ({ config }) => {
        swPath = joinBase(config.base, `/${SW_FILE}`);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          if (req.url?.split('?')[0] !== swPath) return next();
          res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
          res.end(DEV_SW);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { entries, size } = await buildServiceWorker(fileURLToPath(dir));
        logger.info(`${SW_FILE}: ${entries.length} files precached for offline use, ${(size / 1024 / 1024).toFixed(2)} MiB`);
      },
    },
  };
}
