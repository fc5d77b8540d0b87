/**
 * rehype plugin, after rehype-katex and rehypeEquations: references to equation numbers become links.
 *
 * - "eq. (12)", "Eq. (12)", "equation (12)", "eqs. (13)–(17)", "equations (S1) to (S3)" and a bare "(12)"
 *   become links to #eq-12, but only where this page has a numbered equation (12);
 * - never inside math, code, links, headings or MDX expressions; never where the parentheses belong to a
 *   formula or a name ("f(2)", "a_1(0)"), nor after "Fig.", "Table", "§", "step"… ("Fig. 2 (3)");
 * - every link to an equation (these and the chapters' own `[eq. (8)](#eq-8)`) shows the equation on hover
 *   and keyboard focus, in the same pop-up as the citations (`.ld-cite` / `.ld-cite-tip`, Escape closes it;
 *   its content is copied in on first use by site/lib/equation-tips.ts), and is described by the equation
 *   itself for screen readers (aria-describedby).
 */
import { classes, element, type HNode } from './hast-lite.ts';
import { equationId } from './rehype-equations.ts';

export interface EquationRef {
  /** Offsets of the link text: "eq. (12)" with its word when one number follows, else "(12)". */
  start: number;
  end: number;
  tag: string;
  /** False for a reference to another chapter's equation. */
  here: boolean;
}

const REF = /(\b(?:eqs?\.|equations?)\s+)?\(([A-Z]?\d{1,3}[a-z]?)\)/gi;
/** Words after which "(3)" is not an equation: "Fig. 2 (3)", "step (3)", "§ (2)". */
const NOT_AFTER = /(?:\b(?:figs?\.|figures?|tables?|sections?|chapters?|steps?|items?|panels?|lines?|columns?|rows?|parts?|cases?|notes?|refs?\.|references?)\s*\d*\s*|§\s*\d*\s*)$/i;
/** Links between a range's numbers: "(13)–(17)", "(S1) to (S3)", "(10) and (12)", "(3), (4)". */
const JOINER = /^\s*(?:–|—|-|to|and|or|,)\s*$/;

/**
 * Finds the equation references in one run of text, given the equation numbers on the page and, for
 * explicit references only ("eq. (11)", "equation (10)"), those of other chapters.
 */
export function findEquationRefs(text: string, tags: ReadonlySet<string>, elsewhere: ReadonlySet<string> = new Set()): EquationRef[] {
  const out: EquationRef[] = [];
  let chained = false; // the previous match was an explicit reference and only a joiner follows it
  let lastEnd = -1;
  for (const m of text.matchAll(REF)) {
    const start = m.index;
    const end = start + m[0].length;
    const prefix = m[1] ?? '';
    const tag = m[2];
    const open = start + prefix.length;
    const before = text.slice(0, open);
    const after = text.charAt(end);
    const explicit: boolean = prefix !== '' || (chained && JOINER.test(text.slice(lastEnd, start)));
    const glued = prefix === '' && /[\p{L}\p{N})\]_^'’]$/u.test(before); // f(2), a(0), x'(1)
    const blocked = prefix === '' && NOT_AFTER.test(before);
    const trailing = /[\p{L}\p{N}]/u.test(after); // (2)x
    chained = false;
    const here = tags.has(tag);
    if (!(here || (explicit && elsewhere.has(tag))) || glued || trailing || (blocked && !explicit)) continue;
    // "eqs. (13)–(17)": link the numbers, not the word, so each number has its own link.
    const rangeFollows = /^\s*(?:–|—|-|to)\s*\(/.test(text.slice(end));
    const linkStart = prefix && !/^eqs|^equations/i.test(prefix) && !rangeFollows ? start : open;
    out.push({ start: linkStart, end, tag, here });
    chained = explicit;
    lastEnd = end;
  }
  return out;
}

const SKIP_TAGS = new Set(['a', 'code', 'pre', 'script', 'style', 'svg', 'math', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'button']);

function skip(node: HNode): boolean {
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') return false;
  if (node.type !== 'element') return node.type !== 'root';
  const cls = classes(node);
  return SKIP_TAGS.has(node.tagName ?? '') || cls.includes('katex') || cls.includes('katex-display') || cls.includes('ld-eq');
}

/**
 * The pop-up: empty in the HTML, filled with a copy of the equation's drawing on first hover or focus
 * (site/lib/equation-tips.ts), so a chapter does not carry a copy of an equation per reference. Hidden from
 * assistive tech: the link is described by the equation itself.
 */
function tipFor(id: string): HNode {
  return element('span', { className: ['ld-cite-tip', 'ld-eq-tip'], ariaHidden: 'true', dataEq: id });
}

function wrap(link: HNode, id: string): HNode {
  link.properties = { ...link.properties, ariaDescribedBy: id, className: [...classes(link), 'ld-eqref-link'] };
  return element('span', { className: ['ld-cite', 'ld-eqref'] }, [link, tipFor(id)]);
}

export interface EquationRefOptions {
  /** Equations of other chapters: number → page URL of its chapter (e.g. from equation-index.ts). */
  elsewhere?: () => Map<string, string>;
}

export function rehypeEquationRefs(options: EquationRefOptions = {}) {
  return function transform(tree: HNode): void {
    const equations = new Map<string, HNode>();
    const collect = (node: HNode) => {
      if (node.type === 'element' && classes(node).includes('ld-eq') && typeof node.properties?.id === 'string') {
        equations.set(node.properties.id, node);
      }
      (node.children ?? []).forEach(collect);
    };
    collect(tree);
    const tags = new Set([...equations.values()].map((n) => String(n.properties?.dataEquation ?? '')));
    const elsewhere = options.elsewhere?.() ?? new Map<string, string>();
    for (const tag of tags) elsewhere.delete(tag);
    if (equations.size === 0 && elsewhere.size === 0) return;
    const others = new Set(elsewhere.keys());

    const visit = (node: HNode) => {
      const children = node.children;
      if (!children) return;
      const next: HNode[] = [];
      for (const child of children) {
        const href = child.properties?.href;
        if (child.type === 'element' && child.tagName === 'a' && typeof href === 'string' && equations.has(href.slice(1)) && href.startsWith('#')) {
          next.push(wrap(child, href.slice(1)));
          continue;
        }
        if (child.type === 'text' && child.value) {
          const refs = findEquationRefs(child.value, tags, others);
          let at = 0;
          for (const r of refs) {
            if (r.start > at) next.push({ type: 'text', value: child.value.slice(at, r.start) });
            const id = equationId(r.tag);
            const label: HNode = { type: 'text', value: child.value.slice(r.start, r.end) };
            // Another chapter's equation: a plain link to it (its drawing is on that page).
            next.push(r.here ? wrap(element('a', { href: `#${id}` }, [label]), id) : element('a', { href: `${elsewhere.get(r.tag)}#${id}`, className: ['ld-eqref-other'] }, [label]));
            at = r.end;
          }
          if (at < child.value.length) next.push(at === 0 ? child : { type: 'text', value: child.value.slice(at) });
          continue;
        }
        if (!skip(child)) visit(child);
        next.push(child);
      }
      node.children = next;
    };
    visit(tree);
  };
}
