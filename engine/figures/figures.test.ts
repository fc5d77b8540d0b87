import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { defaults, fromSearch, sanitize, toSearchEntries } from '../params.ts';
import { figureById, figures } from '../registry.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Params } from '../spec.ts';
import { nodeTf } from '../tf-node.ts';
import { checkFrame, runToEnd } from './test-util.ts';
import { onGrid, toPosition, fromPosition } from '../params.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

beforeAll(async () => {
  await nodeTf('cpu');
});

function randomValid(spec: FigureSpec, seed: number): Params {
  const r = createRng(seed).fork(spec.id);
  const out: Params = {};
  for (const d of spec.params) {
    if (d.kind === 'number') {
      // A random position of the control: every value a reader can set is on the grid.
      out[d.name] = d.values
        ? d.values[Math.floor(r.uniform() * d.values.length)]
        : fromPosition(d, d.min + r.uniform() * (d.max - d.min));
    } else if (d.kind === 'choice') out[d.name] = d.options[Math.floor(r.uniform() * d.options.length)].value;
    else out[d.name] = r.uniform() < 0.5;
  }
  return out;
}

function roundTrip(spec: FigureSpec, params: Params): ReturnType<typeof sanitize> {
  const query = new URLSearchParams(toSearchEntries(spec, params)).toString();
  return sanitize(spec, fromSearch(spec.id, new URLSearchParams(query)));
}

describe('registry', () => {
  it('lists unique ids and maps them', () => {
    const ids = figures.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual(['saxe-phase-portrait', 'saxe-mode-curves', 'saxe-mode-delay']);
    for (const f of figures) expect(figureById.get(f.id)).toBe(f);
  });

  it('places every figure in the chapter whose MDX embeds it, and nowhere else', () => {
    const dir = fileURLToPath(new URL('../../content/chapters/', import.meta.url));
    const embeds = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const slug = file.replace(/^\d+-/, '').replace(/\.mdx$/, '');
      for (const m of readFileSync(dir + file, 'utf8').matchAll(/<Figure\s+id="([^"]+)"/g)) embeds.set(m[1], [...(embeds.get(m[1]) ?? []), slug]);
    }
    for (const f of figures) expect(embeds.get(f.id), f.id).toEqual([f.chapter]);
    for (const id of embeds.keys()) expect(figureById.has(id), `MDX embeds unknown figure ${id}`).toBe(true);
  });
});

/** Text readers see: Unicode symbols, never TeX, carets or underscore subscripts. */
const PLAIN_MATHS = /\\[a-zA-Z]+|\^\{|_\{|[A-Za-z0-9)]_[A-Za-z0-9(]/;

for (const spec of figures) {
  describe(`${spec.id}: parameters`, () => {
    it('has every default in range and on its grid, unique names, a seed unless deterministic, and stated tolerances and departures', () => {
      const names = spec.params.map((d) => d.name);
      expect(new Set(names).size).toBe(names.length);
      if (spec.deterministic) expect(names).not.toContain('seed');
      else expect(names).toContain('seed');
      for (const d of spec.params) {
        expect(d.doc.length).toBeGreaterThan(5);
        if (d.kind === 'number') {
          expect(d.min).toBeLessThan(d.max);
          expect(d.default).toBeGreaterThanOrEqual(d.min);
          expect(d.default).toBeLessThanOrEqual(d.max);
          if (d.integer) expect(Number.isInteger(d.default)).toBe(true);
          if (d.scale === 'log') {
            expect(d.min).toBeGreaterThan(0);
            expect(d.values, `${d.name}: a log control lists its values`).toBeDefined();
          }
          if (d.values) {
            expect(d.values[0]).toBe(d.min);
            expect(d.values.at(-1)).toBe(d.max);
            for (let i = 1; i < d.values.length; i++) expect(d.values[i]).toBeGreaterThan(d.values[i - 1]);
          }
          expect(onGrid(d, d.default), `${d.name}: default ${d.default} on the grid`).toBe(true);
          // Control position -> value -> position is exact for the default and both ends.
          for (const v of [d.min, d.default, d.max]) expect(fromPosition(d, toPosition(d, v))).toBe(v);
        } else if (d.kind === 'choice') expect(d.options.map((o) => o.value)).toContain(d.default);
      }
      expect(Object.keys(spec.tolerances).length).toBeGreaterThan(0);
      for (const t of Object.values(spec.tolerances)) {
        expect(t.what.length).toBeGreaterThan(20);
        expect(t.value).toBeGreaterThan(0);
      }
      expect(spec.departures.length).toBeGreaterThan(0);
    });

    it('writes labels with symbols, not TeX or underscores', () => {
      const texts = [
        spec.title,
        ...spec.params.map((d) => d.label),
        ...spec.panels.flatMap((p) => [p.title, p.x.label, p.y.label]),
        ...Object.values(spec.kinds).map((k) => k.label),
        ...Object.values(spec.summaryLabels),
      ];
      for (const t of texts) expect(t, t).not.toMatch(PLAIN_MATHS);
    });

    it('clamps out-of-range values with notes, and sanitize is idempotent', () => {
      const raw: Record<string, unknown> = {};
      for (const d of spec.params) {
        if (d.kind === 'number') raw[d.name] = d.max * 10 + 1;
        if (d.kind === 'choice') raw[d.name] = 'no-such-option';
      }
      const once = sanitize(spec, { ...raw, bogus: 1 });
      expect(once.notes.length).toBe(spec.params.filter((d) => d.kind !== 'boolean').length + 1);
      for (const d of spec.params) if (d.kind === 'number') expect(once.params[d.name]).toBe(d.max);
      const twice = sanitize(spec, once.params);
      expect(twice.params).toEqual(once.params);
      expect(twice.notes).toEqual([]);
    });

    it('round-trips URL state for the defaults and for random valid values', () => {
      const def = roundTrip(spec, defaults(spec));
      expect(def.params).toEqual(defaults(spec));
      expect(toSearchEntries(spec, defaults(spec))).toEqual([]);
      for (let seed = 0; seed < 25; seed++) {
        const p = randomValid(spec, seed);
        const { params, notes } = roundTrip(spec, p);
        expect(notes).toEqual([]);
        expect(params).toEqual(p);
        expect(sanitize(spec, p).params).toEqual(p);
      }
      // Every value of every listed grid survives control -> URL text -> parameters bit for bit.
      for (const d of spec.params) {
        if (d.kind !== 'number' || !d.values) continue;
        for (const v of d.values) {
          const back = sanitize(spec, fromSearch(spec.id, new URLSearchParams(toSearchEntries(spec, { ...defaults(spec), [d.name]: v }))));
          expect(back.notes).toEqual([]);
          expect(back.params[d.name]).toBe(v);
          expect(fromPosition(d, toPosition(d, v))).toBe(v);
        }
      }
      expect(sanitize(spec, spec.test).notes, 'test settings are valid control values').toEqual([]);
    });
  });

  describe(`${spec.id}: runs`, () => {
    it('streams valid frames and ends done, with no NaN, a generated description and no leaked tensors', async () => {
      const before = tf.memory().numTensors;
      const { frames, last } = await runToEnd(tf, spec, spec.test);
      expect(tf.memory().numTensors).toBe(before);
      expect(last.status).toBe('done');
      expect(last.progress).toBe(1);
      for (const f of frames) checkFrame(spec, f);
      expect(frames.length).toBeGreaterThan(3);
      for (let i = 1; i < frames.length; i++) expect(frames[i].step).toBeGreaterThanOrEqual(frames[i - 1].step);
    });

    it('gives bit-identical series for the same seed; another seed changes them unless the figure is deterministic', async () => {
      const seed = (n: number) => (spec.deterministic ? {} : { seed: n });
      const a = await runToEnd(tf, spec, { ...spec.test, ...seed(5) });
      const b = await runToEnd(tf, spec, { ...spec.test, ...seed(5) });
      const c = spec.deterministic ? b : await runToEnd(tf, spec, { ...spec.test, ...seed(6) });
      expect(b.last.series).toEqual(a.last.series);
      expect(b.last.summary).toEqual(a.last.summary);
      if (!spec.deterministic) expect(c.last.series).not.toEqual(a.last.series);
    });

    it('leaks no tensors when the consumer stops early (gen.return) or the run is cancelled', async () => {
      const before = tf.memory().numTensors;
      const { params } = sanitize(spec, spec.test);
      const gen = spec.run(params, { tf, cancelled: () => false, asset: nodeAsset });
      await gen.next();
      await gen.next();
      await gen.return(undefined);
      expect(tf.memory().numTensors).toBe(before);
      let n = 0;
      const frames = [];
      for await (const f of spec.run(params, { tf, cancelled: () => n >= 2, asset: nodeAsset })) {
        n++;
        frames.push(f);
      }
      expect(frames.length).toBe(2);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
