/** Tachet C6 (our minimal model): margin and weight norm over time under three losses; closed forms, m = 1 and t* (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, panel } from './common.ts';

export const tachetLosses: ChartBuilder = (frame, meta, Plot) => [
  panel(meta, 'margin', { width: 420, height: 360, marks: allSeriesMarks(Plot, frame, meta, 'margin') }),
  panel(meta, 'norm', { width: 420, height: 360, marks: allSeriesMarks(Plot, frame, meta, 'norm') }),
];
