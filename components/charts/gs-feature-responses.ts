/**
 * Pezeshki et al. (2021), Fig. 2 (line plot): |zᵢ| over training for two NTK features, without (solid) and with
 * (dashed) spectral decoupling, one colour per feature; beside it the singular values of J at initialisation with
 * the two features followed circled.
 */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, groupColours, panel, seriesOf } from './common.ts';
import { SPECTRUM_SHOWN } from '../../engine/figures/gs-feature-responses.ts';

export const gsFeatureResponses: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const top = Math.max(1e-3, ...seriesOf(frame, meta, 'responses').flatMap((s) => s.points.map((p) => p[1])));
  return [
    panel(meta, 'responses', { width: 480, height: 360, y: { domain: [0, top * 1.05] }, marks: allSeriesMarks(Plot, frame, meta, 'responses', colours) }),
    panel(meta, 'spectrum', { width: 360, height: 360, x: { domain: [0, SPECTRUM_SHOWN + 1] }, marks: allSeriesMarks(Plot, frame, meta, 'spectrum', colours) }),
  ];
};
