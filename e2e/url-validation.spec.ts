/** Malformed, out-of-range and unknown URL parameters are clamped or dropped, with a visible note. */
import { expect, test } from '@playwright/test';
import { figure, waitForFigureDone } from './helpers.ts';

test('a mangled permalink is repaired and explained', async ({ page }) => {
  const id = 'saxe-mode-curves';
  await page.goto(`/modes/?${id}.learningRate=banana&${id}.hiddenUnits=99999&${id}.nope=1#${id}`);
  await waitForFigureDone(page, id, 0);
  await expect(figure(page, id).locator('.ld-notes')).toHaveText(/\S/);
  await expect(figure(page, id).locator('.ld-error')).toBeHidden();
});
