/** An HTML legend (keyboard- and screen-reader-friendly, unlike a legend drawn in SVG). */
import type { Frame } from '../engine/spec.ts';
import { groupColours } from './charts/common.ts';
import { escapeHtml } from './data-table.ts';

export function legendHtml(frame: Frame): string {
  const colours = groupColours(frame.series);
  const items = [...colours.entries()].map(
    ([g, c]) => `<li><span class="ld-swatch" style="background:${c}" aria-hidden="true"></span>${escapeHtml(g)}</li>`,
  );
  const roles = new Set(frame.series.map((s) => s.role));
  const key = [
    roles.has('simulation') ? '<li><span class="ld-key ld-key-sim" aria-hidden="true"></span>simulation (solid)</li>' : '',
    roles.has('analytic') ? '<li><span class="ld-key ld-key-theory" aria-hidden="true"></span>theory (dashed)</li>' : '',
    roles.has('reference') ? '<li><span class="ld-key ld-key-ref" aria-hidden="true"></span>guide (grey)</li>' : '',
  ].join('');
  return `<ul class="ld-legend-groups">${items.join('')}</ul><ul class="ld-legend-key">${key}</ul>`;
}
