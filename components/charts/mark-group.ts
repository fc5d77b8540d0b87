/**
 * A mark's own group in Plot's output. A mark clipped to the frame (the `clip` option) comes wrapped in a group
 * that holds the clip path (and the aria attributes); the mark's class and styles are on the one element inside.
 */
export function markGroup(g: Element): Element {
  return g.hasAttribute('clip-path') && g.children.length === 1 ? g.children[0] : g;
}
