/**
 * Golden SVGs: each figure's chart at its default state, rendered with Plot and a DOM shim.
 * Numbers are rounded to 1 decimal (tolerance ±0.05 px in coordinates) so that harmless float
 * noise does not break the snapshot while any visible change does. Update with `npm run golden:update`.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { figures } from '../../engine/registry.ts';
import { toMeta } from '../../engine/spec.ts';
import { defaultFrame, staticChart } from '../build/static-figure.ts';
import { groupColours } from './common.ts';
import { charts } from './index.ts';

export function normalise(svg: string): string {
  return svg
    .replace(/-?\d+\.\d+(e-?\d+)?/g, (m) => {
      const v = Math.round(Number(m) * 10) / 10;
      return Object.is(v, -0) ? '0' : String(v);
    })
    .replace(/plot-[0-9a-f]{6}/g, 'plot-x')
    .replace(/></g, '>\n<');
}

describe('golden chart SVGs at the default state', () => {
  it('every registered figure has a chart builder, and every builder is a registered figure’s (no helper passes for one)', () => {
    for (const f of figures) expect(charts[f.id], f.id).toBeTypeOf('function');
    expect(Object.keys(charts).sort()).toEqual(figures.map((f) => f.id).sort());
  });

  for (const spec of figures) {
    it(spec.id, async () => {
      const frame = await defaultFrame(spec.id);
      const meta = toMeta(spec);
      const chart = staticChart(frame, meta);
      // The legend is read off the drawn marks; every mark is tagged, and every series is drawn.
      expect(chart.untagged, 'marks drawn without a kind').toEqual([]);
      const drawn = new Set(chart.items.kinds.map((k) => k.kind));
      for (const s of frame.series) if (s.points.length) expect(drawn.has(s.kind), `series "${s.name}" (${s.kind}) is drawn`).toBe(true);
      // Which series get a colour is charts/common.ts's rule (groupColours), applied here to what has points.
      const groups = new Set(groupColours(meta, frame.series.filter((s) => s.points.length)).keys());
      expect(groups.size, 'distinct colours for every group').toBeLessThanOrEqual(12);
      expect(chart.items.groups.map((g) => g.label).sort()).toEqual([...groups].sort());
      // The golden file holds the chart and its legend, so a change to either is reviewed.
      const svg = normalise(`${chart.svg}\n<!-- legend -->\n${chart.legend}`);
      expect(svg).toContain('<svg');
      const file = fileURLToPath(new URL(`./golden/${spec.id}.svg`, import.meta.url));
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
        if (!process.env.UPDATE_GOLDEN && process.env.CI) throw new Error(`Missing golden file ${file}`);
        writeFileSync(file, svg);
      }
      expect(svg).toBe(readFileSync(file, 'utf8'));
    }, 120_000);
  }
});
