/**
 * The precache list written by buildServiceWorker, on a small stand-in for a build: every file is precached
 * except the listed exclusions, revisions follow content (an independent MD5 of each file, which is what
 * Workbox uses), hashed `_astro/` files are cached by URL, and the list ends up in sw.js.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServiceWorker, SW_FILE } from './service-worker-build.ts';

/** One file of each kind a build holds (names as Vite writes them), and whether it must be precached. */
const FILES: Record<string, { body: string; precached: boolean }> = {
  'index.html': { body: '<!doctype html><title>home</title>', precached: true },
  '404.html': { body: '<!doctype html><title>not found</title>', precached: true },
  'modes/index.html': { body: '<!doctype html><title>modes</title>', precached: true },
  'figures/saxe-mode-curves/index.html': { body: '<!doctype html><title>figure</title>', precached: true },
  '_astro/Base.astro_astro_type_script_index_0_lang.B3HtcX-W.js': { body: 'console.log(1)', precached: true },
  '_astro/worker-DlW4UlF2.js': { body: 'self.onmessage=()=>{}', precached: true },
  '_astro/chapters.DfHb94Kk.css': { body: 'body{}', precached: true },
  '_astro/tfjs-backend-wasm-simd-BrM3BlWr.wasm': { body: '\0asm', precached: true },
  '_astro/KaTeX_Main-Regular.B22Nviop.woff2': { body: 'wOF2', precached: true },
  '_astro/KaTeX_Main-Regular.Dr94JaBh.woff': { body: 'wOFF', precached: false },
  '_astro/KaTeX_Main-Regular.ypZvNtVU.ttf': { body: 'ttf', precached: false },
  '_astro/digits-DBZY8zuL.bin': { body: 'digits', precached: true },
  '_astro/worker-DlW4UlF2.js.map': { body: '{}', precached: false },
  'data/index.json': { body: '{"a":1}', precached: true },
};

let dir = '';
let result: Awaited<ReturnType<typeof buildServiceWorker>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ld-sw-test-'));
  for (const [path, { body }] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), body);
  }
  result = await buildServiceWorker(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('buildServiceWorker', () => {
  it('precaches every file except the listed exclusions', () => {
    const expected = Object.keys(FILES).filter((f) => FILES[f].precached).sort();
    expect(result.entries.map((e) => e.url).sort()).toEqual(expected);
    const bytes = expected.reduce((n, f) => n + Buffer.byteLength(FILES[f].body), 0);
    expect(result.size).toBe(bytes);
  });

  it('revisions come from content; hashed files are cached by their URL', () => {
    for (const { url, revision } of result.entries) {
      if (url.startsWith('_astro/')) expect(revision, url).toBeNull();
      else expect(revision, url).toBe(md5(FILES[url].body));
    }
  });

  it('writes the list into sw.js, relative to it (so it works under a base path)', async () => {
    const sw = await readFile(join(dir, SW_FILE), 'utf8');
    expect(sw).not.toContain('__WB_MANIFEST');
    for (const { url } of result.entries) expect(sw).toContain(JSON.stringify(url));
    expect(sw).not.toMatch(/"\/(index\.html|_astro)/);
    // The worker's own behaviour made it into the bundle: SKIP_WAITING only on request, queries ignored.
    expect(sw).toContain('SKIP_WAITING');
    expect(sw).not.toContain('process.env');
  });

  it('a second build with one page changed changes that revision only', async () => {
    await writeFile(join(dir, 'modes/index.html'), '<!doctype html><title>modes, new</title>');
    const again = await buildServiceWorker(dir);
    const before = new Map(result.entries.map((e) => [e.url, e.revision]));
    const changed = again.entries.filter((e) => before.get(e.url) !== e.revision).map((e) => e.url);
    expect(changed).toEqual(['modes/index.html']);
  });
});
