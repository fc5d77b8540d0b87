import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { excerptNodes } from './search.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const render = (excerpt: string) => {
  const p = document.createElement('p');
  p.append(...excerptNodes(document, excerpt));
  return p;
};

describe('search excerpts become text and <mark> elements, never HTML', () => {
  it('keeps the highlights as elements and decodes entities as text', () => {
    const p = render('the <mark>hyperbola</mark> a² &minus; b² &amp; <mark>c</mark> &lt;x&gt;');
    expect([...p.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['hyperbola', 'c']);
    expect(p.textContent).toBe('the hyperbola a² &minus; b² & c <x>');
    expect(p.children.length).toBe(2);
  });

  it('drops any other tag instead of creating it', () => {
    const p = render('x <img src=x onerror="alert(1)"> y <mark><b>z</b></mark>');
    expect(p.querySelector('img, b')).toBeNull();
    expect(p.textContent).toBe('x  y z');
  });
});
