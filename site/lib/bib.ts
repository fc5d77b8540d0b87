/**
 * A small BibTeX reader: enough for a hand-written references.bib (entries, @string macros,
 * braces, quotes, `#` concatenation, common LaTeX accents), and a formatter for citations.
 * Pure: no file system, no Astro. Used at build time by the remark plugin and the components.
 */

export interface BibEntry {
  /** Entry type in lower case: article, inproceedings, misc, ... */
  type: string;
  key: string;
  /** Field names in lower case; values with LaTeX still in them (see `latexToText`). */
  fields: Record<string, string>;
}

export interface Name {
  first: string;
  last: string;
}

export class BibError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BibError';
  }
}

const MONTHS: Record<string, string> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

/** Parses BibTeX source. Throws BibError (with a line number) on malformed input or a duplicate key. */
export function parseBibtex(src: string): BibEntry[] {
  const entries: BibEntry[] = [];
  const macros: Record<string, string> = { ...MONTHS };
  const seen = new Set<string>();
  let i = 0;

  const line = (at: number) => src.slice(0, at).split('\n').length;
  const fail = (msg: string, at = i): never => {
    throw new BibError(`references.bib, line ${line(at)}: ${msg}`);
  };
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const readIdent = () => {
    const m = /^[A-Za-z0-9_:+\-./]+/.exec(src.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  // Reads a balanced {...} group starting at src[i] === '{'; returns its inner text.
  const readBraced = () => {
    const start = i;
    let depth = 0;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') { i++; continue; }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) { i++; return src.slice(start + 1, i - 1); }
      }
    }
    return fail('unbalanced braces', start);
  };
  const readQuoted = () => {
    const start = i;
    i++;
    let depth = 0;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') { i++; continue; }
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) { i++; return src.slice(start + 1, i - 1); }
    }
    return fail('unterminated quoted value', start);
  };
  const readValue = () => {
    const parts: string[] = [];
    for (;;) {
      skipWs();
      const c = src[i];
      if (c === '{') parts.push(readBraced());
      else if (c === '"') parts.push(readQuoted());
      else if (c !== undefined && /[0-9]/.test(c)) parts.push(readIdent());
      else {
        const name = readIdent().toLowerCase();
        if (!(name in macros)) fail(`unknown @string macro "${name}"`);
        parts.push(macros[name]);
      }
      skipWs();
      if (src[i] !== '#') return parts.join('');
      i++;
    }
  };

  while (i < src.length) {
    const at = src.indexOf('@', i);
    if (at < 0) break;
    i = at + 1;
    const type = readIdent().toLowerCase();
    skipWs();
    const open = src[i];
    if (open !== '{' && open !== '(') fail(`expected "{" after @${type}`);
    const close = open === '{' ? '}' : ')';
    if (type === 'comment' || type === 'preamble') {
      if (open === '{') readBraced();
      else { const end = src.indexOf(')', i); if (end < 0) fail('unterminated entry'); i = end + 1; }
      continue;
    }
    i++;
    skipWs();
    if (type === 'string') {
      const name = readIdent().toLowerCase();
      skipWs();
      if (src[i] !== '=') fail('expected "=" in @string');
      i++;
      macros[name] = readValue();
      skipWs();
      if (src[i] !== close) fail(`expected "${close}" to end @string`);
      i++;
      continue;
    }
    const entryStart = i;
    const key = readIdent();
    if (seen.has(key)) fail(`duplicate key "${key}"`, entryStart);
    seen.add(key);
    const fields: Record<string, string> = {};
    for (;;) {
      skipWs();
      if (src[i] === ',') { i++; skipWs(); }
      if (src[i] === close) { i++; break; }
      if (i >= src.length) fail(`unterminated entry "${key}"`, entryStart);
      const name = readIdent().toLowerCase();
      skipWs();
      if (src[i] !== '=') fail(`expected "=" after field "${name}" in "${key}"`);
      i++;
      if (name in fields) fail(`field "${name}" given twice in "${key}"`);
      fields[name] = readValue().replace(/\s+/g, ' ').trim();
    }
    entries.push({ type, key, fields });
  }
  return entries;
}

const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304',
  '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328',
};
const SYMBOLS: Record<string, string> = {
  o: 'ø', O: 'Ø', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
};

/** Turns the LaTeX in a field into plain Unicode text (accents, dashes, escapes; braces dropped). */
export function latexToText(s: string): string {
  let out = s
    // \'{e}, \'e, {\'e}: accent commands become combining marks, composed by NFC below.
    .replace(/\\([`'^"~=.])(?:\{\s*(\\?[A-Za-z])\s*\}|\s*(\\?[A-Za-z]))/g, (_, acc: string, braced?: string, bare?: string) => {
      const ch = braced ?? bare ?? '';
      return (ch === '\\i' ? 'i' : ch === '\\j' ? 'j' : ch) + ACCENTS[acc];
    })
    .replace(/\\([uvHck])\s*\{\s*(\\?[A-Za-z])\s*\}/g, (_, acc: string, ch: string) =>
      (ch === '\\i' ? 'i' : ch) + ACCENTS[acc])
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s?/g, (_, sym: string) => SYMBOLS[sym])
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/~/g, '\u00A0')
    .replace(/\\[A-Za-z]+\s*/g, '')
    .replace(/[{}]/g, '');
  out = out.replace(/\$([^$]*)\$/g, '$1');
  return out.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Splits a BibTeX author/editor list ("Last, First and First von Last and others"). */
export function parseNames(list: string): Name[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      const m = /^\s+and\s+/i.exec(list.slice(j));
      if (m) { names.push(list.slice(start, j)); j += m[0].length - 1; start = j + 1; }
    }
  }
  names.push(list.slice(start));
  return names.map((raw) => raw.trim()).filter(Boolean).map((raw) => {
    if (raw.toLowerCase() === 'others') return { first: '', last: 'others' };
    const commaParts = splitTopLevel(raw, ',');
    if (commaParts.length >= 2) {
      // "Last, First" or "Last, Jr, First".
      const last = latexToText(commaParts[0]);
      const first = latexToText(commaParts[commaParts.length - 1]);
      return { first, last };
    }
    const words = splitTopLevel(raw, ' ').filter(Boolean);
    // "First von Last": the last name starts at the first lower-case word (the "von" part), else it is the final word.
    let k = words.findIndex((w, idx) => idx > 0 && idx < words.length - 1 && /^[a-z]/.test(w));
    if (k < 0) k = words.length - 1;
    return { first: latexToText(words.slice(0, k).join(' ')), last: latexToText(words.slice(k).join(' ')) };
  });
}

function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s[j];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && c === sep) { parts.push(s.slice(start, j).trim()); start = j + 1; }
  }
  parts.push(s.slice(start).trim());
  return parts;
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

/** "Saxe, McClelland & Ganguli", "Baldi & Hornik", "Tachet des Combes et al." */
export function shortAuthors(entry: BibEntry): string {
  const names = parseNames(entry.fields.author ?? entry.fields.editor ?? '');
  const lasts = names.filter((n) => n.last !== 'others').map((n) => n.last);
  const etAl = names.some((n) => n.last === 'others');
  if (lasts.length === 0) return latexToText(entry.fields.title ?? entry.key);
  if (lasts.length > 3 || (etAl && lasts.length >= 1)) return `${lasts[0]} et al.`;
  if (lasts.length === 1) return lasts[0];
  return `${lasts.slice(0, -1).join(', ')} & ${lasts[lasts.length - 1]}`;
}

/** "Saxe, McClelland & Ganguli (2014)" */
export function shortCitation(entry: BibEntry): string {
  const year = entry.fields.year ? ` (${latexToText(entry.fields.year)})` : '';
  return `${shortAuthors(entry)}${year}`;
}

export interface FormattedReference {
  key: string;
  authors: string;
  year: string;
  title: string;
  /** Where it appeared: "Neural Networks 2(1), 53–58", "ICLR 2014", "arXiv preprint". */
  venue: string;
  note: string;
  links: { href: string; label: string }[];
}

/** "Andrew M. Saxe, James L. McClelland, and Surya Ganguli" */
export function fullAuthors(entry: BibEntry): string {
  const names = parseNames(entry.fields.author ?? entry.fields.editor ?? '');
  const parts = names.map((n) => (n.last === 'others' ? 'others' : [n.first, n.last].filter(Boolean).join(' ')));
  if (parts.length <= 1) return parts.join('');
  if (parts.length === 2) return `${parts[0]} and ${parts[1]}`;
  return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}`;
}

export function formatReference(entry: BibEntry): FormattedReference {
  const f = entry.fields;
  const t = (k: string) => (f[k] ? latexToText(f[k]) : '');
  let venue = '';
  if (f.journal) {
    venue = t('journal');
    if (f.volume) venue += ` ${t('volume')}${f.number ? `(${t('number')})` : ''}`;
    if (f.pages) venue += `, ${t('pages').replace(/-+/g, '\u2013')}`;
  } else if (f.booktitle) {
    venue = t('booktitle');
    if (f.pages) venue += `, pp. ${t('pages').replace(/-+/g, '\u2013')}`;
  } else if (f.howpublished) {
    venue = t('howpublished');
  } else if ((f.archiveprefix ?? '').toLowerCase() === 'arxiv') {
    venue = 'arXiv preprint';
  }
  const links: { href: string; label: string }[] = [];
  if (f.eprint && (f.archiveprefix ?? 'arxiv').toLowerCase() === 'arxiv') {
    links.push({ href: `https://arxiv.org/abs/${f.eprint}`, label: `arXiv:${f.eprint}` });
  }
  if (f.doi) links.push({ href: `https://doi.org/${f.doi}`, label: `doi:${f.doi}` });
  if (f.url && !links.some((l) => l.href === f.url)) links.push({ href: f.url, label: f.url.replace(/^https?:\/\//, '') });
  return {
    key: entry.key,
    authors: fullAuthors(entry),
    year: t('year'),
    title: t('title'),
    venue,
    note: t('note'),
    links,
  };
}

/** One line of plain text, e.g. for a tooltip or an aria-label. */
export function referenceText(entry: BibEntry): string {
  const r = formatReference(entry);
  return [`${r.authors} (${r.year}).`, `${r.title}.`, r.venue ? `${r.venue}.` : '', r.note ? `${r.note}.` : '']
    .filter(Boolean)
    .join(' ');
}
