/** Tachet C7 (our two-feature model): w1, w2 and the control's w2 over time; feature-2-only confidence. Flow dashed (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, panel } from './common.ts';

export const tachetStarvation: ChartBuilder = (frame, meta, Plot) => [
  panel(meta, 'weights', { width: 420, height: 360, marks: [axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'weights')] }),
  panel(meta, 'confidence', { width: 420, height: 360, y: { domain: [0.4, 1] }, marks: allSeriesMarks(Plot, frame, meta, 'confidence') }),
];
