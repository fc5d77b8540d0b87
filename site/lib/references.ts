/**
 * The site's bibliography, read from content/references.bib at build time (Vite `?raw` import,
 * so editing the .bib file reloads the dev server).
 */
import source from '../../content/references.bib?raw';
import { Bibliography } from './bib.ts';

export const bibliography = new Bibliography(source);

/** The entry for a key; throws (and so fails the build) on an unknown key. */
export function getReference(key: string) {
  return bibliography.get(key);
}
