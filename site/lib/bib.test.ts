import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BibError, Bibliography, citePage, formatReference, parseBibtex, referenceText, shortCitation } from './bib.ts';
import { remarkCitations } from './remark-citations.ts';
import { joinBase } from './url.ts';

const SAMPLE = String.raw`
% a comment line
@string{nn = "Neural Networks"}
@comment{ ignored {nested} }
@article{baldi1989,
  author  = {Baldi, Pierre and Hornik, Kurt},
  title   = {Neural networks and principal component analysis: {L}earning without local minima},
  journal = nn,
  volume  = 2, number = {1},
  pages   = {53--58},
  year    = 1989
}
@misc(tachet2018,
  author = "Tachet des Combes, Remi and Pezeshki, Mohammad and Shabanian, Samira and Courville, Aaron and Bengio, Yoshua",
  title = {On the Learning Dynamics of Deep Neural Networks},
  year = {2018}, eprint = {1809.06848}, archivePrefix = {arXiv},
)
@inproceedings{kaba,
  author = {S{\'e}kou-Oumar Kaba and Gauss, Carl Friedrich and Ludwig van Beethoven},
  title = {Caf\'e {\"U}ber na\"ive --- tests \& more},
  booktitle = {Proc. } # nn,
  year = {2021}
}
`;

// The parsing is citation-js's; these tests pin what the site relies on.
describe('parseBibtex (citation-js)', () => {
  it('reads entries, macros, concatenation, quotes, parentheses, bare numbers and LaTeX accents', () => {
    const entries = parseBibtex(SAMPLE);
    expect(entries.map((e) => e.key)).toEqual(['baldi1989', 'tachet2018', 'kaba']);
    const [baldi, tachet, kaba] = entries;
    expect(baldi.csl).toMatchObject({ type: 'article-journal', 'container-title': 'Neural Networks', volume: '2', issue: '1' });
    expect(tachet.links).toEqual([{ href: 'https://arxiv.org/abs/1809.06848', label: 'arXiv:1809.06848' }]);
    expect(kaba.csl['container-title']).toBe('Proc. Neural Networks');
    expect(kaba.csl.title).toBe('Café Über naïve — tests & more');
    expect(kaba.csl.author?.[0]).toMatchObject({ given: 'Sékou-Oumar', family: 'Kaba' });
  });

  it('rejects duplicate keys, malformed input and an unknown macro (an empty title)', () => {
    expect(() => parseBibtex('@misc{a, title={x}, year={1}}\n@misc{a, title={y}, year={2}}')).toThrow(/duplicate key "a"/);
    expect(() => parseBibtex('@misc{a, title={x}')).toThrow(BibError);
    expect(() => parseBibtex('@misc{a, title = undefinedmacro, year = 2000}')).toThrow(/"a" has no title/);
    expect(() => parseBibtex('@misc{a, title = {x}}')).toThrow(/"a" has no year/);
  });

  it('parses the real references.bib, with the entries the chapters need', () => {
    const bib = new Bibliography(readFileSync(new URL('../../content/references.bib', import.meta.url), 'utf8'));
    for (const key of ['saxe2014', 'tachet2018', 'pezeshki2021', 'baldi1989', 'saxe2013hier']) expect(bib.has(key)).toBe(true);
    expect(shortCitation(bib.get('saxe2014'))).toBe('Saxe, McClelland & Ganguli (2014)');
    expect(shortCitation(bib.get('tachet2018'))).toBe('Tachet des Combes et al. (2018)');
    expect(referenceText(bib.get('pezeshki2021'))).toContain('Kaba, S.-O.');
    expect(bib.get('saxe2014').links).toEqual([{ href: 'https://arxiv.org/abs/1312.6120', label: 'arXiv:1312.6120' }]);
  });
});

describe('formatting (CSL, APA style)', () => {
  it('formats short citations and full references', () => {
    const bib = new Bibliography(SAMPLE);
    expect(shortCitation(bib.get('baldi1989'))).toBe('Baldi & Hornik (1989)');
    expect(shortCitation(bib.get('kaba'))).toBe('Kaba, Gauss & van Beethoven (2021)');
    expect(referenceText(bib.get('baldi1989'))).toBe(
      'Baldi, P., & Hornik, K. (1989). Neural networks and principal component analysis: Learning without local minima. Neural Networks, 2(1), 53–58.',
    );
    expect(formatReference(bib.get('baldi1989'), 'html')).toContain('<i>Neural Networks</i>, <i>2</i>(1), 53–58.');
    expect(formatReference(bib.get('baldi1989'), 'html')).not.toContain('csl-entry');
  });

  it('cites a page with its absolute URL, its authors, its date and BibTeX, and the papers it restates', () => {
    const bib = new Bibliography(SAMPLE);
    const page = { title: 'Learning Dynamics, Chapter 1: Modes', key: 'learningdynamics-modes', url: 'https://example.github.io/learning-dynamics/modes/', date: new Date('2026-11-22T00:00:00Z'), authors: ['Learning Dynamics contributors'] };
    const c = citePage(page, [bib.get('tachet2018')]);
    expect(c.text).toBe('Learning Dynamics contributors. (2026, November 22). Learning Dynamics, Chapter 1: Modes. Learning Dynamics. https://example.github.io/learning-dynamics/modes/');
    expect(c.bibtex).toMatch(/^@misc\{learningdynamicsmodes,/);
    expect(c.bibtex).toContain('author = {{Learning Dynamics contributors}}');
    expect(c.bibtex).toContain('url = {https://example.github.io/learning-dynamics/modes/}');
    expect(c.bibtex).toContain('year = {2026}');
    expect(c.bibtex).toContain('Version of 2026-11-22');
    expect(c.sources[0]).toMatch(/^Tachet des Combes, R\., Pezeshki, M\., Shabanian, S\., Courville, A\., & Bengio, Y\. \(2018\)/);
    expect(c.sourcesBibtex).toContain('@misc{tachet2018,');
    expect(c.sourcesBibtex).toContain('author = {Tachet des Combes, Remi and Pezeshki, Mohammad');
    expect(c.sourcesBibtex).toContain('url = {https://arxiv.org/abs/1809.06848}');
  });
});

describe('unknown citation keys fail the build', () => {
  it('Bibliography.get throws, naming the key', () => {
    const bib = new Bibliography(SAMPLE);
    expect(() => bib.get('nosuchkey')).toThrow(/Unknown citation key "nosuchkey"/);
  });

  // A minimal MDX tree: a paragraph with two <Cite>s and a <Bibliography /> at the end.
  const cite = (key: string) => ({ type: 'mdxJsxTextElement', name: 'Cite', attributes: [{ type: 'mdxJsxAttribute', name: 'key', value: key }], children: [] });
  const tree = (...keys: string[]) => ({
    type: 'root',
    children: [
      { type: 'paragraph', children: keys.map(cite) },
      { type: 'mdxJsxFlowElement', name: 'Bibliography', attributes: [], children: [] },
    ],
  });
  const attr = (node: { attributes: { name?: string; value?: unknown }[] }, name: string) => node.attributes.find((a) => a.name === name)?.value;

  it('the remark plugin numbers citations in order of first use', () => {
    const t = tree('tachet2018', 'baldi1989', 'tachet2018');
    const file = { path: 'x.mdx', data: {} as Record<string, unknown> };
    remarkCitations({ bibSource: SAMPLE })(t as never, file);
    const cites = t.children[0].children as never as { attributes: { name?: string; value?: unknown }[] }[];
    expect(cites.map((c) => [attr(c, 'n'), attr(c, 'occurrence')])).toEqual([['1', '1'], ['2', '1'], ['1', '2']]);
    const bibNode = t.children[1] as never as { attributes: { name?: string; value?: unknown }[] };
    expect(attr(bibNode, 'keys')).toBe('tachet2018 baldi1989');
    expect(attr(bibNode, 'counts')).toBe('2 1');
    expect((file.data.astro as { frontmatter: { citations: string[] } }).frontmatter.citations).toEqual(['tachet2018', 'baldi1989']);
  });

  it('the remark plugin throws on an unknown key, with the file and position', () => {
    const t = tree('baldi1989', 'nosuchkey');
    (t.children[0].children[1] as { position?: unknown }).position = { start: { line: 7, column: 3 } };
    expect(() => remarkCitations({ bibSource: SAMPLE })(t as never, { path: 'ch.mdx', data: {} })).toThrow(
      /ch\.mdx:7:3: Unknown citation key "nosuchkey"/,
    );
  });

  it('the remark plugin throws when citations have no <Bibliography />', () => {
    const t = { type: 'root', children: [{ type: 'paragraph', children: [cite('baldi1989')] }] };
    expect(() => remarkCitations({ bibSource: SAMPLE })(t as never, { path: 'ch.mdx', data: {} })).toThrow(/no <Bibliography \/>/);
  });
});

describe('joinBase', () => {
  it('puts the base path in front of site paths only', () => {
    expect(joinBase('/', '/modes/')).toBe('/modes/');
    expect(joinBase('/learning-dynamics/', '/modes/')).toBe('/learning-dynamics/modes/');
    expect(joinBase('/learning-dynamics', 'modes/')).toBe('/learning-dynamics/modes/');
    expect(joinBase('/learning-dynamics/', '/')).toBe('/learning-dynamics/');
    expect(joinBase('/learning-dynamics/', '/#chapters')).toBe('/learning-dynamics/#chapters');
    expect(joinBase('/learning-dynamics/', '#eq-8')).toBe('#eq-8');
    expect(joinBase('/learning-dynamics/', 'https://arxiv.org/abs/1312.6120')).toBe('https://arxiv.org/abs/1312.6120');
  });
});
