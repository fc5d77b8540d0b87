/** The reference workload in a module Web Worker in headless Chromium (wasm SIMD and cpu backends, Float64 loops). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium } from './chromium.ts';
import type { StepTiming } from './measure.ts';
import { serveStatic } from './serve.ts';
import type { BenchReply } from './worker.ts';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDist = join(here, '..', '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
const w = new Worker('./worker.js', { type: 'module' });
w.onmessage = (ev) => { window.__bench = ev.data; };
w.onerror = (ev) => { window.__bench = { ok: false, error: 'worker failed to load: ' + ev.message }; };
w.postMessage({ wasmBase: new URL('./wasm/', location.href).href, quick: location.search === '?quick' });
</script>`;

export interface BrowserReference {
  results: StepTiming[];
  notes: string[];
  browser: string;
}

export async function benchReferenceBrowser({ quick = false } = {}): Promise<BrowserReference> {
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-'));
  try {
    await build({
      entryPoints: [join(here, 'worker.ts')],
      outfile: join(dir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      logLevel: 'warning',
    });
    writeFileSync(join(dir, 'index.html'), PAGE);
    const server = await serveStatic({ '/wasm/': wasmDist, '/': dir });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/${quick ? '?quick' : ''}`);
      const handle = await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
        timeout: 300_000,
        polling: 250,
      });
      const reply = (await handle.jsonValue()) as BenchReply;
      if (!reply.ok) throw new Error(reply.error);
      const wasmFiles = server.requests.filter((p) => p.endsWith('.wasm')).map((p) => p.split('/').pop());
      return { results: reply.results, notes: [...reply.notes, `wasm fetched: ${wasmFiles.join(', ') || 'none'}`], browser: browser.version() };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
