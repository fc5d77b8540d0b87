// ESLint (flat config): typescript-eslint `recommended` (syntax only, no type information, so it stays fast)
// plus the folder boundaries the README promises:
//   engine/      pure TypeScript, no DOM: imports nothing from components/, site/, content/, nor
//                @observablehq/plot, astro*, linkedom; no Math.random (every random draw goes through the
//                seeded engine/rng.ts, so a permalink reproduces a run); no DOM globals. engine/worker.ts and
//                engine/kernel-worker.ts are the worker entries and may use the worker globals (self, postMessage).
//   components/  may not import from site/ or content/.
// .astro files are linted too (eslint-plugin-astro: its frontmatter and <script> blocks), with the same boundaries.
// scripts/lint-boundaries.test.ts proves that these rules fire.
import { defineConfig, globalIgnores } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

/** A relative specifier that reaches one of the named top-level folders ('../components/x.ts', '../../site'). */
const reaching = (...folders) => `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|$)`;

const engineForbidden = [
  { regex: reaching('components', 'site', 'content'), message: 'engine/ imports nothing from components/, site/ or content/ (it runs unchanged in Node and in the worker).' },
  { regex: '^@observablehq/plot(?:/|$)', message: 'engine/ does not draw: charts belong in components/charts/.' },
  { regex: '^(?:astro(?:$|[:/-])|@astrojs/)', message: 'engine/ does not depend on Astro.' },
  { regex: '^linkedom(?:/|$)', message: 'engine/ has no DOM, not even a server-side one.' },
];

const componentsForbidden = [
  { regex: reaching('site', 'content'), message: 'components/ may not import from site/ or content/ (the site uses components, not the reverse).' },
];

/** The same patterns for dynamic `import('…')`, which no-restricted-imports does not see (esquery regexes cannot contain '/'). */
const dynamicImportBans = (patterns) =>
  patterns.map(({ regex, message }) => ({ selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\x2F')}/]`, message }));

const workerGlobals = ['self', 'postMessage', 'importScripts', 'onmessage'];
const domGlobals = [
  'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB',
  'alert', 'confirm', 'prompt', 'customElements', 'getComputedStyle', 'matchMedia',
  'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
  'Element', 'HTMLElement', 'HTMLCanvasElement', 'HTMLInputElement', 'SVGElement', 'Node', 'NodeList',
  'DOMParser', 'XMLSerializer', 'Image', 'CanvasRenderingContext2D', 'MutationObserver', 'ResizeObserver',
  'IntersectionObserver', 'CustomEvent', 'KeyboardEvent', 'MouseEvent', 'PointerEvent',
].map((name) => ({ name, message: `engine/ has no DOM: no browser global \`${name}\` (engine code runs unchanged in Node and in the worker).` }));
/**
 * no-restricted-globals does not see names in type positions (`(el: HTMLElement) => …`); this does. It matches
 * by name whatever the scope, so only unmistakable DOM names are listed (a local `interface Node` is fine);
 * engine/tsconfig.json, which has no DOM lib, catches the rest.
 */
const domTypes = Object.fromEntries(
  ['Window', 'HTMLElement', 'HTMLCanvasElement', 'HTMLInputElement', 'SVGElement', 'NodeList', 'CanvasRenderingContext2D',
    'KeyboardEvent', 'MouseEvent', 'PointerEvent'].map((name) => [name, `engine/ has no DOM: no \`${name}\` (engine code runs unchanged in Node and in the worker).`]),
);
const workerGlobalBans = workerGlobals.map((name) => ({
  name,
  message: `\`${name}\` is a worker global: only the worker entries (engine/worker.ts, engine/kernel-worker.ts) may use it.`,
}));

export default defineConfig(
  globalIgnores([
    'dist/', 'dist-sub/', '.astro/', 'node_modules/', 'test-results/', 'bench-results/', 'playwright-report/',
  ]),
  tseslint.configs.recommended,
  astro.configs.recommended,
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
  },
  {
    name: 'boundaries/engine',
    files: ['engine/**/*.{ts,mts,js,mjs,astro}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: engineForbidden }],
      'no-restricted-syntax': ['error', ...dynamicImportBans(engineForbidden)],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in engine/rng.ts: runs must be reproducible from the URL.' },
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map((property) => ({
          object: 'globalThis',
          property,
          message: `engine/ has no DOM: no globalThis.${property} (engine code runs unchanged in Node and in the worker).`,
        })),
      ],
      'no-restricted-globals': ['error', ...domGlobals, ...workerGlobalBans],
      '@typescript-eslint/no-restricted-types': ['error', { types: domTypes }],
    },
  },
  {
    name: 'boundaries/engine-worker-entry',
    files: ['engine/worker.ts', 'engine/kernel-worker.ts'],
    rules: { 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    name: 'boundaries/components',
    files: ['components/**/*.{ts,mts,js,mjs,astro}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: componentsForbidden }],
      'no-restricted-syntax': ['error', ...dynamicImportBans(componentsForbidden)],
    },
  },
);
