/**
 * rehype plugin: every h2–h4 of a chapter gets a link to itself ("Link to section: …"), shown on hover and
 * on keyboard focus (site/styles/anchors.css). Runs after Astro's rehypeHeadingIds (listed before it in
 * astro.config.mjs), so the ids are the ones the table of contents uses. The link holds an SVG icon and no
 * text, so the heading text Astro collects for the table of contents stays the same.
 */
import { classes, element, textOf, type HNode } from './hast-lite.ts';

const LEVELS = new Set(['h2', 'h3', 'h4']);

function icon(): HNode {
  return element('svg', { viewBox: '0 0 16 16', width: '16', height: '16', ariaHidden: 'true', focusable: 'false' }, [
    element('path', {
      fill: 'currentColor',
      d: 'M7.8 4.2 9.3 2.7a3.3 3.3 0 0 1 4.7 4.7l-2.3 2.3a3.3 3.3 0 0 1-4.7 0l-.5-.5 1.1-1.1.5.5a1.7 1.7 0 0 0 2.4 0l2.3-2.3a1.7 1.7 0 0 0-2.4-2.4L8.9 5.4zM8.2 11.8l-1.5 1.5A3.3 3.3 0 0 1 2 8.6l2.3-2.3a3.3 3.3 0 0 1 4.7 0l.5.5-1.1 1.1-.5-.5a1.7 1.7 0 0 0-2.4 0L3.2 9.7a1.7 1.7 0 0 0 2.4 2.4l1.5-1.5z',
    }),
  ]);
}

export function rehypeHeadingAnchors() {
  return function transform(tree: HNode): void {
    const visit = (node: HNode) => {
      if (node.type === 'element' && LEVELS.has(node.tagName ?? '')) {
        const id = node.properties?.id;
        if (typeof id === 'string' && id && !classes(node).includes('ld-no-anchor')) {
          const label = textOf(node).replace(/\s+/g, ' ').trim();
          node.properties = { ...node.properties, className: [...classes(node), 'ld-heading'] };
          node.children = [
            ...(node.children ?? []),
            element('a', { className: ['ld-heading-anchor'], href: `#${id}`, ariaLabel: `Link to section: ${label}` }, [icon()]),
          ];
        }
        return;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
