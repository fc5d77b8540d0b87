// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkCitations } from './site/lib/remark-citations.ts';
import { rehypeEquations } from './site/lib/rehype-equations.ts';
import { rehypeEquationRefs } from './site/lib/rehype-equation-refs.ts';
import { rehypeHeadingAnchors } from './site/lib/rehype-heading-anchors.ts';
import { remarkFigureNumbers } from './site/lib/remark-figure-numbers.ts';
import { pagefindIntegration } from './site/lib/pagefind-integration.ts';
import { equationHomes } from './site/lib/equation-index.ts';
import { joinBase } from './site/lib/url.ts';
import { serviceWorker } from './site/lib/service-worker-build.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// GitHub Pages serves the site under /<repo>/: BASE_PATH=/learning-dynamics/ npm run build
const base = process.env.BASE_PATH || '/';
/** "eq. (11)" in one chapter, for another chapter's (11): number → that chapter's URL. */
const equationsElsewhere = () => new Map([...equationHomes()].map(([tag, home]) => [tag, joinBase(base, `/${home.slug}/`)]));

export default defineConfig({
  srcDir: './site',
  base,
  // Absolute URLs (canonical links, "Cite this page", Open Graph): the Pages workflow sets SITE_URL to the
  // deployed origin; local builds use the address `npm start` serves.
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  trailingSlash: 'ignore',
  // Search: Pagefind indexes the built chapters after every build (site/lib/pagefind-integration.ts); the
  // service worker comes last: it precaches what the build and the integrations before it wrote (the index too).
  integrations: [mdx(), pagefindIntegration(), serviceWorker()],
  markdown: {
    // Astro 7's default processor runs no remark/rehype plugins (stack.md): use unified, which MDX inherits.
    processor: unified({
      remarkPlugins: [remarkMath, [remarkCitations, { bibPath: new URL('./content/references.bib', import.meta.url) }], remarkFigureNumbers],
      rehypePlugins: [
        // strict: 'error' makes LaTeX that KaTeX would only warn about an error; rehypeEquations then fails the build.
        [rehypeKatex, { strict: 'error' }],
        rehypeEquations,
        [rehypeEquationRefs, { elsewhere: equationsElsewhere }],
        // Astro adds heading ids after the user's plugins; run it first so the anchors use the same ids.
        rehypeHeadingIds,
        rehypeHeadingAnchors,
      ],
    }),
  },
  vite: {
    // Never inline a script into the HTML (Astro inlines small ones by default): the CSP allows scripts
    // from files and one hashed inline script only (site/lib/theme-script.ts).
    build: { assetsInlineLimit: 0 },
    worker: { format: 'es' },
    optimizeDeps: {
      include: [
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-wasm',
        '@observablehq/plot',
      ],
    },
    // content/, engine/ and components/ live outside srcDir.
    server: { fs: { allow: [root] } },
  },
});
