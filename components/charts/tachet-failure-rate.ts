/**
 * Failure rate of random initialisations against κ = σw/σv, per width: measured fractions (dots) with their
 * 95% Wilson intervals (bars), and q(κ)^H (dashed). Bars of different widths are dodged a few pixels apart.
 */
import type { ChartBuilder } from './common.ts';
import { colourOf, groupColours, kindClass, panel, seriesMarks, seriesOf } from './common.ts';

const DODGE = 4;

export const tachetFailureRate: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const all = seriesOf(frame, meta, 'main');
  const groups = [...new Set(all.map((s) => s.group))];
  const dx = (g: string) => (groups.indexOf(g) - (groups.length - 1) / 2) * DODGE;
  const marks = groups.flatMap((g) => {
    const mine = all.filter((s) => s.group === g);
    const prediction = mine.filter((s) => s.kind === 'prediction');
    const measured = mine.filter((s) => s.kind === 'measured');
    const [lo, hi] = mine.filter((s) => s.kind === 'interval');
    const { stroke, groupClass } = colourOf(meta, mine[0], colours);
    const bars = lo && hi ? lo.points.map(([k, a], i) => ({ k, a, b: hi.points[i][1] })) : [];
    return [
      ...prediction.flatMap((s) => seriesMarks(Plot, meta, s, colours)),
      Plot.ruleX(bars, { x: 'k', y1: 'a', y2: 'b', dx: dx(g), stroke, strokeWidth: 1.2, className: kindClass(meta, 'interval', groupClass) }),
      ...measured.flatMap((s) => seriesMarks(Plot, meta, s, colours, { r: 3, fill: stroke, dx: dx(g) })),
    ];
  });
  const labels = all
    .filter((s) => s.kind === 'prediction')
    .map((s) => ({ x: 11, y: s.points.at(-1)![1], label: s.group.replace('width ', 'H = '), fill: colourOf(meta, s, colours).stroke }));
  return [
    panel(meta, 'main', {
      width: 640,
      height: 380,
      marginRight: 48,
      x: { domain: [0.09, 11], ticks: [0.1, 0.2, 0.5, 1, 2, 5, 10] },
      y: { domain: [0, 0.8] },
      marks: [...marks, Plot.text(labels, { x: 'x', y: 'y', text: 'label', fill: 'fill', textAnchor: 'start', dx: 6, className: 'ld-note', ariaHidden: 'true' })],
    }),
  ];
};
