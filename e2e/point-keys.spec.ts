/** The phase-plane start points move with the arrow keys; quick repeated presses all count. */
import { expect, test } from '@playwright/test';
import { figure, runs, waitForFigureDone } from './helpers.ts';

const id = 'tachet-phase-diagram';

test('arrow keys on a start point move it, each press from the latest position', async ({ page }) => {
  await page.goto('/failure/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  await fig.focus();
  const handle = fig.locator('.ld-point-key').first();
  await expect(handle).toBeVisible({ timeout: 30_000 });
  await handle.focus();
  // Two presses in the same task, so no redraw can come between them: c1 = (z0, y0) moves from −0.8 by 2 × 0.05.
  await handle.evaluate((el) => {
    for (let i = 0; i < 2; i++) el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  });
  await waitForFigureDone(page, id, 0);
  await expect.poll(() => new URL(page.url()).searchParams.get(`${id}.z0`)).toBe('-0.7');
  await expect(fig.locator(`input[name="z0"]`)).toHaveAttribute('aria-valuetext', '-0.7');
});

test('a click in the phase plane moves the nearest start point there, once, at the chart’s current size', async ({ page }) => {
  // saxe-phase-portrait: the chart is changed in place at every frame (components/chart-morph.ts), so its panel must
  // not gather a click listener per frame, nor keep the scales of an earlier size.
  const pid = 'saxe-phase-portrait';
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/modes/');
  const fig = figure(page, pid);
  await fig.scrollIntoViewIfNeeded();
  const steps = fig.locator('input[name="steps"]');
  const before = await runs(page, pid);
  await steps.fill('400');
  await steps.press('Enter');
  await waitForFigureDone(page, pid, before);
  // A narrower window: the chart is drawn again at its new width.
  const width = await fig.locator('svg[data-panel="phase"]').getAttribute('width');
  await page.setViewportSize({ width: 900, height: 900 });
  await expect.poll(() => fig.locator('svg[data-panel="phase"]').getAttribute('width')).not.toBe(width);
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector('#${pid} svg[data-panel="phase"]')` });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  expect(listeners.filter((l) => l.type === 'click')).toHaveLength(1);
  await expect(fig.locator('svg[data-panel="phase"]')).toHaveCSS('cursor', 'crosshair');
  // Click where the current scales put (a, b) = (1.5, 0.5): start 2, at (1.5, −0.4), is the nearer; start 1 stays.
  await fig.locator('svg[data-panel="phase"]').scrollIntoViewIfNeeded();
  const at = await fig.locator('svg[data-panel="phase"]').evaluate((svg) => {
    const s = svg as SVGSVGElement & { scale(n: string): { apply(v: number): number } };
    const box = svg.getBoundingClientRect();
    const k = box.width / Number(svg.getAttribute('width'));
    return { x: box.left + s.scale('x').apply(1.5) * k, y: box.top + s.scale('y').apply(0.5) * k };
  });
  const clicked = await runs(page, pid);
  await page.mouse.click(at.x, at.y);
  await waitForFigureDone(page, pid, clicked);
  const q = new URL(page.url()).searchParams;
  expect([Number(q.get(`${pid}.a2`) ?? 1.5), Number(q.get(`${pid}.b2`))].map((v, i) => Math.abs(v - [1.5, 0.5][i]) <= 0.02)).toEqual([true, true]);
  expect([q.get(`${pid}.a1`), q.get(`${pid}.b1`)]).toEqual([null, null]);
  expect(await runs(page, pid)).toBe(clicked + 1);
});
