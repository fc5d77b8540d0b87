/**
 * rehype plugin that runs after rehype-katex.
 *
 * 1. Fails the build on any KaTeX problem: rehype-katex only warns and renders a red `.katex-error`
 *    (or silently re-renders with `strict: 'ignore'`), so we turn both into errors.
 * 2. Wraps every numbered display equation (`\tag{8}`, the paper's own number) in
 *    `<div class="ld-eq" id="eq-8">`, so `[(8)](#eq-8)` links to it; duplicate numbers throw.
 *    The equation's number links to the equation (`a.ld-eq-self`).
 * 3. Checks that every in-page link to `#eq-…` has a target.
 */

interface Element {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Element[];
  value?: string;
}
interface Point {
  line?: number;
}
interface Message {
  source?: string | null;
  reason?: string;
  message?: string;
  place?: Point | { start?: Point } | null;
  line?: number | null;
  cause?: unknown;
}

function lineOf(m: Message): string {
  const place = m.place as (Point & { start?: Point }) | null | undefined;
  return String(m.line ?? place?.line ?? place?.start?.line ?? '?');
}
interface FileLike {
  path?: string;
  messages?: Message[];
}

function classes(node: Element): string[] {
  const c = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

function text(node: Element): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(text).join('');
}

function find(node: Element, test: (n: Element) => boolean): Element | undefined {
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const hit = find(child, test);
    if (hit) return hit;
  }
  return undefined;
}

function walk(node: Element, visit: (n: Element, parent: Element | undefined) => void, parent?: Element): void {
  visit(node, parent);
  for (const child of [...(node.children ?? [])]) walk(child, visit, node);
}

/** TeX source of a KaTeX-rendered node (from its MathML annotation). */
function texOf(node: Element): string {
  const ann = find(node, (n) => n.tagName === 'annotation');
  return ann ? text(ann) : '';
}

export function equationId(tag: string): string {
  return `eq-${tag.trim().replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

export function rehypeEquations() {
  return function transform(tree: Element, file: FileLike): void {
    const where = file.path ?? '<markdown>';
    const katexMessages = (file.messages ?? []).filter((m) => m.source === 'rehype-katex');
    if (katexMessages.length > 0) {
      const detail = katexMessages.map((m) => `  line ${lineOf(m)}: ${String(m.reason ?? m.message)}${m.cause instanceof Error ? ` (${m.cause.message})` : ''}`).join('\n');
      throw new Error(`${where}: KaTeX could not render ${katexMessages.length} formula(s):\n${detail}`);
    }

    const ids = new Set<string>();
    const eqLinks: string[] = [];
    walk(tree, (node, parent) => {
      if (node.type !== 'element') return;
      const cls = classes(node);
      if (cls.includes('katex-error')) {
        throw new Error(`${where}: KaTeX error in "${text(node)}": ${String(node.properties?.title ?? '')}`);
      }
      const href = node.properties?.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#eq-')) eqLinks.push(href.slice(1));
      if (!cls.includes('katex-display') || !parent?.children) return;
      const tag = /\\tag\*?\{([^}]*)\}/.exec(texOf(node))?.[1];
      if (tag === undefined) return;
      const id = equationId(tag);
      if (ids.has(id)) throw new Error(`${where}: equation number (${tag}) is used twice on the page.`);
      ids.add(id);
      const wrapper: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['ld-eq'], id, dataEquation: tag },
        // The number links to the equation itself: a transparent link over KaTeX's tag (whose drawing is
        // aria-hidden), named for assistive tech and outlined on focus (site/styles/anchors.css).
        children: [node, { type: 'element', tagName: 'a', properties: { className: ['ld-eq-self'], href: `#${id}`, ariaLabel: `Link to equation (${tag})` }, children: [] }],
      };
      parent.children[parent.children.indexOf(node)] = wrapper;
    });

    const missing = eqLinks.filter((id) => !ids.has(id));
    if (missing.length > 0) {
      throw new Error(`${where}: links to equations that are not on the page: ${[...new Set(missing)].map((m) => `#${m}`).join(', ')}.`);
    }
  };
}
