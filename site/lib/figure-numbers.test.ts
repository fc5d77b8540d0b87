import { describe, expect, it } from 'vitest';
import { figureIdsIn, figureNumber, figureNumbers, numberFigures } from './figure-numbers.ts';

const chapter = (slug: string, status: string, body: string) => `---\ntitle: "x"\nslug: ${slug}\nstatus: ${status}\n---\nimport Figure from 'x';\n\n${body}`;

describe('figure numbers', () => {
  it('numbers figures per chapter in order of appearance, skipping code, comments, teasers and drafts', () => {
    const numbers = numberFigures([
      { file: '02-depth.mdx', source: chapter('depth', 'published', '<Figure id="b" />\n\n```mdx\n<Figure id="in-code" />\n```\n\n{/* <Figure id="commented" /> */}\n<Figure id="c"/>\n<Figure id="t" teaser />') },
      { file: '01-modes.mdx', source: chapter('modes', 'published', 'Text `<Figure id="inline-code" />`\n<Figure id="a" />') },
      { file: '05-failure.mdx', source: chapter('failure', 'draft', '<Figure id="d" />') },
    ]);
    expect([...numbers.values()].map((f) => `${f.id} ${f.label} ${f.slug}`)).toEqual(['b Figure 2.1 depth', 'c Figure 2.2 depth', 'a Figure 1.1 modes']);
    expect(() => figureNumber('d', numbers)).toThrow(/No published chapter shows figure "d"/);
  });

  it('rejects a figure shown twice and a figure without a literal id', () => {
    expect(() =>
      numberFigures([
        { file: 'a.mdx', source: chapter('modes', 'published', '<Figure id="a" />') },
        { file: 'b.mdx', source: chapter('depth', 'published', '<Figure id="a" />') },
      ]),
    ).toThrow(/already Figure 1.1/);
    expect(() => figureIdsIn('<Figure id={x} />')).toThrow(/literal id/);
  });

  it('numbers the real chapters: the first figure of chapter 1 is 1.1, saxe-depth is 2.2', () => {
    const numbers = figureNumbers();
    expect(figureNumber('saxe-phase-portrait', numbers).label).toBe('Figure 1.1');
    expect(figureNumber('saxe-depth', numbers)).toMatchObject({ slug: 'depth', chapter: 2, n: 2, number: '2.2' });
    expect(figureNumber('saxe-random-spectra', numbers).label).toBe('Figure 3.2');
  });
});
