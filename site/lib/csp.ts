/**
 * The site's Content Security Policy, shipped as a meta tag (GitHub Pages sets no headers) by
 * site/layouts/Base.astro, and served as an HTTP header by e2e/csp.spec.ts to prove the built pages
 * need nothing more.
 *
 * - No third-party request, ever: everything is 'self'.
 * - Scripts come from files, plus the one inline theme script allowed by its hash; no 'unsafe-inline',
 *   no 'unsafe-eval'. 'wasm-unsafe-eval' lets the engine compile the TensorFlow.js wasm backend.
 * - Trusted Types: no HTML string reaches an injection sink (legend and data table are built with DOM
 *   calls), and the two script URLs, the engine worker's and the service worker's, go through one named
 *   policy each (components/trusted-url.ts). Browsers without Trusted Types ignore these two directives.
 * - Styles keep 'unsafe-inline': KaTeX's markup and Plot's SVG set inline style attributes, which
 *   cannot be hashed.
 */
import { THEME_SCRIPT_HASH } from './theme-script.ts';

/** The Trusted Types policy names the page may create (components/worker-client.ts WORKER_POLICY, site/lib/offline.ts SW_POLICY). */
export const TRUSTED_TYPES_POLICIES = ['learning-dynamics-worker', 'learning-dynamics-sw'] as const;

export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  `script-src 'self' ${THEME_SCRIPT_HASH} 'wasm-unsafe-eval'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
];

export const CSP = CSP_DIRECTIVES.join('; ');
