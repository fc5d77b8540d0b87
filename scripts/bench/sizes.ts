/**
 * Transfer sizes (gzip at zlib's default level, as a static host serves them) of what a reader downloads:
 * the JS that /modes/ loads at page load (the scripts its HTML references and their static imports; lazy
 * chunks are listed separately), the engine worker chunk(s), and the .wasm binaries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizeRow {
  what: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

const gzip = (b: Buffer | string) => gzipSync(b).length;

const Q = '["\'`]';
const SPEC = '([^"\'`]+)';
/** Static `import … from "x"`, `import "x"` and `export … from "x"` in bundled ESM. */
const STATIC_RE = new RegExp(`(?:^|[;\\s}])(?:import|export)\\s*(?:[\\w$*{}\\s,]+?\\s*from\\s*)?${Q}${SPEC}${Q}`, 'g');
/** Dynamic `import("x")`: fetched later, on demand. */
const DYNAMIC_RE = new RegExp(`\\bimport\\(\\s*${Q}${SPEC}${Q}\\s*\\)`, 'g');

function specifiers(code: string, re: RegExp): string[] {
  return [...code.matchAll(re)].map((m) => m[1]);
}

/** The file under dist for a URL path in the built HTML, given the base path it was built with. */
function fileFor(dist: string, urlPath: string, base: string): string | null {
  const rel = urlPath.startsWith(base) ? urlPath.slice(base.length) : urlPath.replace(/^\//, '');
  const f = join(dist, rel.split(/[?#]/)[0]);
  return existsSync(f) ? f : null;
}

function resolveSpec(dist: string, from: string, spec: string, base: string): string | null {
  if (spec.startsWith('/')) return fileFor(dist, spec, base);
  if (!spec.startsWith('.')) return null;
  const f = join(dirname(from), spec);
  return existsSync(f) ? f : null;
}

/**
 * Files reachable from `entries` through static imports (minus those already loaded, `skip`), and the
 * dynamic-import targets met on the way.
 */
function closure(dist: string, entries: string[], base: string, skip: string[] = []): { files: string[]; lazy: string[] } {
  const seen = new Set<string>(skip);
  const lazy = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const code = readFileSync(f, 'utf8');
    for (const spec of specifiers(code, STATIC_RE)) {
      const g = resolveSpec(dist, f, spec, base);
      if (g) queue.push(g);
    }
    for (const spec of specifiers(code, DYNAMIC_RE)) {
      const g = resolveSpec(dist, f, spec, base);
      if (g) lazy.add(g);
    }
  }
  return { files: [...seen].filter((f) => !skip.includes(f)), lazy: [...lazy].filter((f) => !seen.has(f)) };
}

/** The base path the site was built with, read from its asset URLs. */
export function detectBase(html: string): string {
  return html.match(/["'](\/[^"']*?)_astro\//)?.[1] ?? '/';
}

function rowOf(dist: string, what: string, files: string[], inline: string[] = []): SizeRow {
  return {
    what,
    files: files.map((f) => f.slice(dist.length + 1)),
    rawBytes: files.reduce((s, f) => s + readFileSync(f).length, 0) + inline.reduce((s, c) => s + Buffer.byteLength(c), 0),
    gzipBytes: files.reduce((s, f) => s + gzip(readFileSync(f)), 0) + inline.reduce((s, c) => s + gzip(c), 0),
  };
}

/** The JS a page loads up front (its scripts and their static imports), and what it loads later (on hydration). */
export function pageJs(dist: string, pageUrl: string): SizeRow[] {
  const html = readFileSync(join(dist, pageUrl, 'index.html'), 'utf8');
  const base = detectBase(html);
  const entries: string[] = [];
  const inline: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = m[1].match(/\bsrc=["']([^"']+)["']/)?.[1];
    const type = m[1].match(/\btype=["']([^"']+)["']/)?.[1];
    if (type && !/module|javascript/.test(type)) continue;
    if (src) {
      const f = fileFor(dist, src, base);
      if (f) entries.push(f);
    } else if (m[2].trim()) {
      inline.push(m[2]);
      for (const spec of specifiers(m[2], STATIC_RE)) {
        const f = spec.startsWith('/') ? fileFor(dist, spec, base) : null;
        if (f) entries.push(f);
      }
    }
  }
  for (const m of html.matchAll(/<link\b[^>]*rel=["']modulepreload["'][^>]*>/g)) {
    const href = m[0].match(/\bhref=["']([^"']+)["']/)?.[1];
    const f = href ? fileFor(dist, href, base) : null;
    if (f) entries.push(f);
  }
  const now = closure(dist, entries, base);
  const later = closure(dist, now.lazy, base, now.files);
  const inl = inline.length ? ` + ${inline.length} inline` : '';
  return [
    rowOf(dist, `page-load JS of ${pageUrl} (${now.files.length} file(s)${inl})`, now.files, inline),
    rowOf(dist, `  loaded later, on hydration (${later.files.length} file(s))`, later.files),
  ];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function measureSizes(dist: string): SizeRow[] {
  const rows: SizeRow[] = [];
  if (existsSync(join(dist, 'modes', 'index.html'))) rows.push(...pageJs(dist, '/modes/'));
  const all = walk(dist);
  const astro = join(dist, '_astro');
  const entries = all.filter((f) => f.startsWith(astro) && /worker/i.test(f.slice(astro.length)) && f.endsWith('.js'));
  const worker = closure(dist, entries, '/');
  const workerLazy = closure(dist, worker.lazy, '/', worker.files);
  rows.push(rowOf(dist, `engine worker (_astro/*worker*.js + static imports: ${worker.files.length} file(s))`, worker.files));
  rows.push(rowOf(dist, `  loaded later by the worker (${workerLazy.files.length} file(s), e.g. wasm backend JS)`, workerLazy.files));
  for (const f of all.filter((x) => x.endsWith('.wasm'))) rows.push(rowOf(dist, `wasm: ${f.split('/').pop()}`, [f]));
  return rows;
}
