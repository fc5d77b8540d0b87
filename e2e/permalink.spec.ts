/** A figure's state lives in the URL: the link restores the same controls and the same curves, bit for bit. */
import { expect, test } from '@playwright/test';
import { digest, firstRange, MODES_FIGURES, nudgeAndWait, waitForFigureDone } from './helpers.ts';

for (const id of MODES_FIGURES) {
  test(`${id}: a permalink restores the state and is deterministic`, async ({ page, context }) => {
    await page.goto('/modes/');
    const { value } = await nudgeAndWait(page, id);
    const wanted = await digest(page, id);
    const output = await firstRange(page, id).evaluate((el) => el.parentElement?.querySelector('output')?.textContent ?? null);
    const href = page.url();
    const keys = [...new URL(href).searchParams.keys()];
    expect(keys.some((k) => k.startsWith(`${id}.`)), `the URL carries no ${id}.* parameter: ${href}`).toBe(true);

    // Loaded twice in fresh pages: same controls, same digest each time.
    for (let i = 0; i < 2; i++) {
      const other = await context.newPage();
      await other.goto(href);
      await waitForFigureDone(other, id, 0);
      expect(await digest(other, id), `load ${i + 1} of ${href}`).toBe(wanted);
      const input = firstRange(other, id);
      expect(Number(await input.inputValue())).toBeCloseTo(Number(value), 9);
      if (output !== null) {
        await expect(input.locator('xpath=..').locator('output').first()).toHaveText(output);
      }
      await other.close();
    }
  });
}
