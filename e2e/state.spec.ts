/**
 * A figure's state you can trust: looking changes nothing; what you set is what the link shows; a
 * paused frame survives the link; every "What to try" button reaches the state it names.
 */
import { expect, test, type Page } from '@playwright/test';
import { figures } from '../engine/registry.ts';
import type { NumberParam } from '../engine/spec.ts';
import { defaults, formatValue } from '../engine/params.ts';
import { digest, figure, hydrateAll, PAGES, pageOf, runs, settle, waitForFigureDone } from './helpers.ts';

for (const p of PAGES) {
  test(`${p.name}: scrolling through the page changes no URL and reruns no figure`, async ({ page }) => {
    await page.goto(p.path);
    const before = page.url();
    await hydrateAll(page);
    await page.mouse.wheel(0, -100000);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    for (const id of p.figures) {
      expect(await runs(page, id), `${id} ran without being touched`).toBe(0);
      await expect(figure(page, id)).toHaveAttribute('data-state', 'ready');
    }
  });
}

/** The link the figure's own "Copy link" button offers (clipboard or the note that shows it). */
async function copiedLink(page: Page, id: string): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await figure(page, id).locator('button[data-action="copy-link"]').click();
  const note = figure(page, id).locator('.ld-notes');
  await expect(note).toContainText('http');
  return (await note.textContent())!.replace(/^.*?(https?:\/\/\S+).*$/s, '$1');
}

const withLog = figures.filter((f) => f.params.some((d) => d.kind === 'number' && d.values));

for (const spec of withLog) {
  const d = spec.params.find((q): q is NumberParam => q.kind === 'number' && !!q.values)!;
  test(`${spec.id}: a log control's value set by keyboard is the value the link shows, runs and plots`, async ({ page, context }) => {
    await page.goto(pageOf(spec.id));
    const input = figure(page, spec.id).locator(`input[name="${d.name}"]`);
    await input.scrollIntoViewIfNeeded();
    await input.focus();
    await settle(page, spec.id);
    const n = await runs(page, spec.id);
    await page.keyboard.press('ArrowRight');
    if ((await input.inputValue()) === String(d.values!.indexOf(d.default as number))) await page.keyboard.press('ArrowLeft');
    await waitForFigureDone(page, spec.id, n);
    const shown = await figure(page, spec.id).locator(`[data-param="${d.name}"] output`).textContent();
    const position = await input.inputValue();
    const value = d.values![Number(position)];
    expect(new URL(page.url()).searchParams.get(`${spec.id}.${d.name}`)).toBe(formatValue(value));
    const wanted = await digest(page, spec.id);
    const link = await copiedLink(page, spec.id);

    const other = await context.newPage();
    await other.goto(link);
    await waitForFigureDone(other, spec.id, 0);
    await expect(figure(other, spec.id).locator(`[data-param="${d.name}"] output`)).toHaveText(shown!);
    expect(await figure(other, spec.id).locator(`input[name="${d.name}"]`).inputValue()).toBe(position);
    expect(await digest(other, spec.id)).toBe(wanted);
    expect(new URL(other.url()).searchParams.get(`${spec.id}.${d.name}`)).toBe(formatValue(value));
    await other.close();
  });
}

test('a paused frame survives a permalink', async ({ page, context }) => {
  const id = 'saxe-phase-portrait';
  await page.goto('/modes/');
  await figure(page, id).scrollIntoViewIfNeeded();
  await settle(page, id);
  const n = await runs(page, id);
  await figure(page, id).locator('button[data-action="step"]').click();
  await waitForFigureDone(page, id, n);
  for (let i = 0; i < 3; i++) await figure(page, id).locator('button[data-action="step"]').click();
  await page.waitForTimeout(200);
  const step = await figure(page, id).getAttribute('data-step');
  const wanted = await digest(page, id);
  expect(new URL(page.url()).searchParams.get(`${id}:step`)).toBe(step);
  const link = await copiedLink(page, id);
  expect(new URL(link).searchParams.get(`${id}:step`)).toBe(step);

  const other = await context.newPage();
  await other.goto(link);
  await waitForFigureDone(other, id, 0);
  await expect(figure(other, id)).toHaveAttribute('data-step', step!);
  expect(await digest(other, id)).toBe(wanted);
  // Playing on removes the pin from the URL.
  await figure(other, id).locator('button[data-action="play"]').click();
  await expect.poll(() => new URL(other.url()).searchParams.has(`${id}:step`)).toBe(false);
  await other.close();
});

for (const p of PAGES.filter((q) => q.path)) {
  test(`${p.name}: every "What to try" button reaches the state it names`, async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto(p.path);
    const buttons = page.locator('button.ld-try');
    const count = await buttons.count();
    for (let i = 0; i < count; i++) {
      const btn = buttons.nth(i);
      const id = (await btn.getAttribute('data-try-figure'))!;
      const { set, step } = JSON.parse((await btn.getAttribute('data-try-state'))!) as { set: Record<string, number | string | boolean>; step?: number };
      const spec = figures.find((f) => f.id === id)!;
      await figure(page, id).scrollIntoViewIfNeeded();
      await settle(page, id);
      const n = await runs(page, id);
      await btn.click();
      await waitForFigureDone(page, id, n);
      const search = new URL(page.url()).searchParams;
      const want = { ...defaults(spec), ...set };
      for (const d of spec.params) {
        const expected = want[d.name] === d.default ? null : formatValue(want[d.name]);
        expect(search.get(`${id}.${d.name}`), `${id}.${d.name} after "${await btn.textContent()}"`).toBe(expected);
      }
      if (step !== undefined) {
        expect(Number(await figure(page, id).getAttribute('data-step'))).toBeGreaterThanOrEqual(step);
        expect(search.get(`${id}:step`)).toBe(String(step));
      }
    }
  });
}
