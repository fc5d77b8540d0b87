/** Gradient starvation on 8×8 digits (ours): clean and contradicting-patch test accuracy over training; the control dotted, chance and oracle in grey (kinds in the spec). */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, panel } from './common.ts';

export const tachetStarvationDigits: ChartBuilder = (frame, meta, Plot) => [
  panel(meta, 'main', { y: { domain: [0, 1.02] }, marks: allSeriesMarks(Plot, frame, meta, 'main') }),
];
