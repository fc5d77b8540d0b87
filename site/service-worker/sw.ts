/**
 * The site's service worker (bundled by site/lib/service-worker-build.ts into <outDir>/sw.js after
 * `astro build`, its precache list injected by Workbox). Everything the site needs offline is precached at
 * install: every page, the JS/CSS chunks, the engine worker and its chunks, the tfjs `.wasm` files, the
 * KaTeX fonts and the digits data.
 *
 * Versioning: a page and its chunks always come from one deployment.
 * - Precache only: the pages and every asset are answered from the precache of the active worker, never
 *   a mix of cache and network. Hashed files (`_astro/`) are cached by URL; the rest by content revision.
 * - A new deployment installs beside the old one (the old entries stay until it activates) and then waits:
 *   no `skipWaiting` at install, so it takes over only when no page of the old one is open, or when the
 *   reader accepts the page's "new version" note (site/lib/offline.ts), which sends SKIP_WAITING and
 *   reloads. On activation Workbox deletes the entries the new manifest no longer lists.
 *
 * This is the one place for anything else a service worker should do (e.g. cross-origin isolation headers
 * for threaded wasm: wrap the responses here, before the precache route).
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/** The page shown offline for a navigation to a URL the site does not have. */
const NOT_FOUND = '404.html';

cleanupOutdatedCaches();

precacheAndRoute(self.__WB_MANIFEST, {
  // Permalinks carry the figure's state in the query (?lr=…, ?present, ?embed): the page is the same file.
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: 'index.html',
  cleanURLs: false,
  // /modes (no trailing slash) is /modes/index.html, as on GitHub Pages.
  urlManipulation: ({ url }) => (/\/[^/.]+$/.test(url.pathname) ? [new URL(`${url.pathname}/index.html`, url)] : []),
});

// A navigation the precache cannot answer (a URL the site does not have): the network, and offline the
// site's own not-found page rather than the browser's error page.
registerRoute(
  ({ request }) => request.mode === 'navigate',
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch {
      return (await matchPrecache(NOT_FOUND)) ?? Response.error();
    }
  },
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Take the pages that no worker controls yet: on the first install the page that installed it can then rerun
// its figures offline without a reload (there is no older deployment to mix with). On an update the old
// worker's pages are handed over only through SKIP_WAITING, when the reader has accepted the reload.
clientsClaim();
