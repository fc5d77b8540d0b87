/** Every figure reruns in the worker after a keyboard move of its first slider, and keeps its chart. */
import { expect, test } from '@playwright/test';
import { figure, nudgeAndWait, PAGES, recordProblems } from './helpers.ts';

for (const p of PAGES) {
  for (const id of p.figures) {
    test(`${p.name}: ${id} reruns after a keyboard change`, async ({ page }) => {
      const problems = recordProblems(page);
      await page.goto(`/${p.path}`);
      const { state } = await nudgeAndWait(page, id);
      expect(['done', 'diverged']).toContain(state);
      await expect(figure(page, id).locator('.ld-chart svg').first()).toBeVisible();
      await expect(figure(page, id)).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
      await expect(figure(page, id)).toHaveAttribute('data-digest', /^[0-9a-f]+$/);
      // The three-layer figures train on this site's WebAssembly SIMD kernel, and the footer says so.
      const onKernel = id === 'saxe-mode-curves' || id === 'saxe-mode-delay';
      await expect(figure(page, id).locator('.ld-backend')).toHaveText(onKernel ? /^(wasm|cpu); the networks train on this site's WebAssembly SIMD kernel(, on two cores)?$/ : /^(wasm|cpu)$/);
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
}
