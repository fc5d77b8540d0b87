/**
 * Fast hands: bursts of keyboard changes across every slider of a figure (End then Home on each, no
 * waiting) must not throw, and the figure must end in the state of the last input: every slider at its
 * minimum, in the controls, the URL and the run.
 */
import { expect, test } from '@playwright/test';
import { figures } from '../engine/registry.ts';
import { formatValue } from '../engine/params.ts';
import { fmtParam } from '../engine/format.ts';
import type { NumberParam } from '../engine/spec.ts';
import { usesNumberBox } from '../components/controls.ts';
import { figure, pageOf, recordProblems, runs, settle, waitForFigureDone } from './helpers.ts';

for (const spec of figures) {
  const sliders = spec.params.filter((d): d is NumberParam => d.kind === 'number' && !usesNumberBox(d));
  if (!sliders.length) continue;
  test(`${spec.id}: a burst of key presses on every slider ends in the last state, without errors`, async ({ page }) => {
    const problems = recordProblems(page);
    await page.goto(pageOf(spec.id));
    const fig = figure(page, spec.id);
    await fig.scrollIntoViewIfNeeded();
    await settle(page, spec.id);
    const before = await runs(page, spec.id);
    for (const d of sliders) {
      await fig.locator(`input[name="${d.name}"]`).focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
    }
    await waitForFigureDone(page, spec.id, before);
    await settle(page, spec.id);
    const search = new URL(page.url()).searchParams;
    for (const d of sliders) {
      expect(search.get(`${spec.id}.${d.name}`), d.name).toBe(d.min === d.default ? null : formatValue(d.min));
      await expect(fig.locator(`[data-param="${d.name}"] output`)).toHaveText(fmtParam(d, d.min));
    }
    expect(problems).toEqual([]);
  });
}
