/**
 * `npm run bench`: performance numbers, not a test (it is not part of `npm test`).
 *   (a) the reference workload (2-layer ReLU, X 1000×100, hidden 100, logistic loss, one full-batch GD step)
 *       in Node (tfjs cpu, tfjs wasm, Float64 loops) and in a module worker in headless Chromium (tfjs wasm SIMD,
 *       tfjs cpu, Float64 loops);
 *   (b) per figure on the built site: input → first frame and → final frame, median of reruns; then each figure's
 *       default scale against the paper's (scripts/bench/scale.ts) with its rerun time;
 *   (c) gzip sizes of the page-load JS of /modes/, the engine worker chunk(s) and the .wasm files.
 * Prints tables and writes bench-results/latest.json (latest-throttleN.json with --throttle=N).
 * Flags: --only=reference|figures|sizes (repeatable), --reruns=N (default 5), --build (rebuild dist/ even if present;
 * otherwise it is built only when missing), --figures=id,id (only these in (b)), --throttle=N (b on a reader's slower
 * machine: Chromium's CPU throttled N× on each page, which also slows its engine worker: the bench measures that
 * first, scripts/bench/throttle.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFigures, VERY_LONG_MS, type FigureTiming } from './bench/figures.ts';
import type { StepTiming } from './bench/measure.ts';
import { benchReferenceBrowser } from './bench/reference-browser.ts';
import { benchReferenceNode } from './bench/reference-node.ts';
import { scaleRows } from './bench/scale.ts';
import { measureSizes, type SizeRow } from './bench/sizes.ts';
import { FLOP_PER_STEP } from './bench/workload.ts';
import { figures } from '../engine/registry.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const only = args.filter((a) => a.startsWith('--only=')).map((a) => a.slice(7));
const want = (s: string) => only.length === 0 || only.includes(s);
const reruns = Number(args.find((a) => a.startsWith('--reruns='))?.slice(9) ?? 5);
const throttle = Number(args.find((a) => a.startsWith('--throttle='))?.slice(11) ?? 1);
if (!(throttle >= 1)) throw new Error('--throttle=N needs N ≥ 1 (1: no throttling)');
/** Issue 10's budgets: a default rerun within 1 s (4 s at 4× throttle), no main-thread task over 50 ms while a figure runs. */
const RERUN_BUDGET_MS = 1000 * Math.max(1, throttle);
const LONG_TASK_MS = 50;

/** The pages and figures measured in (b): every registered figure on its chapter's page (`--figures=a,b` to pick). */
const picked = args.find((a) => a.startsWith('--figures='))?.slice(10).split(',');
const FIGURE_PAGES = [...new Set(figures.map((f) => f.chapter))].map((chapter) => ({
  path: `${chapter}/`,
  figures: figures.filter((f) => f.chapter === chapter && (!picked || picked.includes(f.id))).map((f) => f.id),
})).filter((p) => p.figures.length > 0);

function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '—' : typeof c === 'number' ? fmt(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...cells.map(line)].join('\n');
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

const kb = (b: number) => b / 1024;

function ensureBuilt(): void {
  if (existsSync(join(dist, 'index.html')) && !args.includes('--build')) return;
  console.log('> npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('npm run build failed');
}

async function main() {
  const results: {
    date: string;
    throttle: number;
    machine: Record<string, string | number>;
    reference?: { flopPerStep: number; node: StepTiming[]; chromium: StepTiming[]; notes: string[]; chromiumVersion: string };
    figures?: FigureTiming[];
    throttleCheck?: { main: [number, number]; worker: [number, number] } | null;
    sizes?: SizeRow[];
    errors: string[];
  } = {
    date: new Date().toISOString(),
    throttle,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
    },
    errors: [],
  };

  if (want('reference')) {
    console.log(`\n(a) Reference workload: one full-batch GD step, ${(FLOP_PER_STEP / 1e6).toFixed(0)} MFLOP; median of 30 steps after 5 warm-up\n`);
    const node = await benchReferenceNode();
    let chromium: StepTiming[] = [];
    let notes: string[] = [];
    let chromiumVersion = '';
    try {
      const b = await benchReferenceBrowser();
      chromium = b.results;
      notes = b.notes;
      chromiumVersion = b.browser;
    } catch (e) {
      results.errors.push(`reference in Chromium: ${e instanceof Error ? e.message : String(e)}`);
    }
    results.reference = { flopPerStep: FLOP_PER_STEP, node, chromium, notes, chromiumVersion };
    // Float64 loops are the reference: every float32 form must end at the same loss to 1e-6 relative.
    const f64 = node.find((r) => r.name.includes('Float64'))?.lossLast ?? NaN;
    const rel = (r: StepTiming) => Math.abs(r.lossLast - f64) / Math.abs(f64);
    console.log(
      table(
        ['implementation', 'ms/step (median)', 'min', 'max', 'GFLOP/s', 'loss after 35 steps', 'rel. diff to Float64'],
        [...node, ...chromium].map((r) => [r.name, r.msPerStep, r.minMs, r.maxMs, r.gflops, r.lossLast.toPrecision(7), rel(r).toExponential(1)]),
      ),
    );
    for (const r of [...node, ...chromium]) {
      if (r.name.includes('engine step') && !(rel(r) <= 1e-6)) results.errors.push(`${r.name}: loss differs from Float64 by ${rel(r).toExponential(2)} relative (limit 1e-6)`);
    }
    console.log('Engine step: engine/nn/relu-logistic.ts. Op for op: the same maths as separate tfjs ops with transpose flags (scripts/bench/step-tf.ts), the engine’s form before issue 10.');
    if (notes.length) console.log(`Chromium ${chromiumVersion}: ${notes.join('; ')}`);
  }

  if (want('figures') || want('sizes')) {
    try {
      ensureBuilt();
    } catch (e) {
      results.errors.push(String(e));
    }
  }

  if (want('figures') && existsSync(join(dist, 'index.html'))) {
    const slow = throttle > 1 ? `, CPU throttled ${throttle}× (Emulation.setCPUThrottlingRate on each page)` : '';
    console.log(`\n(b) Figures on the built site, default state, headless Chromium${slow}: median of ${reruns} reruns\n`);
    try {
      const r = await benchFigures(dist, FIGURE_PAGES, reruns, throttle);
      results.figures = r.figures;
      results.throttleCheck = r.throttleCheck;
      console.log(
        table(
          ['figure', 'first frame ms', 'final ms', 'first rerun ms', '(same state later)', 'ms/step', `longest task ms`, `tasks > ${LONG_TASK_MS} ms`, `(> ${VERY_LONG_MS} ms)`, 'longest task ms (first rerun)', 'longest frame ms: script, rendering', 'backend', 'shown'],
          results.figures.map((f) => [
            f.id,
            f.firstFrameMs,
            f.finalMs,
            f.coldFinalMs,
            f.awayFinalMs,
            f.msPerStep,
            f.longestTaskMs ?? `< ${LONG_TASK_MS}`,
            String(f.longTasks),
            String(f.veryLongTasks),
            f.coldLongestTaskMs ?? `< ${LONG_TASK_MS}`,
            f.longestFrame ? `${fmt(f.longestFrame.ms)}: ${fmt(f.longestFrame.scriptMs)}, ${fmt(f.longestFrame.renderMs)}` : `< ${LONG_TASK_MS}`,
            f.backend,
            f.shown,
          ]),
        ),
      );
      console.log(
        `First rerun: the first after load, one key press away from the default (the first range control); "(same state later)": the median of the later reruns to that state, so the difference is what a first run costs. Longest task: the longest main-thread task over ${LONG_TASK_MS} ms (PerformanceObserver 'longtask') from key press to final frame, over the ${2 * reruns} timed reruns (away and back), and how many there were (over ${LONG_TASK_MS} ms, and of those over ${VERY_LONG_MS} ms); "longest task ms (first rerun)": the same for the first rerun after load. Longest frame: the longest animation frame over ${LONG_TASK_MS} ms in the timed reruns (Long Animation Frames API: a task and the rendering that follows it), with its scripts' time (each script over 5 ms, requestAnimationFrame callbacks included) and its rendering's (style, layout, paint, and ResizeObserver callbacks); what is left is other work (shorter scripts, GC, message decoding).`,
      );
      if (r.throttleCheck) {
        const { main, worker } = r.throttleCheck;
        const ms = ([a, b]: [number, number]) => `${fmt(a)} → ${fmt(b)} ms (${(b / a).toFixed(1)}×)`;
        console.log(`Throttle check, the same JS loop unthrottled → throttled ${throttle}× (medians of 3, interleaved): main thread ${ms(main)}, dedicated worker ${ms(worker)}.`);
      }
      const over = results.figures.filter((f) => f.finalMs > RERUN_BUDGET_MS).map((f) => `${f.id} ${fmt(f.finalMs)} ms`);
      const janky = results.figures.filter((f) => f.longTasks > 0).map((f) => `${f.id} (${f.longTasks}, longest ${fmt(f.longestTaskMs ?? 0)} ms)`);
      console.log(`Reruns over ${RERUN_BUDGET_MS} ms: ${over.length ? over.join(', ') : 'none'}. Figures with main-thread tasks over ${LONG_TASK_MS} ms: ${janky.length ? janky.join(', ') : 'none'}.`);
    } catch (e) {
      results.errors.push(`figures: ${e instanceof Error ? e.message : String(e)}`);
    }
    // Issue 10: each figure's default scale against the paper's (from the specs' "(paper: …)" parameter docs).
    const timing = new Map((results.figures ?? []).map((f) => [f.id, f]));
    const scale = scaleRows(figures).filter((r) => timing.has(r.id));
    if (scale.length) {
      console.log('\nScale of the default run (parameters whose default differs from the paper value stated in the spec)\n');
      console.log(
        table(
          ['figure', 'paper scale', 'default scale', 'rerun ms (median)', 'first frame ms', 'first rerun after load ms', '(same state later)'],
          scale.map((r) => {
            const t = timing.get(r.id)!;
            const same = r.stated ? 'as the paper' : 'no paper value in the spec';
            return [r.id, r.paper || same, r.defaults || same, t.finalMs, t.firstFrameMs, t.coldFinalMs, t.awayFinalMs];
          }),
        ),
      );
    }
  }

  if (want('sizes') && existsSync(join(dist, 'index.html'))) {
    console.log('\n(c) Transfer sizes (gzip)\n');
    results.sizes = measureSizes(dist);
    console.log(table(['what', 'raw KB', 'gzip KB', 'files'], results.sizes.map((s) => [s.what, kb(s.rawBytes), kb(s.gzipBytes), String(s.files.length)])));
  }

  const outDir = join(root, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = throttle > 1 ? `latest-throttle${throttle}.json` : 'latest.json';
  writeFileSync(join(outDir, file), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nWrote bench-results/${file}`);
  if (results.errors.length) {
    console.error(`\nSome parts failed:\n  ${results.errors.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
