/**
 * Click (or tap) in a panel to move the nearest draggable point there. The spec declares its handles
 * (`handles`: a panel and the two number parameters of each point).
 *
 * Keyboard: a group of buttons next to the chart, one per point ("Move c1 …"); with a button focused,
 * the arrow keys move that point by one grid step of each control (left/right: first coordinate,
 * up/down: second; Shift for ten steps) and the figure reruns. Each coordinate is also on its slider.
 */
import { fmt } from '../engine/format.ts';
import { fromPosition, gridStep, snapToGrid, toPosition } from '../engine/params.ts';
import type { FigureMeta, Handle, NumberParam, Params } from '../engine/spec.ts';

type Scale = { invert?: (v: number) => number };
type PlotElement = SVGSVGElement & { scale?: (name: string) => Scale | undefined };
type Pair = { handle: Handle; x: NumberParam; y: NumberParam };

export function handlePairs(meta: FigureMeta): Pair[] {
  const num = (name: string) => {
    const d = meta.params.find((p) => p.name === name);
    if (d?.kind !== 'number') throw new Error(`${meta.id}: handle parameter "${name}" is not a number parameter.`);
    return d;
  };
  return (meta.handles ?? []).map((handle) => ({ handle, x: num(handle.x), y: num(handle.y) }));
}

/** One grid step (or ten) from v along a control. */
function nudge(d: NumberParam, v: number, steps: number): number {
  if (d.values) return fromPosition(d, toPosition(d, v) + steps);
  return snapToGrid(d, v + steps * gridStep(d));
}

/** Which keyboard handle had focus in a chart before it was re-rendered (restored after). */
const focusedHandle = new WeakMap<HTMLElement, number>();

function keyboardGroup(chart: HTMLElement, pairs: Pair[], current: () => Params, apply: (changes: Params) => void) {
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
  const buttons = pairs.map(({ handle, x: pa, y: pb }, i) => {
    const name = handle.label;
    const a = Number(params[pa.name]);
    const b = Number(params[pb.name]);
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'ld-point-key';
    btn.dataset.point = String(i);
    btn.textContent = `${name} (${fmt(a)}, ${fmt(b)})`;
    btn.setAttribute(
      'aria-label',
      `Move ${name}, now at ${pa.label} = ${fmt(a)}, ${pb.label} = ${fmt(b)}: left and right arrows change ${pa.label}, up and down change ${pb.label}; hold Shift for larger steps.`,
    );
    btn.addEventListener('focus', () => focusedHandle.set(chart, i));
    btn.addEventListener('blur', (ev) => {
      if ((ev as FocusEvent).relatedTarget) focusedHandle.delete(chart);
    });
    btn.addEventListener('keydown', (ev) => {
      const step = ev.shiftKey ? 10 : 1;
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
      apply({ [pa.name]: nudge(pa, Number(now[pa.name]), da), [pb.name]: nudge(pb, Number(now[pb.name]), db) });
    });
    return btn;
  });
  group.replaceChildren(...buttons);
  const want = focusedHandle.get(chart);
  const active = document.activeElement;
  if (want !== undefined && buttons[want] && (!active || active === document.body || !active.isConnected)) buttons[want].focus({ preventScroll: true });
}

/** The panels whose clicks move a point: each listens once, as long as it is on the page (the chart is changed in place). */
const listening = new WeakSet<Element>();

/** The panels that hold draggable points, in a drawn chart. */
function handlePanels(root: ParentNode, pairs: Pair[]): { svg: PlotElement; mine: Pair[] }[] {
  return [...new Set(pairs.map((p) => p.handle.panel))].flatMap((panel) => {
    const svg = root.querySelector<PlotElement>(`svg[data-panel="${CSS.escape(panel)}"]`);
    return svg?.scale ? [{ svg, mine: pairs.filter((p) => p.handle.panel === panel) }] : [];
  });
}

/**
 * Give the panels with draggable points a crosshair, on a drawn chart before it goes on the page: the panels on the
 * page then take the same style attribute at every frame (components/chart-morph.ts), and do not change it.
 */
export function markPickable(drawn: Element, meta: FigureMeta) {
  for (const { svg } of handlePanels(drawn, handlePairs(meta))) svg.style.cursor = 'crosshair';
}

export function attachPointPicking(chart: HTMLElement, meta: FigureMeta, current: () => Params, apply: (changes: Params) => void) {
  const pairs = handlePairs(meta);
  if (!pairs.length) return;
  keyboardGroup(chart, pairs, current, apply);
  for (const { svg, mine } of handlePanels(chart, pairs)) {
    if (listening.has(svg)) continue;
    listening.add(svg);
    svg.addEventListener('click', (ev) => {
      // The panel's scales now: the chart is redrawn in place, and commitChart gives the panel each drawing's scales.
      const sx = svg.scale?.('x')?.invert;
      const sy = svg.scale?.('y')?.invert;
      if (!sx || !sy) return;
      const box = svg.getBoundingClientRect();
      const w = Number(svg.getAttribute('width')) || box.width;
      const h = Number(svg.getAttribute('height')) || box.height;
      const a = sx(((ev.clientX - box.left) * w) / box.width);
      const b = sy(((ev.clientY - box.top) * h) / box.height);
      const params = current();
      let best = mine[0];
      let bestDist = Infinity;
      for (const p of mine) {
        const d = Math.hypot(Number(params[p.x.name]) - a, Number(params[p.y.name]) - b);
        if (d < bestDist) [best, bestDist] = [p, d];
      }
      apply({ [best.x.name]: snapToGrid(best.x, Math.min(best.x.max, Math.max(best.x.min, a))), [best.y.name]: snapToGrid(best.y, Math.min(best.y.max, Math.max(best.y.min, b))) });
    });
  }
}
