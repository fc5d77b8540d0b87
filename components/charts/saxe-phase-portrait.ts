/** Saxe Fig. 2: the (a, b) phase plane of eq. (8) and the mode strength u = ab over time. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, colourOf, groupColours, lineMark, seriesOf } from './common.ts';
import { fieldGrid } from '../../engine/analytic/saxe.ts';

export const PHASE_EXTENT = 2.2;

/** Arrows of the flow of eq. (8), with length growing slowly with speed. */
function field(s: number) {
  return fieldGrid(s, 1, 2, 14)
    .filter((p) => Math.hypot(p.da, p.db) > 1e-12)
    .map((p) => ({
      a: p.a,
      b: p.b,
      // Plot's vector rotation is clockwise from north; the panel has equal aspect.
      rotate: (Math.atan2(p.da, p.db) * 180) / Math.PI,
      length: Math.min(1, Math.sqrt(Math.hypot(p.da, p.db))),
    }));
}

export const saxePhasePortrait: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const s = Number(frame.params.s);
  const phase = seriesOf(frame, 'phase');
  const time = seriesOf(frame, 'time');
  const starts = phase
    .filter((x) => x.role === 'simulation')
    .map((x) => ({ a: x.points[0][0], b: x.points[0][1], stroke: colourOf(x, colours), name: x.name }));
  const ends = phase
    .filter((x) => x.role === 'simulation')
    .map((x) => ({ a: x.points.at(-1)![0], b: x.points.at(-1)![1], stroke: colourOf(x, colours) }));
  const domain = [-PHASE_EXTENT, PHASE_EXTENT];
  return [
    {
      name: 'phase',
      title: 'Phase plane (a, b)',
      options: baseOptions(spec, {
        width: 420,
        height: 420,
        marginLeft: 44,
        x: { label: 'a (input-side weight of the mode)', domain, grid: true },
        y: { label: 'b (output-side weight of the mode)', domain, grid: true },
        length: { range: [0, 11] },
        marks: [
          Plot.vector(field(s), { x: 'a', y: 'b', rotate: 'rotate', length: 'length', stroke: 'var(--ld-muted)', strokeOpacity: 0.55, ariaHidden: 'true' }),
          Plot.ruleX([0], { stroke: 'var(--ld-border)' }),
          Plot.ruleY([0], { stroke: 'var(--ld-border)' }),
          ...phase.map((x) => lineMark(Plot, x, colours)),
          Plot.dot(starts, { x: 'a', y: 'b', r: 5, fill: 'var(--ld-bg)', stroke: 'stroke', strokeWidth: 2, ariaDescription: 'start points' }),
          Plot.dot(ends, { x: 'a', y: 'b', r: 3.5, fill: 'stroke', ariaDescription: 'current points' }),
        ],
        clip: true,
      }),
    },
    {
      name: 'time',
      title: 'Mode strength u = ab over time',
      options: baseOptions(spec, {
        width: 420,
        height: 420,
        x: { label: 't (iterations)', grid: true },
        y: { label: 'u = ab', grid: true },
        marks: [Plot.ruleY([s], { stroke: 'var(--ld-muted)', strokeDasharray: '2,3' }), ...time.map((x) => lineMark(Plot, x, colours))],
      }),
    },
  ];
};
