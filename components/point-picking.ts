/**
 * Click (or tap) in a phase-plane panel to move the nearest start point there. Figures opt in by
 * having a panel named 'phase' and parameter pairs a1/b1, a2/b2, … (Saxe's (a, b) plane) or
 * z0/y0, z1/y1, … (the (z, y) plane of the failure chapter).
 *
 * Keyboard: a group of buttons next to the chart, one per start point ("Move c1 …"); with a button focused,
 * the arrow keys move that point (left/right: first coordinate, up/down: second; Shift for steps ten times
 * larger) and the figure reruns. Each coordinate is also on its slider.
 */
import type { FigureMeta, NumberParam, Params } from '../engine/spec.ts';

type Scale = { invert?: (v: number) => number };
type PlotElement = SVGSVGElement & { scale?: (name: string) => Scale | undefined };

/** Name patterns of start-point pairs: [first coordinate, second coordinate, first index]. */
const PATTERNS: [string, string, number][] = [
  ['a', 'b', 1],
  ['z', 'y', 0],
];

export function startPairs(meta: FigureMeta): [NumberParam, NumberParam][] {
  for (const [p, q, first] of PATTERNS) {
    const pairs: [NumberParam, NumberParam][] = [];
    for (let k = first; k < first + 9; k++) {
      const a = meta.params.find((d) => d.name === `${p}${k}`);
      const b = meta.params.find((d) => d.name === `${q}${k}`);
      if (a?.kind !== 'number' || b?.kind !== 'number') break;
      pairs.push([a, b]);
    }
    if (pairs.length) return pairs;
  }
  return [];
}

/** The label of a pair for people: the text of its slider label before the colon ("Start 1", "c1"). */
function pairLabel(pair: [NumberParam, NumberParam], i: number): string {
  const head = pair[0].label.split(':')[0].trim();
  return head && head !== pair[0].label ? head : `start ${i + 1}`;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const clamp = (d: NumberParam, v: number) => Math.min(d.max, Math.max(d.min, v));
const show = (v: number) => (Math.round(v * 100) / 100).toFixed(2).replace('-', '−');

/** Which keyboard handle had focus in a chart before it was re-rendered (restored after). */
const focusedHandle = new WeakMap<HTMLElement, number>();

function keyboardGroup(chart: HTMLElement, pairs: [NumberParam, NumberParam][], current: () => Params, apply: (changes: Params) => void) {
  const params = current();
  const parent = chart.parentElement;
  if (!parent) return;
  let group = parent.querySelector<HTMLElement>(':scope > .ld-point-keys');
  if (!group) {
    group = document.createElement('div');
    group.className = 'ld-point-keys';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Move the start points with the arrow keys');
    chart.insertAdjacentElement('afterend', group);
  }
  const buttons = pairs.map(([pa, pb], i) => {
    const name = pairLabel([pa, pb], i);
    const a = Number(params[pa.name]);
    const b = Number(params[pb.name]);
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'ld-point-key';
    btn.dataset.point = String(i);
    btn.textContent = `${name} (${show(a)}, ${show(b)})`;
    btn.setAttribute(
      'aria-label',
      `Move ${name}, now at ${pa.name} = ${show(a)}, ${pb.name} = ${show(b)}: left and right arrows change ${pa.name}, up and down change ${pb.name}; hold Shift for larger steps.`,
    );
    btn.addEventListener('focus', () => focusedHandle.set(chart, i));
    btn.addEventListener('blur', (ev) => {
      if ((ev as FocusEvent).relatedTarget) focusedHandle.delete(chart);
    });
    btn.addEventListener('keydown', (ev) => {
      const step = (ev.shiftKey ? 10 : 1) * 0.05;
      let da = 0;
      let db = 0;
      if (ev.key === 'ArrowLeft') da = -step;
      else if (ev.key === 'ArrowRight') da = step;
      else if (ev.key === 'ArrowDown') db = -step;
      else if (ev.key === 'ArrowUp') db = step;
      else return;
      ev.preventDefault();
      focusedHandle.set(chart, i);
      // Read the state now, not at the last redraw: a second key press may come before the next frame.
      const now = current();
      apply({ [pa.name]: round2(clamp(pa, Number(now[pa.name]) + da)), [pb.name]: round2(clamp(pb, Number(now[pb.name]) + db)) });
    });
    return btn;
  });
  group.replaceChildren(...buttons);
  const want = focusedHandle.get(chart);
  const active = document.activeElement;
  if (want !== undefined && buttons[want] && (!active || active === document.body || !active.isConnected)) buttons[want].focus({ preventScroll: true });
}

export function attachPointPicking(chart: HTMLElement, meta: FigureMeta, current: () => Params, apply: (changes: Params) => void) {
  const pairs = startPairs(meta);
  if (!pairs.length) return;
  keyboardGroup(chart, pairs, current, apply);
  const svg = chart.querySelector<PlotElement>('svg[data-panel="phase"]');
  if (!svg?.scale) return;
  const sx = svg.scale('x')?.invert;
  const sy = svg.scale('y')?.invert;
  if (!sx || !sy) return;
  svg.style.cursor = 'crosshair';
  svg.addEventListener('click', (ev) => {
    const box = svg.getBoundingClientRect();
    const w = Number(svg.getAttribute('width')) || box.width;
    const h = Number(svg.getAttribute('height')) || box.height;
    const a = sx(((ev.clientX - box.left) * w) / box.width);
    const b = sy(((ev.clientY - box.top) * h) / box.height);
    const params = current();
    let best = 0;
    let bestDist = Infinity;
    pairs.forEach(([pa, pb], i) => {
      const d = Math.hypot(Number(params[pa.name]) - a, Number(params[pb.name]) - b);
      if (d < bestDist) [best, bestDist] = [i, d];
    });
    const [pa, pb] = pairs[best];
    apply({ [pa.name]: round2(clamp(pa, a)), [pb.name]: round2(clamp(pb, b)) });
  });
}
