/** The figure list of the figure pages and the gallery, from the registry and the published chapters. */
import { getCollection } from 'astro:content';
import { figures } from '../../engine/registry.ts';
import { figureEntries, type FigureEntry } from './figure-index.ts';

export async function figureList(): Promise<FigureEntry[]> {
  const chapters = await getCollection('chapters', ({ data }) => data.status === 'published');
  return figureEntries(figures, Object.fromEntries(chapters.map((c) => [c.data.slug, c.body])));
}
