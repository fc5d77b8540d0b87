/**
 * The scale of each figure's default run against the paper's, read from the specs themselves: a parameter whose
 * doc says "(paper: X)" with a leading number X is compared with its default. Nothing is restated here, so the
 * table follows the specs (issue 10: "figure, paper scale, default scale, rerun time").
 */
import type { FigureSpec } from '../../engine/spec.ts';

export interface ScaleRow {
  id: string;
  /** name = paper value, for the parameters whose default differs ('' when every stated one matches). */
  paper: string;
  /** name = default value, for the same parameters. */
  defaults: string;
  /** Parameters with a stated paper value. */
  stated: number;
}

/**
 * The numeric paper value in a doc string: "(paper: 1000)", "(paper: 0.5e-3 with …)", "(paper: 5, i.e. …)",
 * "(the paper: 10,000 epochs)" (thousands separators allowed: a comma followed by three digits), "The paper: 500."
 */
export function paperValue(doc: string): number | null {
  const m = /(?:\((?:the )?|\bThe )paper: ([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*\.?[0-9]+(?:e-?[0-9]+)?)/.exec(doc);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

export function scaleRows(specs: readonly FigureSpec[]): ScaleRow[] {
  return specs.map((spec) => {
    const paper: string[] = [];
    const defaults: string[] = [];
    let stated = 0;
    for (const p of spec.params) {
      if (p.kind !== 'number') continue;
      const v = paperValue(p.doc);
      if (v === null) continue;
      stated++;
      if (Math.abs(v - p.default) <= 1e-12 * Math.abs(v)) continue;
      paper.push(`${p.name} ${v}`);
      defaults.push(`${p.name} ${p.default}`);
    }
    return { id: spec.id, paper: paper.join(', '), defaults: defaults.join(', '), stated };
  });
}
