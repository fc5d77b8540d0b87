import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rehypeEquations } from './rehype-equations.ts';

// The same remark/rehype chain as astro.config.mjs, on plain Markdown.
const processor = await createMarkdownProcessor({
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { strict: 'error' }], rehypeEquations],
});
const render = async (md: string) => (await processor.render(md, { fileURL: new URL('file:///test.md') })).code;

describe('rehypeEquations', () => {
  // The Markdown processor logs a failed render before rethrowing it; the failures here are expected.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('wraps a numbered display equation in an anchor with the paper\'s number', async () => {
    const html = await render('$$\nE(a,b) = \\frac{1}{2\\tau}(s - ab)^2 \\tag{9}\n$$\n\nSee [(9)](#eq-9).');
    expect(html).toContain('<div class="ld-eq" id="eq-9" data-equation="9">');
    expect(html).not.toContain('katex-error');
  });

  it('leaves unnumbered equations alone', async () => {
    const html = await render('$$\nt = \\frac{\\tau}{s}\\ln\\frac{s}{\\epsilon}\n$$');
    expect(html).not.toContain('ld-eq');
    expect(html).toContain('katex-display');
  });

  it('fails on a KaTeX parse error instead of rendering it in red', async () => {
    await expect(render('Broken: $\\frac{1}{$ here.')).rejects.toThrow(/KaTeX could not render/);
  });

  it('fails on input that KaTeX only warns about (strict mode)', async () => {
    await expect(render('Unicode in math: $é$.')).rejects.toThrow(/KaTeX/);
  });

  it('fails on a repeated equation number and on a link to a missing equation', async () => {
    await expect(render('$$\na \\tag{8}\n$$\n\n$$\nb \\tag{8}\n$$')).rejects.toThrow(/used twice/);
    await expect(render('$$\na \\tag{8}\n$$\n\nSee [(12)](#eq-12).')).rejects.toThrow(/#eq-12/);
  });
});
