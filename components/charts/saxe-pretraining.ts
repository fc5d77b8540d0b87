/** Saxe Fig. 5: heatmaps of Σ¹¹ and V¹¹ᵀΣ¹¹V¹¹ (cellMarks), and learning curves from random and pre-trained starts. */
import { fmt } from '../../engine/format.ts';
import type { PretrainingSummary } from '../../engine/figures/saxe-pretraining.ts';
import { LEARNED } from '../../engine/figures/saxe-pretraining.ts';
import type { FigureMeta, Frame } from '../../engine/spec.ts';
import type { ChartBuilder, Panel, PlotLib } from './common.ts';
import { allSeriesMarks, cellMarks, kindClass, panel, seriesOf } from './common.ts';

/** A square heatmap panel: rows top to bottom, a diverging colour scale symmetric about 0. */
function heat(Plot: PlotLib, frame: Frame, meta: FigureMeta, name: string, title: string): Panel {
  const rows = seriesOf(frame, meta, name);
  let m = 1e-12;
  for (const s of rows) for (const [, v] of s.points) m = Math.max(m, Math.abs(v));
  const n = Math.max(1, rows.length);
  const domain = Array.from({ length: n }, (_, i) => i + 1);
  const ticks = n > 10 ? [1, 4, 8, 12, 16] : undefined;
  return panel(
    meta,
    name,
    {
      width: 320,
      height: 320,
      marginLeft: 40,
      marginBottom: 40,
      x: { type: 'band', domain, tickSize: 0, grid: false, ticks },
      y: { type: 'band', domain, tickSize: 0, grid: false, ticks },
      color: { type: 'linear', scheme: 'rdbu', domain: [-m, m], reverse: true, legend: false },
      marks: cellMarks(Plot, meta, rows),
    },
    title,
  );
}

export const saxePretraining: ChartBuilder = (frame, meta, Plot) => {
  const s = frame.summary as PretrainingSummary;
  const digits = frame.params.dataset === 'digits';
  const pre = s.pretrainSteps;
  return [
    heat(Plot, frame, meta, 'sigma11', `Σ¹¹ ${digits ? 'on the central 4×4 pixel patch' : 'in input coordinates'} (diagonal-ness ${fmt(s.diagonalnessSigma11)})`),
    heat(Plot, frame, meta, 'rotated', `V¹¹ᵀΣ¹¹V¹¹ on the task modes (diagonal-ness ${fmt(s.diagonalnessRotated)})`),
    panel(meta, 'curves', {
      marks: [
        ...(pre > 0 ? [Plot.ruleX([pre], { stroke: 'var(--ld-muted)', strokeDasharray: '2,3', className: kindClass(meta, 'pretrainEnd') })] : []),
        Plot.ruleY([LEARNED], { stroke: 'var(--ld-muted)', strokeDasharray: '2,3', className: kindClass(meta, 'threshold') }),
        ...allSeriesMarks(Plot, frame, meta, 'curves'),
      ],
    }),
  ];
};
