/**
 * remark plugin for MDX chapters: gives every `<Figure id="…" />` its number (`number="3.2"`, from
 * site/lib/figure-numbers.ts) and checks every `<FigRef id="…" />` at compile time, so an unknown or
 * unpublished figure fails the build with the file and line.
 */
import { figureNumbers, type FigureNumber } from './figure-numbers.ts';
import { walk, where, type MdxNode as Node } from './mdx-ast.ts';

interface FileLike {
  path?: string;
}

function literal(node: Node, name: string): string | undefined {
  const attr = (node.attributes ?? []).find((a) => a.name === name);
  if (!attr) return undefined;
  return typeof attr.value === 'string' ? attr.value : undefined;
}

export interface FigureNumberOptions {
  /** The numbering to use (tests); default: read from content/chapters/. */
  numbers?: () => Map<string, FigureNumber>;
}

export function remarkFigureNumbers(options: FigureNumberOptions = {}) {
  return function transform(tree: Node, file: FileLike): void {
    const numbers = (options.numbers ?? figureNumbers)();
    const at = (node: Node) => where(file, node);
    let position = 0;
    let slug: string | undefined;
    walk(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      if (node.name !== 'Figure' && node.name !== 'FigRef') return;
      const id = literal(node, 'id');
      if (!id) throw new Error(`${at(node)}: <${node.name}> needs a literal id, e.g. <${node.name} id="saxe-depth" />.`);
      const hit = numbers.get(id);
      if (!hit) throw new Error(`${at(node)}: <${node.name} id="${id}"> names no figure of a published chapter. Known: ${[...numbers.keys()].join(', ')}.`);
      if (node.name === 'FigRef' || (node.attributes ?? []).some((a) => a.name === 'teaser')) return;
      position += 1;
      slug ??= hit.slug;
      if (hit.slug !== slug || hit.n !== position) {
        throw new Error(`${at(node)}: figure "${id}" is ${hit.label} by the chapter files, but figure ${position} of this file.`);
      }
      node.attributes = [...(node.attributes ?? []).filter((a) => a.name !== 'number'), { type: 'mdxJsxAttribute', name: 'number', value: hit.number }];
    });
  };
}
