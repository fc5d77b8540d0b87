import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeAsset } from '../assets-node.ts';
import { defaults, fromSearch, sanitize, toSearchEntries } from '../params.ts';
import { figureById, figures } from '../registry.ts';
import { createRng } from '../rng.ts';
import type { FigureSpec, Params } from '../spec.ts';
import { nodeTf } from '../tf-node.ts';
import { SMALL, checkFrame, runToEnd } from './test-util.ts';

beforeAll(async () => {
  await nodeTf('cpu');
});

function randomValid(spec: FigureSpec, seed: number): Params {
  const r = createRng(seed).fork(spec.id);
  const out: Params = {};
  for (const d of spec.params) {
    if (d.kind === 'number') {
      let v =
        d.scale === 'log'
          ? 10 ** (Math.log10(d.min) + r.uniform() * (Math.log10(d.max) - Math.log10(d.min)))
          : d.min + r.uniform() * (d.max - d.min);
      v = d.integer ? Math.round(v) : Number(v.toPrecision(6));
      out[d.name] = Math.min(d.max, Math.max(d.min, v));
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
    for (const f of figures) expect(SMALL[f.id], `test settings for ${f.id}`).toBeDefined();
  });
});

for (const spec of figures) {
  describe(`${spec.id}: parameters`, () => {
    it('has every default in range, unique names, a seed, and stated tolerances and departures', () => {
      const names = spec.params.map((d) => d.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('seed');
      for (const d of spec.params) {
        expect(d.doc.length).toBeGreaterThan(5);
        if (d.kind === 'number') {
          expect(d.min).toBeLessThan(d.max);
          expect(d.default).toBeGreaterThanOrEqual(d.min);
          expect(d.default).toBeLessThanOrEqual(d.max);
          if (d.integer) expect(Number.isInteger(d.default)).toBe(true);
          if (d.scale === 'log') expect(d.min).toBeGreaterThan(0);
        } else if (d.kind === 'choice') expect(d.options.map((o) => o.value)).toContain(d.default);
      }
      expect(Object.keys(spec.tolerances).length).toBeGreaterThan(0);
      for (const t of Object.values(spec.tolerances)) {
        expect(t.what.length).toBeGreaterThan(20);
        expect(t.value).toBeGreaterThan(0);
      }
      expect(spec.departures.length).toBeGreaterThan(0);
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
    });
  });

  describe(`${spec.id}: runs`, () => {
    it('streams valid frames and ends done, with no NaN, a generated description and no leaked tensors', async () => {
      const before = tf.memory().numTensors;
      const { frames, last } = await runToEnd(tf, spec, SMALL[spec.id]);
      expect(tf.memory().numTensors).toBe(before);
      expect(last.status).toBe('done');
      expect(last.progress).toBe(1);
      for (const f of frames) checkFrame(spec, f);
      expect(frames.length).toBeGreaterThan(3);
      for (let i = 1; i < frames.length; i++) expect(frames[i].step).toBeGreaterThanOrEqual(frames[i - 1].step);
    });

    it('gives bit-identical series for the same seed; another seed changes them unless the figure is deterministic', async () => {
      const a = await runToEnd(tf, spec, { ...SMALL[spec.id], seed: 5 });
      const b = await runToEnd(tf, spec, { ...SMALL[spec.id], seed: 5 });
      const c = await runToEnd(tf, spec, { ...SMALL[spec.id], seed: 6 });
      expect(b.last.series).toEqual(a.last.series);
      expect(b.last.summary).toEqual(a.last.summary);
      // Figures with nothing random in them keep a seed only for uniform controls.
      if (['saxe-phase-portrait', 'saxe-depth', 'tachet-losses', 'tachet-phase-diagram'].includes(spec.id)) expect(c.last.series).toEqual(a.last.series);
      else expect(c.last.series).not.toEqual(a.last.series);
    });

    it('leaks no tensors when the consumer stops early (gen.return) or the run is cancelled', async () => {
      const before = tf.memory().numTensors;
      const { params } = sanitize(spec, SMALL[spec.id]);
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
