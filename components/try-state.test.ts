/**
 * Every <Try> in the chapters names a registered figure, its parameters, and values its controls can
 * show (the same check the build runs, here without building), and lands in the chapter of its figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { figureById } from '../engine/registry.ts';
import { toMeta, type ParamValue } from '../engine/spec.ts';
import { checkTryState, tryText } from './try-state.ts';

const dir = fileURLToPath(new URL('../content/chapters/', import.meta.url));

/** The attributes of each <Try …/> tag: figure="…", set={{ k: v, … }} (JSON5-like literals), step={n}. */
function tries(text: string): { figure: string; set: Record<string, ParamValue>; step?: number; raw: string }[] {
  return [...text.matchAll(/<Try\s([^>]*?)\/>/g)].map((m) => {
    const attrs = m[1];
    const figure = /figure="([^"]+)"/.exec(attrs)?.[1] ?? '';
    const setSrc = /set=\{\{([^}]*)\}\}/.exec(attrs)?.[1] ?? '';
    const set: Record<string, ParamValue> = {};
    // name: value pairs; a quoted value may contain commas (choice values such as '3,5,9,17').
    for (const [, k, raw] of setSrc.matchAll(/(\w+)\s*:\s*('[^']*'|"[^"]*"|[^,]+)/g)) {
      const v = raw.trim();
      set[k] = v.startsWith("'") || v.startsWith('"') ? v.slice(1, -1) : v === 'true' ? true : v === 'false' ? false : Number(v);
    }
    const step = /step=\{(\d+)\}/.exec(attrs)?.[1];
    return { figure, set, ...(step ? { step: Number(step) } : {}), raw: m[0] };
  });
}

describe('What to try', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  for (const file of files) {
    it(`${file}: every suggestion is a state the figure's controls can reach`, () => {
      const text = readFileSync(dir + file, 'utf8');
      for (const t of tries(text)) {
        const spec = figureById.get(t.figure);
        const params = checkTryState(spec && toMeta(spec), t.figure, t.set, t.step);
        expect(tryText(toMeta(spec!), params, t.step).length, t.raw).toBeGreaterThan(3);
        expect(text, `${t.figure} is embedded in ${file}`).toContain(`<Figure id="${t.figure}"`);
      }
    });
  }

  it('rejects unknown figures, unknown parameters and values off the grid', () => {
    const meta = toMeta(figureById.get('saxe-mode-curves')!);
    expect(() => checkTryState(undefined, 'nope', {})).toThrow(/unknown figure/);
    expect(() => checkTryState(meta, meta.id, { bogus: 1 })).toThrow(/unknown parameter/);
    expect(() => checkTryState(meta, meta.id, { learningRate: 0.0017 })).toThrow(/cannot be set/);
    expect(checkTryState(meta, meta.id, { learningRate: 0.002 })).toEqual({ learningRate: 0.002 });
    expect(tryText(meta, { learningRate: 0.002, hiddenUnits: 8 })).toBe('Learning rate λ = 0.002, Hidden units N₂ = 8');
  });
});
