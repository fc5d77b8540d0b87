/** Tachet C7 (our two-feature model): w1, w2 and the control's w2 over time; feature-2-only confidence. Flow dashed. */
import type { ChartBuilder } from './common.ts';
import { baseOptions, groupColours, lineMark, seriesOf } from './common.ts';

export const tachetStarvation: ChartBuilder = (frame, spec, Plot) => {
  const colours = groupColours(frame.series);
  const weights = seriesOf(frame, 'weights');
  const conf = seriesOf(frame, 'confidence');
  const x = { label: 'training step', grid: true };
  return [
    {
      name: 'weights',
      title: 'Weights on feature 1 and feature 2',
      options: baseOptions(spec, { width: 420, height: 360, x, y: { label: 'weight', grid: true }, marks: [Plot.ruleY([0], { stroke: 'var(--ld-border)' }), ...weights.map((s) => lineMark(Plot, s, colours))] }),
    },
    {
      name: 'confidence',
      title: 'Confidence on examples with feature 2 only',
      options: baseOptions(spec, { width: 420, height: 360, x, y: { label: 'confidence σ(y f)', domain: [0.4, 1], grid: true }, marks: conf.map((s) => lineMark(Plot, s, colours)) }),
    },
  ];
};
