/**
 * Offline support, page side: register the service worker (site/service-worker/sw.ts, built into
 * `${base}sw.js`) and say in the footer when the whole site is ready offline, or when a new deployment is
 * waiting. Production builds only: the dev server has no sw.js and registers nothing.
 *
 * The footer line ([data-offline-status], a polite live region) stays empty until there is something to
 * say: "Available offline" once a worker is active (its install succeeded only if every precached file
 * did), or a "new version" note with a Reload button. Accepting it tells the waiting worker to take over
 * (SKIP_WAITING) and reloads when it has, so the page and its chunks come from one deployment.
 */
import { trustedScriptUrl } from '../../components/trusted-url.ts';
import { withBase } from './url.ts';

/** The service worker's Trusted Types policy (named in site/lib/csp.ts). */
export const SW_POLICY = 'learning-dynamics-sw';

/** An optional build stamp (PUBLIC_LD_BUILD at build time), also rendered into the footer by Base.astro. */
const BUILD = import.meta.env.PUBLIC_LD_BUILD ?? '';

const READY = 'Available offline: every chapter and figure of this site now works without a network.';
const UPDATE = 'A new version of this site is available.';
const UPDATED_ELSEWHERE = 'This site was updated in another tab; reload to use the new version.';

function say(status: HTMLElement, text: string, action?: { label: string; run: () => void }): void {
  const parts: Node[] = [document.createTextNode(text)];
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ld-offline-action';
    button.textContent = action.label;
    button.addEventListener('click', action.run, { once: true });
    parts.push(document.createTextNode(' '), button);
  }
  status.replaceChildren(...parts);
}

export function initOffline(): void {
  const status = document.querySelector<HTMLElement>('[data-offline-status]');
  if (!status) return;
  status.dataset.clientBuild = BUILD;
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;

  const sw = navigator.serviceWorker;
  const hadController = sw.controller !== null;
  let accepted = false;
  let updateShown = false;

  const offerUpdate = (waiting: ServiceWorker) => {
    updateShown = true;
    say(status, UPDATE, {
      label: 'Reload',
      run: () => {
        accepted = true;
        // Another tab may have let it take over already; then the page only needs to reload.
        if (waiting.state === 'activated') location.reload();
        else waiting.postMessage({ type: 'SKIP_WAITING' });
      },
    });
  };

  sw.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
    // A page loaded under an older worker, whose chunks a newer deployment may no longer have.
    else if (hadController) {
      updateShown = true;
      say(status, UPDATED_ELSEWHERE, { label: 'Reload', run: () => location.reload() });
    }
  });

  sw.register(trustedScriptUrl(SW_POLICY, withBase('/sw.js')), { scope: withBase('/') })
    .then((registration) => {
      // Installed beside an active worker, a new deployment waits until the reader accepts (or closes every tab).
      const watch = (worker: ServiceWorker | null) => {
        if (!worker) return;
        if (worker.state === 'installed' && sw.controller) offerUpdate(worker);
        else if (worker.state === 'installing') worker.addEventListener('statechange', () => watch(worker), { once: true });
      };
      watch(registration.waiting);
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
      return sw.ready;
    })
    .then(() => {
      if (!updateShown) say(status, READY);
    })
    // No service worker (blocked by the browser, a private window, a failed install): the site works
    // online as before, and the footer says nothing.
    .catch(() => undefined);
}
