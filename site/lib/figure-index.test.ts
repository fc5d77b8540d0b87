import { describe, expect, it } from 'vitest';
import { figures } from '../../engine/registry.ts';
import { figureEntries, thumbnailSvg } from './figure-index.ts';

const spec = (id: string, chapter: string) => ({ id, title: id, chapter, source: { kind: 'ours' as const, text: 'x' } });

describe('figureEntries', () => {
  it('orders by chapter number, then by position in the chapter, then by registry order', () => {
    const specs = [spec('b', 'depth'), spec('z', 'modes'), spec('a', 'modes'), spec('y', 'modes')];
    const bodies = { modes: 'text <Figure id="a" /> more <Figure id="z" />', depth: '<Figure id="b" />' };
    expect(figureEntries(specs, bodies).map((e) => e.id)).toEqual(['a', 'z', 'y', 'b']);
  });

  it('links each figure to its page and to its place in its chapter', () => {
    const [e] = figureEntries([spec('saxe-depth', 'depth')], { depth: undefined });
    expect(e.href).toBe('/figures/saxe-depth/');
    expect(e.inChapter).toBe('/depth/#saxe-depth');
    expect(e.chapter.number).toBe(2);
    expect(figureEntries([spec('saxe-depth', 'depth')], {})[0].inChapter, 'a draft chapter has no page to link').toBeUndefined();
  });

  it('lists every figure of the registry exactly once', () => {
    const ids = figureEntries(figures, {}).map((e) => e.id);
    expect([...ids].sort()).toEqual(figures.map((f) => f.id).sort());
  });

  it('fails on an unknown chapter', () => {
    expect(() => figureEntries([spec('x', 'nope')], {})).toThrow(/Unknown chapter/);
  });
});

describe('thumbnailSvg', () => {
  it('rounds geometry to whole units (radii to one decimal) and leaves text alone', () => {
    const svg = '<svg><path d="M60,317.9999957680662L-6,-0.04"/><g transform="translate(60,20.5)"><circle cx="1.2345" r="1.55"/><text x="1.2345">0.0001</text></g></svg>';
    expect(thumbnailSvg(svg)).toBe('<svg><path d="M60,318L-6,0"/><g transform="translate(60,21)"><circle cx="1" r="1.6"/><text x="1">0.0001</text></g></svg>');
  });
});
