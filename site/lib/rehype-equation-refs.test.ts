import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { findEquationRefs } from './rehype-equation-refs.ts';
import { rehypeEquationRefs } from './rehype-equation-refs.ts';
import { rehypeEquations } from './rehype-equations.ts';

const TAGS = new Set(['1', '2', '3', '8', '10', '11', '12', '13', '17', 'S1', 'S3']);
/** The linked texts of a sentence. */
const links = (text: string, tags: ReadonlySet<string> = TAGS) => findEquationRefs(text, tags).map((r) => text.slice(r.start, r.end));

describe('findEquationRefs: what is a reference to an equation', () => {
  it('links "eq. (12)", "Eq. (12)" and "equation (12)" with their word', () => {
    expect(links('as eq. (12) says')).toEqual(['eq. (12)']);
    expect(links('Eq. (12) is exact')).toEqual(['Eq. (12)']);
    expect(links('the logistic equation (10) of')).toEqual(['equation (10)']);
  });

  it('links each number of a range or a list, not the plural word', () => {
    expect(links('see eqs. (13)–(17) below')).toEqual(['(13)', '(17)']);
    expect(links('the equations labelled (S1) to (S3) and')).toEqual(['(S1)', '(S3)']);
    expect(links('Integrating (10) numerically reproduces (12) to about')).toEqual(['(10)', '(12)']);
    expect(links('eq. (1)–(2)')).toEqual(['(1)', '(2)']);
  });

  it('links a bare number only where the page has that equation', () => {
    expect(links('The flow (2) becomes')).toEqual(['(2)']);
    expect(links('The flow (5) becomes')).toEqual([]);
    expect(links('Saxe et al. (2014) showed')).toEqual([]);
    expect(links('as eq. (99) says')).toEqual([]);
  });

  it('leaves years, letters, formulas and numbered things alone', () => {
    expect(links('Pezeshki et al. (2021); (a) and (b); (i)')).toEqual([]);
    expect(links('the value f(2) and a_1(0) and u(1)')).toEqual([]);
    expect(links("x'(1) and W(12)")).toEqual([]);
    expect(links('Fig. 2 (3) and Figure (3), Table (1), step (8), § (2), Section 3 (1)')).toEqual([]);
    expect(links('(2)x is not')).toEqual([]);
    expect(links('(12 steps) and (1.5)')).toEqual([]);
  });

  it('keeps the words after a blocker explicit: "Fig. 2 and eq. (8)"', () => {
    expect(links('Fig. 2 and eq. (8)')).toEqual(['eq. (8)']);
  });
});

const processor = await createMarkdownProcessor({
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { strict: 'error' }], rehypeEquations, rehypeEquationRefs],
});
const render = async (md: string) => (await processor.render(md, { fileURL: new URL('file:///test.md') })).code;
const EQ = '$$\nE = \\frac{1}{2}(s - ab)^2 \\tag{9}\n$$\n\n';

describe('rehypeEquationRefs on rendered Markdown', () => {
  it('turns a bare "(9)" into a link with the equation as its pop-up and description', async () => {
    const html = await render(`${EQ}The energy (9) falls.`);
    expect(html).toContain('<span class="ld-cite ld-eqref"><a href="#eq-9" aria-describedby="eq-9" class="ld-eqref-link">(9)</a><span class="ld-cite-tip ld-eq-tip" aria-hidden="true" data-eq="eq-9"></span></span>');
    // The pop-up is filled in the browser: the page carries one drawing of the equation.
    expect(html.match(/class="katex-html"/g)).toHaveLength(1);
    expect(html.match(/id="eq-9"/g)).toHaveLength(1);
  });

  it('gives the chapters\' own [eq. (9)](#eq-9) links the same pop-up', async () => {
    const html = await render(`${EQ}See [eq. (9)](#eq-9).`);
    expect(html).toContain('<span class="ld-cite ld-eqref"><a href="#eq-9" aria-describedby="eq-9" class="ld-eqref-link">eq. (9)</a>');
  });

  it('never links inside math, code or links', async () => {
    const html = await render(`${EQ}Math $f(9) + (9)$, code \`(9)\`, a [link (9)](https://example.org).`);
    expect(html).not.toContain('ld-eqref');
  });

  it('makes the equation number a link to the equation', async () => {
    const html = await render(EQ);
    expect(html).toContain('<a class="ld-eq-self" href="#eq-9" aria-label="Link to equation (9)"></a>');
  });
});

describe('references to another chapter\'s equations', () => {
  const here = new Set(['13', '14']);
  const elsewhere = new Set(['10', '11', '12']);
  const found = (text: string) => findEquationRefs(text, here, elsewhere).map((r) => `${text.slice(r.start, r.end)}${r.here ? '' : ' (elsewhere)'}`);

  it('links explicit references only ("eq. (11)", "equation (10)"), never a bare "(11)"', () => {
    expect(found('and its learning time is eq. (11).')).toEqual(['eq. (11) (elsewhere)']);
    expect(found('the logistic equation (10) of the previous chapter')).toEqual(['equation (10) (elsewhere)']);
    expect(found('the flow (11) here')).toEqual([]);
    expect(found('eq. (13) and eq. (99)')).toEqual(['eq. (13)']);
  });

  it('renders a plain link to the other chapter, without a preview', async () => {
    const proc = await createMarkdownProcessor({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { strict: 'error' }], rehypeEquations, [rehypeEquationRefs, { elsewhere: () => new Map([['11', '/modes/']]) }]],
    });
    const html = (await proc.render(`${EQ}As eq. (11) says, and (11) is not a link.`, { fileURL: new URL('file:///t.md') })).code;
    expect(html).toContain('As <a href="/modes/#eq-11" class="ld-eqref-other">eq. (11)</a> says, and (11) is not a link.');
  });
});

describe('equationHomes', () => {
  it('maps Saxe\'s numbers to their chapter and leaves out the per-chapter (S1)…', async () => {
    const { equationHomes } = await import('./equation-index.ts');
    const homes = equationHomes();
    expect(homes.get('11')).toEqual({ slug: 'modes', chapter: 1 });
    expect(homes.get('15')).toEqual({ slug: 'depth', chapter: 2 });
    expect(homes.get('19')).toEqual({ slug: 'initialization', chapter: 3 });
    expect(homes.has('S1')).toBe(false);
  });
});
