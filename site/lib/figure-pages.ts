/** The figure list of the figure pages and the gallery, from the registry and the published chapters. */
import { getCollection } from 'astro:content';
import { figures } from '../../engine/registry.ts';
import { figureEntries, type FigureEntry } from './figure-index.ts';
import { figureNumbers } from './figure-numbers.ts';

export async function figureList(): Promise<FigureEntry[]> {
  const chapters = await getCollection('chapters', ({ data }) => data.status === 'published');
  const numbers = figureNumbers();
  return figureEntries(figures, Object.fromEntries(chapters.map((c) => [c.data.slug, c.body]))).map((e) => {
    const n = numbers.get(e.id);
    return n ? { ...e, number: n.number } : e;
  });
}
