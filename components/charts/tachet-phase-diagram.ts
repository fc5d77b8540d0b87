/**
 * The paper's phase diagram (Tachet des Combes et al. 2018), redrawn in this site's model: the (z, y) plane of
 * one ReLU unit, the failure region shaded (y ≤ 0 and the wedge left of y = −r·z; only the separatrix line for a
 * linear unit), the conserved hyperbolas, and trajectories from c1, c2, c3; the margin over time beside it.
 */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, colourOf, groupColours, kindClass, panel, seriesOf } from './common.ts';
import { Y_MAX, Y_MIN, Z_RANGE } from '../../engine/figures/tachet-phase-diagram.ts';

const PAD = 0.1;

export const tachetPhaseDiagram: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const r = Number(frame.params.r);
  const linear = Boolean(frame.params.linear);
  const zs = [-Z_RANGE - PAD, Z_RANGE + PAD];
  const ys = [Y_MIN - PAD, Y_MAX + PAD];
  // Failure region: for each z, from the bottom up to max(0, −rz) (ReLU). A linear unit has none.
  const region: { z: number; top: number }[] = [];
  if (!linear) {
    for (let i = 0; i <= 80; i++) {
      const z = zs[0] + ((zs[1] - zs[0]) * i) / 80;
      region.push({ z, top: Math.min(ys[1], Math.max(0, -r * z)) });
    }
  }
  const phase = seriesOf(frame, meta, 'phase');
  // The current point of each path: a filled dot in the path's colour (part of the path's kind).
  const ends = phase
    .filter((s) => s.kind === 'path')
    .map((s) => {
      const { stroke, groupClass } = colourOf(meta, s, colours);
      const [z, y] = s.points.at(-1)!;
      return Plot.dot([{ z, y }], { x: 'z', y: 'y', r: 3.5, fill: stroke, className: kindClass(meta, 'path', groupClass), ariaDescription: `${s.group}: current point` });
    });
  const labels = phase
    .filter((s) => s.kind === 'start')
    .map((s) => {
      const { stroke } = colourOf(meta, s, colours);
      const [z, y] = s.points[0];
      return Plot.text([{ z, y }], { x: 'z', y: 'y', text: () => s.group, dy: -11, fill: stroke, fontWeight: 'bold', className: 'ld-note', ariaHidden: 'true' });
    });
  return [
    panel(meta, 'phase', {
      width: 440,
      height: 360,
      marginLeft: 48,
      x: { domain: zs },
      y: { domain: ys },
      clip: true,
      marks: [
        ...(linear
          ? []
          : [
              Plot.areaY(region, { x: 'z', y1: ys[0], y2: 'top', fill: 'var(--ld-error)', fillOpacity: 0.13, className: kindClass(meta, 'failure') }),
              Plot.text([{ z: -1.55, y: 0.35 }], { x: 'z', y: 'y', text: () => 'failure', fill: 'var(--ld-error)', fontSize: 11, className: 'ld-note', ariaHidden: 'true' }),
              Plot.text([{ z: 0.9, y: -0.55 }], { x: 'z', y: 'y', text: () => 'failure (dead unit)', fill: 'var(--ld-error)', fontSize: 11, className: 'ld-note', ariaHidden: 'true' }),
            ]),
        axisRule(Plot, 'x'),
        axisRule(Plot, 'y'),
        ...allSeriesMarks(Plot, frame, meta, 'phase', colours),
        ...ends,
        ...labels,
      ],
    }),
    panel(meta, 'time', { width: 440, height: 360, marks: [axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'time', colours)] }),
  ];
};
