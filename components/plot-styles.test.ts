import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { hoistPlotStyles } from './plot-styles.ts';

const doc = () => parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
const draw = (d: Document) => {
  const wrap = d.createElement('div');
  for (let i = 0; i < 2; i++) wrap.append(Plot.plot({ document: d, marks: [Plot.lineY([1, 3, 2])] }) as unknown as Element);
  return wrap;
};
const styleTexts = (root: Element) => [...root.querySelectorAll('style')].map((s) => s.textContent);

describe('Plot stylesheets hoisted out of the drawn charts', () => {
  it('keeps one copy per distinct stylesheet in <head>, however often the charts are redrawn, and none in the charts', () => {
    const d = doc();
    const original = styleTexts(draw(d));
    expect(original.length, 'Plot draws a <style> in each <svg>').toBe(2);
    for (let redraw = 0; redraw < 3; redraw++) {
      const el = draw(d);
      hoistPlotStyles(el, d);
      d.body.replaceChildren(el);
      expect(styleTexts(el)).toEqual([]);
    }
    expect(styleTexts(d.head as unknown as Element)).toEqual([original[0]]);
  });

});
