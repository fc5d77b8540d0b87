import { describe, expect, it } from 'vitest';
import { figures } from '../engine/registry.ts';
import { defaults } from '../engine/params.ts';
import { toMeta } from '../engine/spec.ts';
import { readUrlState, urlWithState } from './url-state.ts';

const page = 'https://example.org/learning-dynamics/modes/?other.x=1#top';

describe('figure state in the page URL', () => {
  for (const spec of figures) {
    const meta = toMeta(spec);
    it(`${spec.id}: defaults give a clean URL and round-trip`, () => {
      const url = urlWithState(meta, defaults(spec), page);
      expect(url).toBe(page);
      const back = readUrlState(meta, url);
      expect(back).toEqual({ params: defaults(spec), notes: [], present: false });
    });
    it(`${spec.id}: changed values round-trip and keep other figures' entries`, () => {
      const changed = { ...defaults(spec) };
      for (const d of spec.params) {
        if (d.kind === 'number') changed[d.name] = d.max === d.default ? d.min : d.max;
        else if (d.kind === 'choice') changed[d.name] = d.options[d.options.length - 1].value;
        else changed[d.name] = !d.default;
      }
      const url = urlWithState(meta, changed, page, { hash: `#${spec.id}` });
      expect(new URL(url).searchParams.get('other.x')).toBe('1');
      expect(new URL(url).hash).toBe(`#${spec.id}`);
      const back = readUrlState(meta, url);
      expect(back.params).toEqual(changed);
      expect(back.notes).toEqual([]);
      expect(back.present).toBe(true);
    });
  }
  it('mangled values are clamped or dropped with notes, never thrown', () => {
    const meta = toMeta(figures[0]);
    const first = meta.params.find((d) => d.kind === 'number')!;
    const url = `https://example.org/?${meta.id}.${first.name}=banana&${meta.id}.zzz=1&${meta.id}.${first.name}x=%ZZ`;
    const back = readUrlState(meta, url);
    expect(back.params[first.name]).toBe(first.default);
    expect(back.notes.length).toBe(3);
    // Everything repaired to the defaults: the static default is the state, nothing to rerun.
    expect(back.present).toBe(false);
  });
  it('a paused step travels in the link for iterative figures, and a mangled one is dropped with a note', () => {
    const meta = toMeta(figures.find((f) => f.iterative)!);
    const url = urlWithState(meta, defaults(meta), page, { step: 70 });
    expect(new URL(url).searchParams.get(`${meta.id}:step`)).toBe('70');
    expect(readUrlState(meta, url)).toEqual({ params: defaults(meta), notes: [], present: true, step: 70 });
    const bad = readUrlState(meta, `https://example.org/?${meta.id}:step=-3`);
    expect(bad.step).toBeUndefined();
    expect(bad.notes.join(' ')).toMatch(/not a whole number of steps/);
    // Writing the state again without a step removes it.
    expect(new URL(urlWithState(meta, defaults(meta), url)).searchParams.has(`${meta.id}:step`)).toBe(false);
  });
  it('"__proto__" and "constructor" are unknown parameters, noted like any other', () => {
    const meta = toMeta(figures[0]);
    const back = readUrlState(meta, `https://example.org/?${meta.id}.__proto__=x&${meta.id}.constructor=y`);
    expect(back.notes.length).toBe(2);
    expect(back.notes.join(' ')).toMatch(/Unknown parameter "__proto__"/);
    expect(Object.getPrototypeOf(back.params)).toBe(Object.prototype);
  });
});
