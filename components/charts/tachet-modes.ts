/** Claims C1 and C2 in the site's model: per-cluster margins over time (simulation and prediction), and the classification error. */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, groupColours, panel, seriesOf } from './common.ts';

/** Ticks of the symlog margin axis (the constant is 0.01): only those inside the data's range are drawn. */
const MARGIN_TICKS = [-1, -0.5, -0.2, -0.1, -0.05, -0.02, 0, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];

export const tachetModes: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const ys = seriesOf(frame, meta, 'margins').flatMap((s) => s.points.map((p) => p[1]));
  const lo = Math.min(0, ...ys);
  const hi = Math.max(0, ...ys);
  return [
    panel(meta, 'margins', {
      width: 440,
      height: 360,
      marginTop: 28,
      y: { ticks: MARGIN_TICKS.filter((t) => t >= lo && t <= hi) },
      marks: [axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'margins', colours)],
    }),
    panel(meta, 'error', {
      width: 440,
      height: 360,
      marginTop: 28,
      y: { domain: [0, 1] },
      marks: allSeriesMarks(Plot, frame, meta, 'error', colours),
    }),
  ];
};
