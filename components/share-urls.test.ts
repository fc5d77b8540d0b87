import { describe, expect, it } from 'vitest';
import { toMeta } from '../engine/spec.ts';
import { figureById } from '../engine/registry.ts';
import { defaults } from '../engine/params.ts';
import { readUrlState } from './url-state.ts';
import { iframeSnippet, shareUrls } from './share-urls.ts';

const meta = toMeta(figureById.get('saxe-mode-curves')!);
const range = meta.params.find((d) => d.kind === 'number' && d.step > 0)!;
if (range.kind !== 'number') throw new Error('unreachable');
const changed = { ...defaults(meta), [range.name]: range.max };

describe('shareUrls', () => {
  it('gives the same state on the chapter, the figure page and the embed view: only the path differs', () => {
    const href = 'https://example.org/learning-dynamics/modes/?saxe-depth.depth=4#intro';
    const u = shareUrls(meta, changed, href, '/learning-dynamics/', 120);
    expect(new URL(u.link).pathname).toBe('/learning-dynamics/modes/');
    expect(new URL(u.link).hash).toBe('#saxe-mode-curves');
    expect(new URL(u.page).pathname).toBe('/learning-dynamics/figures/saxe-mode-curves/');
    expect(u.embed.startsWith('https://example.org/learning-dynamics/figures/saxe-mode-curves/?embed&')).toBe(true);
    for (const url of [u.link, u.page, u.embed]) {
      const s = readUrlState(meta, url);
      expect(s.params).toEqual(changed);
      expect(s.step).toBe(120);
      expect(s.notes).toEqual([]);
    }
    // Another figure's entries stay on the page's own link, and only there.
    expect(new URL(u.link).searchParams.get('saxe-depth.depth')).toBe('4');
    expect(new URL(u.page).searchParams.has('saxe-depth.depth')).toBe(false);
  });

  it('drops the embed flag from the page link and keeps it first in the embed link', () => {
    const u = shareUrls(meta, defaults(meta), 'http://127.0.0.1:4321/figures/saxe-mode-curves/?embed', '/');
    expect(u.link).toBe('http://127.0.0.1:4321/figures/saxe-mode-curves/#saxe-mode-curves');
    expect(u.page).toBe('http://127.0.0.1:4321/figures/saxe-mode-curves/');
    expect(u.embed).toBe('http://127.0.0.1:4321/figures/saxe-mode-curves/?embed');
  });
});

describe('iframeSnippet', () => {
  it('escapes the URL and the title, and carries what a slide needs', () => {
    const s = iframeSnippet('https://x.org/f/?embed&a.b=1', 'A "quoted" <title>', 612.4);
    expect(s).toContain('src="https://x.org/f/?embed&amp;a.b=1"');
    expect(s).toContain('title="A &quot;quoted&quot; &lt;title> · Learning Dynamics"');
    expect(s).toContain('height="612"');
    for (const a of ['loading="lazy"', 'allow="fullscreen; clipboard-write"']) expect(s).toContain(a);
    // What a browser parses back is the same address.
    const src = /src="([^"]*)"/.exec(s)![1].replace(/&amp;/g, '&');
    expect(src).toBe('https://x.org/f/?embed&a.b=1');
  });
});
