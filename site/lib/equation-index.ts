/**
 * Which chapter numbers which equation, for references across chapters: "eq. (11)" in chapter 2 means
 * chapter 1's (11), since Saxe's numbering runs through chapters 1–3. Only numbers that exactly one
 * published chapter uses count (the supplementary (S1), (S2)… of chapters 4–8 are per chapter).
 */
import { chapterInfo } from './chapters.ts';
import { frontmatterField, readChapters, type ChapterSource } from './figure-numbers.ts';

export interface EquationHome {
  slug: string;
  chapter: number;
}

/** Equation number → its chapter, for numbers used by one published chapter only. */
export function equationHomes(chapters: ChapterSource[] = readChapters()): Map<string, EquationHome> {
  const seen = new Map<string, EquationHome[]>();
  for (const { source } of chapters) {
    if (frontmatterField(source, 'status') !== 'published') continue;
    const slug = frontmatterField(source, 'slug');
    if (!slug) continue;
    const chapter = chapterInfo(slug).number;
    for (const m of source.matchAll(/\\tag\*?\{([^}]*)\}/g)) {
      const tag = m[1].trim();
      seen.set(tag, [...(seen.get(tag) ?? []), { slug, chapter }]);
    }
  }
  return new Map([...seen].filter(([, homes]) => new Set(homes.map((h) => h.slug)).size === 1).map(([tag, homes]) => [tag, homes[0]]));
}
