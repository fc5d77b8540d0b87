import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BibError,
  Bibliography,
  formatReference,
  latexToText,
  parseBibtex,
  parseNames,
  referenceText,
  shortCitation,
} from './bib.ts';
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

describe('parseBibtex', () => {
  it('reads entries, macros, concatenation, quotes, parentheses and bare numbers', () => {
    const entries = parseBibtex(SAMPLE);
    expect(entries.map((e) => e.key)).toEqual(['baldi1989', 'tachet2018', 'kaba']);
    const [baldi, tachet, kaba] = entries;
    expect(baldi.type).toBe('article');
    expect(baldi.fields.journal).toBe('Neural Networks');
    expect(baldi.fields.volume).toBe('2');
    expect(baldi.fields.year).toBe('1989');
    expect(tachet.type).toBe('misc');
    expect(tachet.fields.archiveprefix).toBe('arXiv');
    expect(kaba.fields.booktitle).toBe('Proc. Neural Networks');
  });

  it('rejects duplicate keys and malformed input with a line number', () => {
    expect(() => parseBibtex('@misc{a, title={x}}\n@misc{a, title={y}}')).toThrow(/line 2: duplicate key "a"/);
    expect(() => parseBibtex('@misc{a, title={x}')).toThrow(BibError);
    expect(() => parseBibtex('@misc{a, title = undefinedmacro}')).toThrow(/unknown @string macro/);
  });

  it('parses the real references.bib, with the entries the chapters need', () => {
    const bib = new Bibliography(readFileSync(new URL('../../content/references.bib', import.meta.url), 'utf8'));
    for (const key of ['saxe2014', 'tachet2018', 'pezeshki2021', 'baldi1989', 'saxe2013hier']) expect(bib.has(key)).toBe(true);
    expect(shortCitation(bib.get('saxe2014'))).toBe('Saxe, McClelland & Ganguli (2014)');
    expect(shortCitation(bib.get('tachet2018'))).toBe('Tachet des Combes et al. (2018)');
    expect(formatReference(bib.get('pezeshki2021')).authors).toContain('Sékou-Oumar Kaba');
    expect(formatReference(bib.get('saxe2014')).links).toEqual([{ href: 'https://arxiv.org/abs/1312.6120', label: 'arXiv:1312.6120' }]);
  });
});

describe('names and LaTeX', () => {
  it('splits "Last, First" and "First von Last" names', () => {
    const names = parseNames('Tachet des Combes, Remi and Ludwig van Beethoven and Ganguli, Surya and others');
    expect(names).toEqual([
      { first: 'Remi', last: 'Tachet des Combes' },
      { first: 'Ludwig', last: 'van Beethoven' },
      { first: 'Surya', last: 'Ganguli' },
      { first: '', last: 'others' },
    ]);
  });

  it('turns accents, dashes and escapes into Unicode', () => {
    expect(latexToText(String.raw`Caf\'e {\"U}ber na\"ive --- tests \& more`)).toBe('Café Über naïve — tests & more');
    expect(latexToText(String.raw`S{\'e}kou-Oumar`)).toBe('Sékou-Oumar');
    expect(latexToText('53--58')).toBe('53–58');
  });

  it('formats short and full references', () => {
    const bib = new Bibliography(SAMPLE);
    expect(shortCitation(bib.get('baldi1989'))).toBe('Baldi & Hornik (1989)');
    expect(shortCitation(bib.get('kaba'))).toBe('Kaba, Gauss & van Beethoven (2021)');
    expect(referenceText(bib.get('baldi1989'))).toBe(
      'Pierre Baldi and Kurt Hornik (1989). Neural networks and principal component analysis: Learning without local minima. Neural Networks 2(1), 53–58.',
    );
    expect(formatReference(bib.get('tachet2018')).venue).toBe('arXiv preprint');
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
