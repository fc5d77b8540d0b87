/**
 * A reader who changes a control before the figure's interactive code has arrived (slow network, or a
 * key press right after focus) must not lose that change: the figure picks it up when it hydrates.
 */
import { expect, test } from '@playwright/test';
import { figure, firstRange, waitForFigureDone } from './helpers.ts';

const id = 'saxe-phase-portrait';

test('a change made before hydration is applied once the figure loads', async ({ page }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  // Hold back the lazily loaded controller chunk until the key press has happened.
  await page.route(/figure-controller.*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto('/modes/');
  const fig = figure(page, id);
  await fig.scrollIntoViewIfNeeded();
  const input = firstRange(page, id);
  const before = await input.inputValue();
  await input.focus();
  await page.keyboard.press('ArrowRight');
  const after = await input.inputValue();
  expect(after).not.toBe(before);
  await expect(fig).toHaveAttribute('data-state', 'static');
  release();
  await waitForFigureDone(page, id, 0);
  await expect(input).toHaveValue(after);
  const name = await input.getAttribute('name');
  expect(new URL(page.url()).searchParams.has(`${id}.${name}`)).toBe(true);
});
