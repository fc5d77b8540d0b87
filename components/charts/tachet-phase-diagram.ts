/**
 * The paper's phase diagram (Tachet des Combes et al. 2018), redrawn in this site's model: the (z, y) plane of
 * one ReLU unit, the failure region shaded (y ≤ 0 and the wedge left of y = −rz; only the separatrix line for a
 * linear unit), the conserved hyperbolas, and trajectories from c1, c2, c3; the margin over time beside it.
 */
import type { ChartBuilder } from './common.ts';
import { baseOptions, colourOf, groupColours, lineMark, seriesOf } from './common.ts';
import { Y_MAX, Y_MIN, Z_RANGE } from '../../engine/figures/tachet-phase-diagram.ts';

const PAD = 0.1;

export const tachetPhaseDiagram: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const r = Number(frame.params.r);
  const linear = Boolean(frame.params.linear);
  const phase = seriesOf(frame, 'phase');
  const time = seriesOf(frame, 'time');
  const sims = phase.filter((x) => x.role === 'simulation');
  const starts = sims.map((x) => ({ z: x.points[0][0], y: x.points[0][1], stroke: colourOf(x, colours), label: x.group }));
  const ends = sims.map((x) => ({ z: x.points.at(-1)![0], y: x.points.at(-1)![1], stroke: colourOf(x, colours) }));
  const zs = [-Z_RANGE - PAD, Z_RANGE + PAD];
  const ys = [Y_MIN - PAD, Y_MAX + PAD];
  // Failure region: for each z, from the bottom up to max(0, −rz) (ReLU). A linear unit has none.
  const region: { z: number; top: number }[] = [];
  if (!linear) for (let i = 0; i <= 80; i++) {
    const z = zs[0] + ((zs[1] - zs[0]) * i) / 80;
    region.push({ z, top: Math.min(ys[1], Math.max(0, -r * z)) });
  }
  return [
    {
      name: 'phase',
      title: 'Phase diagram (z, y) of one unit',
      options: baseOptions(spec, {
        width: 440,
        height: 360,
        marginLeft: 44,
        x: { label: 'z (signed output weight)', domain: zs, grid: true },
        y: { label: 'y (pre-activation on the cluster)', domain: ys, grid: true },
        marks: [
          ...(linear
            ? []
            : [
                Plot.areaY(region, { x: 'z', y1: ys[0], y2: 'top', fill: 'var(--ld-error)', fillOpacity: 0.13, ariaHidden: 'true' }),
                Plot.text([{ z: -1.55, y: 0.35 }], { x: 'z', y: 'y', text: () => 'failure', fill: 'var(--ld-error)', fontSize: 11, ariaHidden: 'true' }),
                Plot.text([{ z: 0.9, y: -0.55 }], { x: 'z', y: 'y', text: () => 'failure (dead unit)', fill: 'var(--ld-error)', fontSize: 11, ariaHidden: 'true' }),
              ]),
          Plot.ruleX([0], { stroke: 'var(--ld-border)' }),
          Plot.ruleY([0], { stroke: 'var(--ld-border)' }),
          ...phase.filter((x) => x.role === 'reference').map((x) => lineMark(Plot, x, colours)),
          ...phase.filter((x) => x.role !== 'reference').map((x) => lineMark(Plot, x, colours)),
          Plot.dot(starts, { x: 'z', y: 'y', r: 5, fill: 'var(--ld-bg)', stroke: 'stroke', strokeWidth: 2, ariaDescription: 'start points c1, c2, c3' }),
          Plot.text(starts, { x: 'z', y: 'y', text: 'label', dy: -11, fill: 'stroke', fontWeight: 'bold', ariaHidden: 'true' }),
          Plot.dot(ends, { x: 'z', y: 'y', r: 3.5, fill: 'stroke', ariaDescription: 'current points' }),
        ],
        clip: true,
      }),
    },
    {
      name: 'time',
      title: 'Margin of the unit over time',
      options: baseOptions(spec, {
        width: 440,
        height: 360,
        x: { label: 't (iterations)', grid: true },
        y: { label: 'margin m = z·ReLU(y)', grid: true },
        marks: [Plot.ruleY([0], { stroke: 'var(--ld-muted)', strokeDasharray: '2,3' }), ...time.map((x) => lineMark(Plot, x, colours))],
      }),
    },
  ];
};
