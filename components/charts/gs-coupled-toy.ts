/**
 * Pezeshki et al. (2021), Fig. 6: feature-response trajectories in the (|z₁|, |z₂|) plane (one colour per s₁;
 * cross-entropy solid, its dual dotted, SD or squared loss dashed), and the final |z₂| against s₁. The plane
 * keeps the paper's axes (x ∈ [−0.5, 10.5], y ∈ [−0.1, 1.75]) unless a trajectory leaves them.
 */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, groupColours, panel, seriesOf } from './common.ts';

export const gsCoupledToy: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  let xMax = 10.5;
  let yMax = 1.75;
  for (const s of seriesOf(frame, meta, 'plane'))
    for (const [x, y] of s.points) {
      xMax = Math.max(xMax, x * 1.04);
      yMax = Math.max(yMax, y * 1.04);
    }
  return [
    panel(meta, 'plane', {
      width: 480,
      height: 360,
      x: { domain: [-0.5, xMax] },
      y: { domain: [-0.1, yMax] },
      marks: [axisRule(Plot, 'x'), axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'plane', colours)],
    }),
    panel(meta, 'final', { width: 380, height: 360, x: { domain: [1, 8] }, y: { domain: [0, yMax] }, marks: [axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'final', colours)] }),
  ];
};
