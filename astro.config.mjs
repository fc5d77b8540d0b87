// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkCitations } from './site/lib/remark-citations.ts';
import { rehypeEquations } from './site/lib/rehype-equations.ts';
import { serviceWorker } from './site/lib/service-worker-build.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  srcDir: './site',
  // GitHub Pages serves the site under /<repo>/: BASE_PATH=/learning-dynamics/ npm run build
  base: process.env.BASE_PATH || '/',
  site: process.env.SITE_URL || undefined,
  trailingSlash: 'ignore',
  // serviceWorker() last: it precaches what the build (and any integration before it) wrote.
  integrations: [mdx(), serviceWorker()],
  markdown: {
    // Astro 7's default processor runs no remark/rehype plugins (stack.md): use unified, which MDX inherits.
    processor: unified({
      remarkPlugins: [remarkMath, [remarkCitations, { bibPath: new URL('./content/references.bib', import.meta.url) }]],
      rehypePlugins: [
        // strict: 'error' makes LaTeX that KaTeX would only warn about an error; rehypeEquations then fails the build.
        [rehypeKatex, { strict: 'error' }],
        rehypeEquations,
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
