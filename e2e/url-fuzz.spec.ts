/**
 * URL fuzz (seeded, bounded): random and mangled states for every figure, several figures per page
 * visit. Each state is a list of query entries per figure: wrong types, NaN, ±Infinity, −0, huge and
 * tiny numbers, 10,000-character values, Unicode, repeated keys, unknown and other figures' parameters,
 * __proto__/constructor, broken percent-encoding, markup and script-like strings, junk paused steps.
 *
 * Asserts, per page visit: no uncaught error and no console error or warning; no injected markup; every
 * figure keeps a chart and no error box; and control = URL = parameters run: every control shows the
 * value the URL repairs to (readUrlState, which must also be a valid grid value, checked independently),
 * the URL is left as it was (mounting never writes it), the run posted to the worker carries exactly
 * those parameters (and nothing the worker would repair again), a state that repairs to the defaults
 * starts no run; on every fifth visit one figure's run goes through (in turn) and each frame that arrives
 * within 1.5 s has the same parameters (on the others the test holds the run messages back: the two cores are not spent
 * training networks nobody looks at).
 *
 * CI: FUZZ_STATES (default 510) states spread over every figure; FUZZ_STATES=5000 runs more locally.
 * FUZZ_SEED picks the seed (printed in every failure).
 */
import { expect, test, type Page } from '@playwright/test';
import { figureById } from '../engine/registry.ts';
import { fmtParam } from '../engine/format.ts';
import { sanitize, toPosition } from '../engine/params.ts';
import type { FigureSpec, ParamDescriptor, ParamValue, Params } from '../engine/spec.ts';
import { usesNumberBox } from '../components/controls.ts';
import { readUrlState } from '../components/url-state.ts';
import { hasFigureState } from '../components/url-keys.ts';
import { toMeta } from '../engine/spec.ts';
import { PAGES, recordProblems } from './helpers.ts';

const STATES = Number(process.env.FUZZ_STATES ?? 510);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const FIGURES_PER_ROUND = PAGES.reduce((n, p) => n + p.figures.length, 0);
const ROUNDS = Math.max(1, Math.ceil(STATES / FIGURES_PER_ROUND));
/** How long to wait for first frames after the checks (those that arrive are compared too). */
const FRAME_WAIT_MS = 1500;
/** Every RUN_EVERY-th visit lets the runs reach the worker (the others check what would be posted). */
const RUN_EVERY = 5;
/**
 * Time allowed per visit (the test's timeout is 60 s + ROUNDS × this). A visit took 3–8 s on a quiet
 * 2-core machine and up to 18 s at load 8–13 (this file with a neighbour's work running); the earlier
 * 8 s per visit made whole pages time out there (/initialization/ at seed 20261128, /decoupling/ at seed 1),
 * which read as hangs. Each visit is a test step, so a real hang names its visit, and the slowest visit is
 * printed with the counts.
 */
const VISIT_BUDGET_MS = 25_000;

/** mulberry32: tiny, seeded, good enough to pick mutations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const hashString = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

/** Markers that must never turn into elements or run (they are only ever text). */
const INJECT = [
  '<img src=x data-fuzz-injected onerror="window.__fuzzInjected=1">',
  '<script>window.__fuzzInjected=1</script>',
  '"><b data-fuzz-injected>x</b>',
  "javascript:window.__fuzzInjected=1",
  '{{constructor.constructor("window.__fuzzInjected=1")()}}',
];
const UNICODE = ['١٢٣', '５', '0.１', '٣e٢', '🙂', '\u202e123', 'Ω', '\u0000', 'ｔｒｕｅ', 'e\u0301', '\u{10ffff}'];
const WEIRD_NUMBERS = ['NaN', 'Infinity', '-Infinity', '+Infinity', '-0', '0', '1e308', '-1e308', '1e-308', '5e-324', '1e999', '0x10', '0b1', '1_000', ' 1', '1 ', '', '.', '-', '1e', '..1', '1.2.3', '+.5', '00012'];

/** One raw value for a parameter: sometimes valid, mostly not. */
function rawValue(r: Rng, d: ParamDescriptor, allNames: readonly string[]): string {
  const valid = (): string => {
    if (d.kind === 'boolean') return r.pick(['true', 'false', '1', '0']);
    if (d.kind === 'choice') return r.pick(d.options).value;
    if (d.values) return String(r.pick(d.values));
    return String(d.min + r.int(Math.floor((d.max - d.min) / d.step) + 1) * d.step);
  };
  switch (r.int(12)) {
    case 0:
    case 1:
      return valid();
    case 2:
      return r.pick(WEIRD_NUMBERS);
    case 3:
      return r.pick(UNICODE) + (r.next() < 0.5 ? valid() : '');
    case 4:
      return r.pick(['x', '9', '0.5', '<']).repeat(10_000);
    case 5:
      return r.pick(INJECT);
    case 6:
      return r.pick(['true', 'false', 'null', 'undefined', '[]', '{}', '[1,2]', '{"a":1}', r.pick(allNames)]);
    case 7:
      return d.kind === 'number' ? String((r.next() - 0.5) * 10 ** r.int(30)) : valid().toUpperCase();
    case 8:
      return d.kind === 'number' ? String(d.min - r.next() * (d.max - d.min + 1)) : ` ${valid()}`;
    case 9:
      return d.kind === 'number' ? String(d.max + r.next() * (d.max - d.min + 1)) : `${valid()}\n`;
    case 10:
      return d.kind === 'number' ? String(r.next() * d.max) : valid();
    default:
      return String(r.next());
  }
}

const enc = (s: string) => encodeURIComponent(s);
/** Percent-encoding the browser cannot decode (URLSearchParams keeps it, or replaces it with U+FFFD). */
const BROKEN = ['%', '%z', '%E0%A4%A', '%C3', '%%41', '%u0041', '%FF%FE', '%00'];

/** One figure's query entries (already encoded, some deliberately broken). Always at least one entry. */
function stateFor(r: Rng, spec: FigureSpec, others: readonly FigureSpec[]): string[] {
  const entries: string[] = [];
  const names = spec.params.map((d) => d.name);
  const key = (name: string) => `${enc(spec.id)}.${name}`;
  for (const d of spec.params) {
    if (r.next() < 0.45) continue;
    const v = rawValue(r, d, names);
    entries.push(`${key(enc(d.name))}=${r.next() < 0.1 ? v.replace(/[&#=]/g, '') + r.pick(BROKEN) : enc(v)}`);
    // A repeated key (the page takes the last one; the oracle reads the same URL).
    if (r.next() < 0.15) entries.push(`${key(enc(d.name))}=${enc(rawValue(r, d, names))}`);
  }
  const extras = r.int(3);
  for (let i = 0; i < extras; i++) {
    const other = r.pick(others);
    const name = r.pick([
      'nope',
      '__proto__',
      'constructor',
      'prototype',
      'hasOwnProperty',
      'toString',
      r.pick(other.params).name, // another figure's parameter under this figure's id
      'x'.repeat(300),
      enc('ünï'),
      r.pick(BROKEN),
    ]);
    entries.push(`${key(name)}=${enc(rawValue(r, r.pick(spec.params), names))}`);
  }
  if (r.next() < 0.15) entries.push(`${enc(spec.id)}:step=${enc(r.pick(['-1', '1e9', 'abc', '3', '0', '1.5', '9'.repeat(40)]))}`);
  if (r.next() < 0.05) entries.push(`__proto__[x]=1`, `constructor.prototype.x=1`);
  // Another figure's entries on this page's URL are harmless too.
  if (r.next() < 0.1) entries.push(`${enc(r.pick(others).id)}.steps=1`);
  if (!entries.length) entries.push(`${key(enc(r.pick(names)))}=${enc(rawValue(r, r.pick(spec.params), names))}`);
  return entries;
}

/** What a grid value must be, checked without the page's code path: in range, on the grid, of the right type. */
function validValue(d: ParamDescriptor, v: ParamValue): boolean {
  if (d.kind === 'boolean') return typeof v === 'boolean';
  if (d.kind === 'choice') return d.options.some((o) => o.value === v);
  if (typeof v !== 'number' || !Number.isFinite(v) || Object.is(v, -0) || v < d.min || v > d.max) return false;
  if (d.values) return d.values.includes(v);
  const k = (v - d.min) / d.step;
  return Math.abs(k - Math.round(k)) < 1e-9 && (!d.integer || Number.isInteger(v));
}

interface Recorded {
  runs: { runId: number; slot: string; params: Params }[];
  frames: { runId: number; params: Params }[];
  injected: boolean;
}

/** Record what the page posts to the engine worker and what comes back (test instrumentation only). */
async function instrument(page: Page) {
  await page.addInitScript(() => {
    const rec = { runs: [] as unknown[], frames: [] as unknown[] };
    (window as unknown as { __fuzz: typeof rec }).__fuzz = rec;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, m: unknown, ...rest: unknown[]) {
      const msg = m as { type?: string; runId?: number; slot?: string; params?: unknown };
      if (msg?.type === 'run') {
        rec.runs.push(JSON.parse(JSON.stringify({ runId: msg.runId, slot: msg.slot, params: msg.params })));
        // Most visits check what is posted and move on: the run itself is not needed and would only
        // load the two cores. Visits marked #fuzz-run let it through and compare its frames.
        if (location.hash !== `#fuzz-run=${msg.slot}`) return;
      }
      return (post as (...a: unknown[]) => void).call(this, m, ...rest);
    } as typeof Worker.prototype.postMessage;
    const add = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (this: Worker, type: string, fn: unknown, ...rest: unknown[]) {
      if (type === 'message') {
        add.call(this, 'message', (ev: Event) => {
          const m = (ev as MessageEvent).data as { type?: string; runId?: number; frame?: { params: unknown } };
          if (m?.type === 'frame' || m?.type === 'done') rec.frames.push({ runId: m.runId, params: m.frame?.params });
        });
      }
      return (add as (...a: unknown[]) => void).call(this, type, fn, ...rest);
    } as typeof Worker.prototype.addEventListener;
  });
}

async function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => {
    const w = window as unknown as { __fuzz: Recorded; __fuzzInjected?: unknown };
    return { runs: w.__fuzz.runs, frames: w.__fuzz.frames, injected: w.__fuzzInjected !== undefined || !!document.querySelector('[data-fuzz-injected]') };
  });
}

/** Controls as the page shows them: the input's value (slider position or number) and the output's text. */
async function controlsOf(page: Page, id: string) {
  return page.locator(`ld-figure#${id} .ld-controls`).evaluate((root) =>
    Object.fromEntries(
      [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')].map((el) => [
        el.name,
        {
          value: el instanceof HTMLInputElement && el.type === 'checkbox' ? String(el.checked) : el.value,
          output: el.closest('.ld-param')?.querySelector('output')?.textContent ?? null,
        },
      ]),
    ),
  );
}

const allSpecs = [...figureById.values()];
let statesRun = 0;

for (const p of PAGES) {
  test(`URL fuzz on /${p.path}: ${ROUNDS} visits × ${p.figures.length} figure state(s), seed ${SEED}`, async ({ page }) => {
    test.setTimeout(60_000 + ROUNDS * VISIT_BUDGET_MS);
    const r = prng(SEED ^ hashString(p.name));
    const problems = recordProblems(page);
    await instrument(page);
    // The static server (like GitHub Pages) refuses very long request lines; the page itself must cope
    // with them, so the document is fetched without its query and served under the long URL.
    await page.route(
      (u) => u.pathname === `/${p.path}` && u.search.length > 0,
      async (route) => {
        const u = new URL(route.request().url());
        u.search = '';
        await route.fulfill({ response: await route.fetch({ url: u.href }) });
      },
    );
    const specs = p.figures.map((id) => figureById.get(id)!);
    let framesCompared = 0;
    let runsExpected = 0;
    let slowest = { visit: -1, ms: 0 };
    for (let visit = 0; visit < ROUNDS; visit++) {
      const started = Date.now();
      const query = specs.flatMap((s) => stateFor(r, s, allSpecs.filter((o) => o.id !== s.id)));
      // Shuffle, so that repeated and foreign keys land anywhere.
      for (let i = query.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [query[i], query[j]] = [query[j], query[i]];
      }
      // One figure's run goes through on every RUN_EVERY-th visit (in turn), the others are held back.
      const forward = visit % RUN_EVERY === 0 ? specs[(visit / RUN_EVERY) % specs.length].id : null;
      const target = `/${p.path}?${query.join('&')}${forward ? `#fuzz-run=${forward}` : ''}`;
      const where = `seed ${SEED}, page /${p.path}, visit ${visit}: ${target.slice(0, 400)}${target.length > 400 ? '…' : ''}`;
      problems.length = 0;
      await test.step(`visit ${visit}${forward ? `, ${forward}'s run let through` : ''}`, async () => {
        await page.goto(target);
        const href = page.url();
        // Every figure with an entry hydrates at once; wait until each has mounted (left 'static').
        const withState = specs.filter((s) => hasFigureState(s.id, new URL(href).searchParams));
        for (const s of withState) {
          await expect(page.locator(`ld-figure#${s.id}`), where).not.toHaveAttribute('data-state', 'static', { timeout: 20_000 });
        }
        const rec = await recorded(page);
        expect(rec.injected, `injected markup ran or appeared (${where})`).toBe(false);
        expect(page.url(), `mounting must not write the URL (${where})`).toBe(href);
        for (const s of specs) {
          const meta = toMeta(s);
          const expected = readUrlState(meta, href);
          const fig = page.locator(`ld-figure#${s.id}`);
          await expect(fig.locator('.ld-chart svg').first(), where).toBeAttached();
          await expect(fig.locator('.ld-error'), where).toBeHidden();
          for (const d of s.params) expect(validValue(d, expected.params[d.name]), `${s.id}.${d.name} = ${String(expected.params[d.name])} is not a valid value (${where})`).toBe(true);
          if (withState.includes(s)) {
            const shown = await controlsOf(page, s.id);
            for (const d of s.params) {
              const v = expected.params[d.name];
              const c = shown[d.name];
              expect(c, `${s.id}: no control for ${d.name}`).toBeDefined();
              if (d.kind === 'number') {
                expect(Number(c.value), `${s.id}.${d.name}: the control (${where})`).toBe(usesNumberBox(d) ? v : toPosition(d, v as number));
                if (c.output !== null) expect(c.output, `${s.id}.${d.name}: the read-out (${where})`).toBe(fmtParam(d, v));
              } else expect(c.value, `${s.id}.${d.name}: the control (${where})`).toBe(String(v));
            }
          }
          const posted = rec.runs.filter((m) => m.slot === s.id);
          if (withState.includes(s) && expected.present) {
            runsExpected++;
            expect(posted, `${s.id}: one run for a shared state (${where})`).toHaveLength(1);
            expect(posted[0].params, `${s.id}: the run's parameters (${where})`).toEqual(expected.params);
            expect(sanitize(s, posted[0].params).notes, `${s.id}: the worker would repair the run's parameters again (${where})`).toEqual([]);
          } else {
            expect(posted, `${s.id}: a state that repairs to the defaults (or no state) starts no run (${where})`).toEqual([]);
          }
        }
        // First frames that arrive within a short wait carry the same parameters.
        if (forward) await page.waitForTimeout(FRAME_WAIT_MS);
        const after = await recorded(page);
        for (const f of after.frames) {
          const run = after.runs.find((m) => m.runId === f.runId);
          if (!run) continue;
          expect(f.params, `${run.slot}: the frame's parameters (${where})`).toEqual(run.params);
          framesCompared++;
        }
        expect(after.injected, `injected markup ran or appeared (${where})`).toBe(false);
        expect(problems, `${problems.join('\n')}\n(${where})`).toEqual([]);
      });
      statesRun += specs.length;
      const ms = Date.now() - started;
      if (ms > slowest.ms) slowest = { visit, ms };
    }
    const counts = `${runsExpected} runs checked, ${framesCompared} frames compared, slowest visit ${slowest.visit} (${(slowest.ms / 1000).toFixed(1)} s), seed ${SEED}`;
    test.info().annotations.push({ type: 'fuzz', description: `${ROUNDS * specs.length} states, ${counts}` });
    console.log(`url-fuzz /${p.path}: ${ROUNDS * specs.length} states (${statesRun} in this worker so far), ${counts}`);
  });
}
