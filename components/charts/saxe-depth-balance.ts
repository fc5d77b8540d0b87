/** This site's addition to Saxe §2: drift of aᵢ² − aⱼ² (log scale) and u = Π aᵢ over time (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, groupColours, panel } from './common.ts';

export const saxeDepthBalance: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const size = { width: 460, height: 380 };
  return [
    panel(meta, 'drift', { ...size, marks: allSeriesMarks(Plot, frame, meta, 'drift', colours) }),
    panel(meta, 'u', { ...size, marks: allSeriesMarks(Plot, frame, meta, 'u', colours) }),
  ];
};
