/** The few hast helpers the site's rehype plugins share (no dependency: the trees are plain objects). */

export interface HNode {
  type: string;
  tagName?: string;
  name?: string | null;
  properties?: Record<string, unknown>;
  children?: HNode[];
  value?: string;
}

export function classes(node: HNode): string[] {
  const c = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

export function textOf(node: HNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

export function element(tagName: string, properties: Record<string, unknown>, children: HNode[] = []): HNode {
  return { type: 'element', tagName, properties, children };
}
