/** The few MDX syntax-tree shapes the site's remark plugins read (remark-citations, remark-figure-numbers). */
export interface JsxAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  value?: unknown;
}

export interface MdxNode {
  type: string;
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: MdxNode[];
  position?: { start: { line: number; column: number } };
}

/** Depth-first, parents before children. */
export function walk(node: MdxNode, visit: (n: MdxNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** "content/chapters/01-modes.mdx:12:3", for build errors. */
export function where(file: { path?: string }, node: MdxNode): string {
  const pos = node.position ? `:${node.position.start.line}:${node.position.start.column}` : '';
  return `${file.path ?? '<mdx>'}${pos}`;
}
