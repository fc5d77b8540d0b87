/**
 * Chart type is legible at every size: every figure's tick labels, axis labels and legend are at least
 * 11 CSS px on a 390 px phone and on a 1280 px desktop (each panel is drawn at its on-screen size,
 * components/charts/render.ts, instead of a fixed-width drawing scaled down by CSS).
 */
import { expect, test } from '@playwright/test';
import { bringIntoView, figure, PAGES } from './helpers.ts';

const MIN_PX = 11;

/** Waits until the chart has been drawn for the width it is shown at, then measures its type. */
async function measure(page: import('@playwright/test').Page, id: string) {
  await page.waitForFunction(
    (id) => {
      const chart = document.querySelector(`ld-figure#${id} .ld-chart`) as HTMLElement | null;
      const drawn = Number(chart?.querySelector('.ld-panels')?.getAttribute('data-width'));
      return !!chart && Math.abs(drawn - chart.clientWidth) <= 1;
    },
    id,
    { timeout: 15_000 },
  );
  return figure(page, id).evaluate((root) => {
    const texts = [...root.querySelectorAll('.ld-chart svg text')]
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => {
        // The font size as seen: the CSS font size times the scale at which the <svg> is shown.
        const svg = t.closest('svg')!;
        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width);
        return { text: (t.textContent ?? '').trim().slice(0, 30), height: t.getBoundingClientRect().height, font: parseFloat(getComputedStyle(t).fontSize) * scale };
      });
    const legend = root.querySelector('.ld-legend li');
    return { texts, legendFont: legend ? parseFloat(getComputedStyle(legend).fontSize) : null, svgs: root.querySelectorAll('.ld-chart svg').length };
  });
}

for (const viewport of [
  { width: 390, height: 844, name: 'phone 390×844' },
  { width: 1280, height: 800, name: 'desktop 1280×800' },
]) {
  test.describe(viewport.name, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });
    for (const p of PAGES) {
      test(`${p.name}: chart text and legend at least ${MIN_PX} px`, async ({ page }) => {
        await page.goto(`/${p.path}`);
        for (const id of p.figures) {
          await bringIntoView(page, id);
          const m = await measure(page, id);
          expect(m.svgs, `${id} draws a chart`).toBeGreaterThan(0);
          expect(m.texts.length, `${id} has tick and axis labels`).toBeGreaterThan(3);
          for (const t of m.texts) {
            expect(t.height, `${id}: "${t.text}" is ${t.height.toFixed(1)} px high`).toBeGreaterThanOrEqual(MIN_PX);
            expect(t.font, `${id}: "${t.text}" is set at ${t.font.toFixed(1)} px as shown`).toBeGreaterThanOrEqual(MIN_PX);
          }
          if (m.legendFont !== null) expect(m.legendFont, `${id} legend font size`).toBeGreaterThanOrEqual(MIN_PX);
        }
      });
    }
  });
}
