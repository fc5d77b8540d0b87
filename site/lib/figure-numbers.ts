/**
 * Figure numbers, per chapter: "Figure 3.2" is the second `<Figure id="…" />` in order of appearance in
 * chapter 3's MDX. Read from content/chapters/*.mdx at build (Node), so a chapter can reference a figure of
 * another chapter (`<FigRef id="saxe-depth" />`), and the figure pages can show the same number.
 * Only published chapters count; a figure placed twice fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chapterInfo } from './chapters.ts';

export interface FigureNumber {
  id: string;
  /** Chapter slug and number. */
  slug: string;
  chapter: number;
  /** 1-based position of the figure in its chapter. */
  n: number;
  /** "3.2" */
  number: string;
  /** "Figure 3.2" */
  label: string;
}

export interface ChapterSource {
  /** File name, for messages. */
  file: string;
  source: string;
}

/** Fenced code, inline code and MDX/HTML comments cannot hold a figure. */
function stripCode(mdx: string): string {
  return mdx
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

export function frontmatterField(mdx: string, name: string): string | undefined {
  const fm = /^---\n([\s\S]*?)\n---/.exec(mdx)?.[1] ?? '';
  return new RegExp(`^${name}:\\s*["']?([^"'\\n]+?)["']?\\s*$`, 'm').exec(fm)?.[1];
}

/** The ids of the `<Figure>` elements of one MDX source, in order (teasers excluded: they are not chapter figures). */
export function figureIdsIn(mdx: string): string[] {
  const body = stripCode(mdx.replace(/^---\n[\s\S]*?\n---/, ''));
  const ids: string[] = [];
  for (const m of body.matchAll(/<Figure\b([^>]*?)\/?>/g)) {
    const attrs = m[1];
    if (/\bteaser\b/.test(attrs)) continue;
    const id = /\bid=(?:"([^"]+)"|'([^']+)')/.exec(attrs);
    if (!id) throw new Error(`<Figure> without a literal id: ${m[0]}`);
    ids.push(id[1] ?? id[2]);
  }
  return ids;
}

/** Numbers every figure of the given chapter sources. */
export function numberFigures(chapters: ChapterSource[]): Map<string, FigureNumber> {
  const out = new Map<string, FigureNumber>();
  for (const { file, source } of chapters) {
    if (frontmatterField(source, 'status') !== 'published') continue;
    const slug = frontmatterField(source, 'slug');
    if (!slug) throw new Error(`${file}: no slug in the frontmatter.`);
    const chapter = chapterInfo(slug).number;
    figureIdsIn(source).forEach((id, i) => {
      const previous = out.get(id);
      if (previous) throw new Error(`${file}: figure "${id}" is already ${previous.label} (chapter "${previous.slug}"); a figure appears once.`);
      const number = `${chapter}.${i + 1}`;
      out.set(id, { id, slug, chapter, n: i + 1, number, label: `Figure ${number}` });
    });
  }
  return out;
}

// From the project root (builds and tests run there): this module is also bundled into Astro's prerender chunks.
const CHAPTER_DIR = new URL('content/chapters/', pathToFileURL(`${process.cwd()}/`));

/** The chapter MDX files, in file order. */
export function readChapters(): ChapterSource[] {
  return readdirSync(CHAPTER_DIR)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((file) => ({ file: `content/chapters/${file}`, source: readFileSync(new URL(file, CHAPTER_DIR), 'utf8') }));
}

/** Every published figure's number, read from the chapters now (each build reads the files afresh). */
export function figureNumbers(): Map<string, FigureNumber> {
  return numberFigures(readChapters());
}

/** One figure's number; throws (failing the build) for a figure in no published chapter. */
export function figureNumber(id: string, numbers = figureNumbers()): FigureNumber {
  const hit = numbers.get(id);
  if (!hit) throw new Error(`No published chapter shows figure "${id}". Known: ${[...numbers.keys()].join(', ')}.`);
  return hit;
}
