/** The panel layout of charts/render.ts: panels fit the width (and the height, when given), squares stay square. */
import { describe, expect, it } from 'vitest';
import { layoutPanels, PANEL_GAP, type PanelBox } from './render.ts';

const WIDE = { width: 640, height: 360 };
const SQUARE = { width: 400, height: 400 };

function inside(boxes: PanelBox[], width: number, height = Infinity) {
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(width);
    expect(b.y + b.height).toBeLessThanOrEqual(height);
  }
  // No two panels overlap.
  for (const a of boxes)
    for (const b of boxes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(true);
    }
}

describe('layoutPanels', () => {
  it('on a phone (324 px) stacks the panels, each the full width, wide ones at least 240 px high', () => {
    const boxes = layoutPanels([WIDE, SQUARE, { width: 640, height: 300 }], { width: 324 });
    expect(boxes.map((b) => b.width)).toEqual([324, 324, 324]);
    expect(boxes.map((b) => b.x)).toEqual([0, 0, 0]);
    expect(boxes[0].height).toBe(240); // 360 × 324/640 = 182, raised to 240
    expect(boxes[1].height).toBe(324);
    expect(boxes[1].y).toBe(240 + PANEL_GAP);
    inside(boxes, 324);
  });

  it('on a desktop figure (960 px) puts two panels a row, keeping their aspect', () => {
    const boxes = layoutPanels([WIDE, SQUARE, WIDE], { width: 960 });
    const w = (960 - PANEL_GAP) / 2;
    expect(boxes.map((b) => b.width)).toEqual([w, w, w]);
    expect(boxes[0].height).toBe(Math.round((360 * w) / 640));
    expect(boxes[1].height).toBe(w);
    expect(boxes[2].x).toBe(Math.floor((960 - w) / 2)); // the last row is centred
    inside(boxes, 960);
  });

  it('one panel takes the whole width', () => {
    expect(layoutPanels([WIDE], { width: 960 })).toEqual([{ x: 0, y: 0, width: 960, height: 540 }]);
  });

  it('fitting a screen, every panel is inside width × height and squares stay square', () => {
    for (const [W, H] of [
      [1240, 520],
      [1880, 790],
      [350, 600],
    ]) {
      const boxes = layoutPanels([WIDE, SQUARE, { width: 640, height: 300 }], { width: W, maxHeight: H });
      inside(boxes, W, H);
      expect(boxes[1].width).toBe(boxes[1].height);
    }
  });

  it('fitting a wide screen, three panels go side by side (the most room for the smallest)', () => {
    const boxes = layoutPanels([WIDE, SQUARE, WIDE], { width: 1880, maxHeight: 790 });
    expect(new Set(boxes.map((b) => b.y)).size).toBe(1);
  });
});
