/**
 * Astro integration: after `astro build`, index the built pages with Pagefind (its Node API) into
 * <outDir>/pagefind/, so `npm run build`, `npm start` and the end-to-end builds (dist/, dist-sub/) all ship
 * the search index. Only chapter text is indexed (`data-pagefind-body` on the chapter article); figure
 * controls, data tables and the like are left out.
 */
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Parts of a chapter that are not prose: numbers and controls would only add noise to the results. */
export const PAGEFIND_EXCLUDE = ['.ld-controls', '.ld-transport', '.ld-data', '.ld-actions', '.ld-footer', '.ld-progress', '.ld-legend', '.ld-chart', '.katex-html', '.katex-mathml annotation', '.ld-cite-tip', '.ld-heading-anchor'];

export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'learning-dynamics:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: PAGEFIND_EXCLUDE, forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
        if (added.page_count === 0) throw new Error('Pagefind indexed no page: is data-pagefind-body on the chapters?');
        const written = await index.writeFiles({ outputPath: `${site.replace(/\/$/, "")}/pagefind` });
        if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
        await pagefind.close();
        // The site searches through Pagefind's JS API (site/lib/search.ts); its ready-made UIs are not shipped or precached.
        const out = `${site.replace(/\/$/, '')}/pagefind`;
        for (const f of readdirSync(out)) if (/^pagefind-(.*ui|highlight)\.(js|css)$/.test(f)) rmSync(`${out}/${f}`);
        logger.info(`Pagefind indexed ${added.page_count} pages into ${site}pagefind/`);
      },
    },
  };
}
