import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { CHAPTER_SLUGS, PARTS, chapterInfo } from './lib/chapters.ts';

/** Chapters: content/chapters/NN-slug.mdx. The entry id is the `slug` of the frontmatter. */
const chapters = defineCollection({
  // base is relative to the project root, not to srcDir.
  loader: glob({ pattern: '*.mdx', base: './content/chapters' }),
  schema: z
    .object({
      title: z.string().min(1),
      slug: z.enum(CHAPTER_SLUGS),
      number: z.number().int().min(1),
      part: z.enum(Object.keys(PARTS) as [keyof typeof PARTS, ...(keyof typeof PARTS)[]]),
      description: z.string().min(1),
      /** Citation keys of the papers the chapter restates (checked against references.bib at render). */
      sources: z.array(z.string()).min(1),
      /** 'draft' chapters are not built and stay "in preparation" on the landing page. */
      status: z.enum(['draft', 'published']),
      updated: z.coerce.date().optional(),
      /** The provenance box at the top of the chapter: what comes from where. */
      provenance: z.object({
        text: z.string().min(1),
        figures: z.string().min(1),
        ours: z.string().min(1),
      }),
    })
    .superRefine((data, ctx) => {
      // The list in site/lib/chapters.ts is the single source of numbers and parts.
      const info = chapterInfo(data.slug);
      if (info.number !== data.number) {
        ctx.addIssue({ code: 'custom', path: ['number'], message: `chapter "${data.slug}" is number ${info.number} in site/lib/chapters.ts` });
      }
      if (info.part !== data.part) {
        ctx.addIssue({ code: 'custom', path: ['part'], message: `chapter "${data.slug}" is in part ${info.part} in site/lib/chapters.ts` });
      }
    }),
});

export const collections = { chapters };
