/** Saxe Fig. 6B–C: singular values (density over log10 σ), eigenvalues in the complex plane, and the radial CDF of |λ|. */
import type { ChartBuilder } from './common.ts';
import { allSeriesMarks, axisRule, colourOf, groupColours, panel, seriesMarks, seriesOf } from './common.ts';

export const saxeRandomSpectra: ChartBuilder = (frame, meta, Plot) => {
  const colours = groupColours(meta, frame.series);
  const eigen = seriesOf(frame, meta, 'eigen');
  let extent = 1.15;
  for (const s of eigen) for (const p of s.points) extent = Math.max(extent, Math.abs(p[0]) * 1.05, Math.abs(p[1]) * 1.05);
  const domain = [-extent, extent];
  return [
    // The line at log10 σ = 0 marks σ = 1, where every singular value of an orthogonal product lies.
    panel(meta, 'singular', { marks: [axisRule(Plot, 'x'), axisRule(Plot, 'y'), ...allSeriesMarks(Plot, frame, meta, 'singular', colours)] }),
    panel(meta, 'eigen', {
      width: 400,
      height: 400,
      marginLeft: 48,
      x: { domain },
      y: { domain },
      // Eigenvalues as small filled dots: a few thousand of them overlap near the origin.
      marks: eigen.flatMap((s) =>
        seriesMarks(Plot, meta, s, colours, meta.kinds[s.kind].style === 'dots' ? { r: 1.6, fill: colourOf(meta, s, colours).stroke, fillOpacity: 0.55, stroke: 'none' } : {}),
      ),
    }),
    panel(meta, 'radial', {
      height: 300,
      x: { domain: [0, Math.max(1.05, extent)] },
      y: { domain: [0, 1] },
      marks: allSeriesMarks(Plot, frame, meta, 'radial', colours),
    }),
  ];
};
