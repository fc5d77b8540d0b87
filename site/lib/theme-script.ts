/**
 * The one inline script of every page, run before first paint: mark that JavaScript runs (CSS hides
 * the controls that need it otherwise) and apply a stored theme (no flash). The CSP allows it by its
 * SHA-256 hash, computed here from the exact text, so no 'unsafe-inline' is needed for scripts.
 */
import { createHash } from 'node:crypto';

export const THEME_SCRIPT = `(function () {
  document.documentElement.classList.add('ld-js');
  try {
    var t = localStorage.getItem('ld-theme');
    if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
  } catch (e) {
    /* storage blocked (privacy mode, sandboxed frame): follow prefers-color-scheme */
  }
})();`;

export const THEME_SCRIPT_HASH = `'sha256-${createHash('sha256').update(THEME_SCRIPT, 'utf8').digest('base64')}'`;
