/**
 * The bibliography, read and formatted by citation-js (@citation-js/core with the BibTeX and CSL plugins,
 * MIT): BibTeX in, CSL-JSON inside, CSL styles (APA) and BibTeX out. Build time only: imported by .astro
 * frontmatter and the remark plugin, never by a browser module.
 * What the library does not check, this file does: duplicate keys, entries without a title or year
 * (an unknown @string macro reads as an empty field), and unknown keys (a build error naming the key).
 */
import { Cite, plugins, type CslItem, type CslName } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export type { CslItem } from '@citation-js/core';

// BibTeX keys written by citation-js are the entries' ids (default: generated "Author2026Title" labels).
(plugins.config.get('@bibtex').format as { useIdAsLabel: boolean }).useIdAsLabel = true;

/** The citation style of the reference list, the pop-ups and "Cite this page". */
export const STYLE = 'apa';

export interface BibEntry {
  key: string;
  /** The entry as CSL-JSON (what citation-js read from the BibTeX). */
  csl: CslItem;
  /** Plain links (arXiv, DOI, URL): CSL has no arXiv field, so these come from the BibTeX fields. */
  links: { href: string; label: string }[];
}

export class BibError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BibError';
  }
}

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

function linksOf(raw: RawEntry | undefined): BibEntry['links'] {
  const f = raw?.properties ?? {};
  const s = (k: string) => (f[k] === undefined ? '' : String(f[k]).trim());
  const links: BibEntry['links'] = [];
  const archive = (s('archiveprefix') || s('eprinttype') || 'arxiv').toLowerCase();
  if (s('eprint') && archive === 'arxiv') links.push({ href: `https://arxiv.org/abs/${s('eprint')}`, label: `arXiv:${s('eprint')}` });
  if (s('doi')) links.push({ href: `https://doi.org/${s('doi')}`, label: `doi:${s('doi')}` });
  if (s('url') && !links.some((l) => l.href === s('url'))) links.push({ href: s('url'), label: s('url').replace(/^https?:\/\//, '') });
  return links;
}

/** Reads BibTeX. Throws BibError on a syntax error, a duplicate key, or an entry without title or year. */
export function parseBibtex(src: string): BibEntry[] {
  let raw: RawEntry[];
  let items: CslItem[];
  try {
    raw = plugins.input.chain(src, { target: '@biblatex/entries+list', generateGraph: false }) as RawEntry[];
    items = new Cite(src, { generateGraph: false }).data;
  } catch (err) {
    throw new BibError(`references.bib: ${(err as Error).message}`);
  }
  const seen = new Set<string>();
  for (const r of raw) {
    if (seen.has(r.label)) throw new BibError(`references.bib: duplicate key "${r.label}".`);
    seen.add(r.label);
  }
  return items.map((csl) => {
    const key = String(csl['citation-key'] ?? csl.id);
    if (!csl.title) throw new BibError(`references.bib: entry "${key}" has no title (an unknown @string macro reads as empty).`);
    if (!csl.issued?.['date-parts']?.[0]?.[0]) throw new BibError(`references.bib: entry "${key}" has no year.`);
    return { key, csl: { ...csl, id: key }, links: linksOf(raw.find((r) => r.label === key)) };
  });
}

/** A bibliography: entries by key, with a lookup that fails loudly. */
export class Bibliography {
  readonly entries: ReadonlyMap<string, BibEntry>;

  constructor(src: string) {
    this.entries = new Map(parseBibtex(src).map((e) => [e.key, e]));
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Returns the entry or throws, naming the unknown key and the known ones. */
  get(key: string): BibEntry {
    const entry = this.entries.get(key);
    if (!entry) {
      throw new BibError(
        `Unknown citation key "${key}". Add it to content/references.bib or fix the key. Known keys: ${[...this.entries.keys()].join(', ')}.`,
      );
    }
    return entry;
  }
}

/** "Tachet des Combes" (particle and family name) */
export function familyName(n: CslName): string {
  return n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
}

/** "Remi Tachet des Combes" */
export function fullName(n: CslName): string {
  return n.literal ?? [n.given, n['dropping-particle'], n['non-dropping-particle'], n.family, n.suffix].filter(Boolean).join(' ');
}

export function year(entry: BibEntry): string {
  return String(entry.csl.issued?.['date-parts']?.[0]?.[0] ?? '');
}

/** In-text names: "Saxe, McClelland & Ganguli", "Baldi & Hornik", "Tachet des Combes et al." */
export function shortAuthors(entry: BibEntry): string {
  const names = (entry.csl.author ?? entry.csl.editor ?? []).map(familyName);
  if (names.length === 0) return entry.csl.title ?? entry.key;
  if (names.length > 3) return `${names[0]} et al.`;
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;
}

/** "Saxe, McClelland & Ganguli (2014)" */
export function shortCitation(entry: BibEntry): string {
  return `${shortAuthors(entry)} (${year(entry)})`;
}

/** The reference in the site's CSL style, as HTML (the reference list) or plain text (pop-ups, labels). */
export function formatReference(entry: BibEntry, format: 'html' | 'text' = 'text'): string {
  const out = new Cite(entry.csl).format('bibliography', { format, template: STYLE, lang: 'en-US' }).trim();
  if (format === 'text') return out;
  // citation-js wraps one entry in <div class="csl-bib-body"><div class="csl-entry">…</div></div>: keep the entry's content.
  return out.replace(/^[\s\S]*?<div[^>]*class="csl-entry"[^>]*>/, '').replace(/<\/div>\s*<\/div>\s*$/, '').trim();
}

/** One line of plain text, e.g. for a pop-up or an aria-label. */
export function referenceText(entry: BibEntry): string {
  return formatReference(entry, 'text');
}

export interface PageCitation {
  /** Chapter title, e.g. "Learning Dynamics, Chapter 1: Modes". */
  title: string;
  /** BibTeX key. */
  key: string;
  /** Absolute URL of the page. */
  url: string;
  /** Date of the page's content (its last update). */
  date: Date;
  /** Authors of the page: the site's own authorship. */
  authors: string[];
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * "Cite this page": the formatted citation (CSL style) and a BibTeX entry, both written by citation-js;
 * plus the restated papers, whose authors own the results, in the same style and as BibTeX.
 */
export function citePage(p: PageCitation, sources: BibEntry[] = []): { text: string; bibtex: string; sources: string[]; sourcesBibtex: string } {
  const d = p.date;
  const item: CslItem = {
    id: p.key,
    type: 'webpage',
    title: p.title,
    'container-title': 'Learning Dynamics',
    author: p.authors.map((literal) => ({ literal })),
    issued: { 'date-parts': [[d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]] },
    URL: p.url,
  };
  const text = new Cite(item).format('bibliography', { format: 'text', template: STYLE, lang: 'en-US' }).trim();
  // BibTeX has a year and a month; the day goes in the note, with what the page restates.
  const restates = sources.length ? `An explorable restatement of ${sources.map(shortCitation).join('; ')}. ` : '';
  const bibItem: CslItem = { ...item, issued: { 'date-parts': [[d.getUTCFullYear(), d.getUTCMonth() + 1]] }, note: `${restates}Version of ${isoDate(d)}.` };
  const bibtex = new Cite(bibItem).format('bibtex', { format: 'text' }).trim();
  // CSL has no arXiv field: give the papers their arXiv (or DOI) URL for the BibTeX.
  const withUrl = sources.map((e) => ({ ...e.csl, URL: e.csl.URL ?? e.links[0]?.href }));
  return {
    text,
    bibtex,
    sources: sources.map((e) => formatReference(e, 'text')),
    sourcesBibtex: sources.length ? new Cite(withUrl).format('bibtex', { format: 'text' }).trim() : '',
  };
}
