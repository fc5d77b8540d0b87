/**
 * remark plugin for MDX chapters: numbers the citations at compile time, in document order.
 *
 * - Every `<Cite key="..." />` gets `n` (its reference number: order of first citation) and
 *   `occurrence` (1, 2, ... for repeated citations of the same key), so ids and numbers do not
 *   depend on the order in which Astro happens to render components.
 * - Every `<Bibliography />` gets `keys` (cited keys, in citation order) and `counts`.
 * - An unknown key, a non-literal key, or citations without a `<Bibliography />` throw: the build fails.
 * - The cited keys are also written to the frontmatter as `citations` (remarkPluginFrontmatter).
 */
import { readFileSync } from 'node:fs';
import { walk, where, type MdxNode as Node } from './mdx-ast.ts';
import { Bibliography } from './bib.ts';

interface FileLike {
  path?: string;
  data: Record<string, unknown>;
}

export interface CitationOptions {
  /** Path (or file URL) of the .bib file, read on every compile so edits are picked up. */
  bibPath?: string | URL;
  /** Or the BibTeX source itself (tests). */
  bibSource?: string;
  /** Component names; defaults 'Cite' and 'Bibliography'. */
  citeName?: string;
  bibliographyName?: string;
}

function setAttribute(node: Node, name: string, value: string): void {
  node.attributes = (node.attributes ?? []).filter((a) => a.name !== name);
  node.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

export function remarkCitations(options: CitationOptions = {}) {
  const citeName = options.citeName ?? 'Cite';
  const bibName = options.bibliographyName ?? 'Bibliography';

  return function transform(tree: Node, file: FileLike): void {
    const source = options.bibSource ?? (options.bibPath ? readFileSync(options.bibPath, 'utf8') : '');
    const bib = new Bibliography(source);
    const order: string[] = [];
    const counts = new Map<string, number>();
    const bibliographies: Node[] = [];

    walk(tree, (node) => {
      if (node.type !== 'mdxJsxTextElement' && node.type !== 'mdxJsxFlowElement') return;
      if (node.name === bibName) { bibliographies.push(node); return; }
      if (node.name !== citeName) return;
      const attr = (node.attributes ?? []).find((a) => a.name === 'key');
      if (!attr || typeof attr.value !== 'string') {
        throw new Error(`${where(file, node)}: <${citeName}> needs a literal key, e.g. <${citeName} key="saxe2014" />.`);
      }
      const key = attr.value;
      try {
        bib.get(key);
      } catch (err) {
        throw new Error(`${where(file, node)}: ${(err as Error).message}`);
      }
      if (!counts.has(key)) order.push(key);
      const occurrence = (counts.get(key) ?? 0) + 1;
      counts.set(key, occurrence);
      setAttribute(node, 'n', String(order.indexOf(key) + 1));
      setAttribute(node, 'occurrence', String(occurrence));
    });

    if (order.length > 0 && bibliographies.length === 0) {
      throw new Error(`${file.path ?? '<mdx>'}: the page cites ${order.join(', ')} but has no <${bibName} />.`);
    }
    for (const node of bibliographies) {
      setAttribute(node, 'keys', order.join(' '));
      setAttribute(node, 'counts', order.map((k) => counts.get(k)).join(' '));
    }

    const astro = (file.data.astro ??= {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter = { ...(astro.frontmatter ?? {}), citations: order };
  };
}
