/** Saxe Fig. 5: heatmaps of Σ¹¹ and V¹¹ᵀΣ¹¹V¹¹ (Plot.cell), and learning curves from random and pre-trained starts. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';
import { fmt } from '../../engine/figures/common.ts';

interface Cell {
  row: number;
  col: number;
  value: number;
}

function cells(series: ReturnType<typeof seriesOf>): Cell[] {
  return series.flatMap((s, i) => s.points.map(([col, value]) => ({ row: i + 1, col, value })));
}

export const saxePretraining: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series.filter((s) => s.panel === 'curves'));
  const heat = (panel: string, title: string, label: string) => {
    const cs = cells(seriesOf(frame, panel));
    const m = Math.max(1e-12, ...cs.map((c) => Math.abs(c.value)));
    const n = Math.max(1, ...cs.map((c) => c.row));
    return {
      name: panel,
      title,
      options: baseOptions(spec, {
        width: 320,
        height: 320,
        marginLeft: 40,
        marginBottom: 40,
        x: { label, domain: Array.from({ length: n }, (_, i) => i + 1), tickSize: 0, ticks: n > 10 ? [1, 4, 8, 12, 16] : undefined },
        y: { label: null, domain: Array.from({ length: n }, (_, i) => i + 1), tickSize: 0, ticks: n > 10 ? [1, 4, 8, 12, 16] : undefined },
        color: { type: 'linear', scheme: 'rdbu', domain: [-m, m], reverse: true, legend: false },
        marks: [Plot.cell(cs, { x: 'col', y: 'row', fill: 'value', inset: 0.5, ariaDescription: title })],
      }),
    };
  };
  const s = frame.summary;
  const rawKey = Object.keys(s).find((k) => k.startsWith('diagonal-ness of Σ¹¹')) ?? '';
  const pre = Number(s['pre-training steps (all layers)']);
  return [
    heat('sigma11', `Σ¹¹ (diagonal-ness ${fmt(Number(s[rawKey]))})`, rawKey.includes('pixels') ? 'pixel (central 4×4 patch)' : 'input coordinate'),
    heat('rotated', `V¹¹ᵀΣ¹¹V¹¹ on the task modes (diagonal-ness ${fmt(Number(s['diagonal-ness of V¹¹ᵀΣ¹¹V¹¹']))})`, 'task mode α'),
    {
      name: 'curves',
      title: 'Learning curves, pre-training time included',
      options: baseOptions(spec, {
        y: { label: 'excess error / error of W = 0', type: 'log', grid: true },
        marks: [
          ...(pre > 0 ? [Plot.ruleX([pre], { stroke: 'var(--ld-border)', strokeDasharray: '2,3' })] : []),
          Plot.ruleY([0.01], { stroke: 'var(--ld-border)', strokeDasharray: '2,3' }),
          ...seriesOf(frame, 'curves').map((x) => lineMark(Plot, x, colours)),
        ],
      }),
    },
  ];
};
