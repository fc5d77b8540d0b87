/**
 * The figure pages' one list: every figure of the engine's registry, in reading order (chapter number,
 * then where its <Figure id="…" /> stands in the chapter's MDX; a figure no chapter shows yet comes last
 * in its chapter, in registry order), with the links the figure page and the gallery need.
 */
import type { FigureSpec } from '../../engine/spec.ts';
import { chapterInfo, type ChapterInfo } from './chapters.ts';
import { chapterHref, withBase } from './url.ts';

export interface FigureEntry {
  id: string;
  title: string;
  source: FigureSpec['source'];
  chapter: ChapterInfo;
  /** /figures/<id>/ under the base path. */
  href: string;
  /** The figure in its chapter: /<chapter>/#<id> under the base path; none while the chapter is a draft. */
  inChapter?: string;
  /**
   * Its number ("3.2") once figures are numbered per chapter (issue 8, item 1, branch `anchors`): set it
   * here from that numbering and the figure page and the gallery show "Figure 3.2" (they render it when present).
   */
  number?: string;
}

/** Where `<Figure id="<id>"` first appears in an MDX body, or Infinity. */
function position(body: string | undefined, id: string): number {
  const i = body ? body.search(new RegExp(`<Figure\\s+id=["']${id.replace(/[-.]/g, '\\$&')}["']`)) : -1;
  return i < 0 ? Infinity : i;
}

/**
 * Reading order of the figures. `bodies` maps the slug of each published chapter to its MDX source
 * (or undefined, when its text is not at hand); a figure of any other chapter gets no chapter link.
 */
export function figureEntries(specs: readonly Pick<FigureSpec, 'id' | 'title' | 'source' | 'chapter'>[], bodies: Record<string, string | undefined>): FigureEntry[] {
  return specs
    .map((s, registryIndex) => ({ s, registryIndex, chapter: chapterInfo(s.chapter), at: position(bodies[s.chapter], s.id) }))
    .sort((a, b) => a.chapter.number - b.chapter.number || a.at - b.at || a.registryIndex - b.registryIndex)
    .map(({ s, chapter }) => ({
      id: s.id,
      title: s.title,
      source: s.source,
      chapter,
      href: withBase(`/figures/${s.id}/`),
      ...(chapter.slug in bodies ? { inChapter: `${chapterHref(chapter.slug)}#${s.id}` } : {}),
    }));
}

/**
 * A smaller copy of a build-time chart for a thumbnail: geometry rounded to whole units of the 640-wide
 * view box (Plot writes 16 digits), under a quarter of a pixel at thumbnail size; radii keep one decimal.
 * Text (tick labels such as 0.0001) is left as it is.
 */
export function thumbnailSvg(svg: string): string {
  return svg.replace(GEOMETRY, (_m, name: string, value: string) => {
    const digits = name === 'r' ? 10 : 1;
    return ` ${name}="${value.replace(/-?\d*\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * digits) / digits || 0))}"`;
  });
}

const GEOMETRY = / (d|transform|x|y|x1|x2|y1|y2|cx|cy|r|points)="([^"]*)"/g;
