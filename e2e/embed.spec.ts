/**
 * Embedding: the Share dialog's <iframe> snippet, pasted into another page, shows the figure alone in the
 * shared state; it runs after a slider move inside the frame; it fits frames 320, 640 and 1280 px wide.
 * The dialog works from the keyboard and announces "Copied".
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { digest, figure, nudgeAndWait, recordProblems, RUN_TIMEOUT, settle } from './helpers.ts';

const ID = 'saxe-mode-curves';

/** Open the Share dialog from the keyboard and return its two fields' values; closes it with Esc. */
async function shareByKeyboard(page: Page, id: string): Promise<{ link: string; snippet: string }> {
  const button = figure(page, id).locator('button[data-action="share"]');
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = figure(page, id).locator('dialog.ld-share');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('input.ld-share-field')).toBeFocused();
  const link = await dialog.locator('input.ld-share-field').inputValue();
  const snippet = await dialog.locator('textarea.ld-share-field').inputValue();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  return { link, snippet };
}

async function frameOf(page: Page): Promise<Frame> {
  const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
  await frame!.waitForLoadState('load');
  return frame!;
}

/** Like helpers.waitForFigureDone, inside a frame. */
async function doneIn(frame: Frame, id: string, previousRuns: number): Promise<void> {
  await frame.waitForFunction(
    ({ id, previousRuns }) => {
      const el = document.getElementById(id);
      if (el?.getAttribute('data-state') === 'error') throw new Error(el.querySelector('.ld-error-message')?.textContent ?? 'error');
      return !!el && Number(el.getAttribute('data-runs')) > previousRuns && ['done', 'diverged'].includes(el.getAttribute('data-state') ?? '');
    },
    { id, previousRuns },
    { timeout: RUN_TIMEOUT, polling: 100 },
  );
}

test('the Share snippet embeds the figure alone in its state, and it runs inside the frame', async ({ page, context, baseURL }) => {
  await page.goto('/modes/');
  await nudgeAndWait(page, ID);
  const wanted = await digest(page, ID);
  const { link, snippet } = await shareByKeyboard(page, ID);
  expect(new URL(link).pathname).toBe('/modes/');
  expect(new URL(link).search).toBe(new URL(page.url()).search);

  const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
  expect(src.startsWith(`${baseURL}/figures/${ID}/?embed&${ID}.`), src).toBe(true);
  for (const a of ['title="', 'loading="lazy"', 'allow="fullscreen']) expect(snippet).toContain(a);

  // Another site's page (about:blank here) with only the snippet in it.
  const slides = await context.newPage();
  const problems = recordProblems(slides);
  await slides.setContent(`<!doctype html><html lang="en"><title>Slides</title><body>${snippet}</body></html>`);
  const frame = await frameOf(slides);
  await doneIn(frame, ID, 0);
  expect(await frame.locator(`#${ID}`).getAttribute('data-digest'), 'the embed restores the shared state').toBe(wanted);
  await expect(frame.locator('body > header')).toBeHidden();
  await expect(frame.locator('body > footer')).toBeHidden();
  // The page's h1 stays for screen readers only: no visible box.
  expect(await frame.locator('h1').evaluate((h) => h.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  await expect(frame.locator(`#${ID} .ld-controls`)).toBeVisible();
  const open = frame.locator('.ld-embed-open a');
  await expect(open).toBeVisible();
  await open.hover();
  const openHref = new URL((await open.getAttribute('href'))!);
  expect(openHref.pathname).toBe(`/figures/${ID}/`);
  expect(openHref.searchParams.has('embed')).toBe(false);
  expect(openHref.search).toBe(new URL(src).search.replace(/^\?embed&/, '?'));

  // A slider moved inside the frame reruns the figure there and keeps the frame's own URL in step.
  const input = frame.locator(`#${ID} .ld-controls input[type="range"]`).first();
  await input.focus();
  const runs = Number(await frame.locator(`#${ID}`).getAttribute('data-runs'));
  const before = await input.inputValue();
  await slides.keyboard.press('ArrowRight');
  if ((await input.inputValue()) === before) await slides.keyboard.press('ArrowLeft');
  await doneIn(frame, ID, runs);
  expect(await frame.locator(`#${ID}`).getAttribute('data-digest')).not.toBe(wanted);
  expect(new URL(frame.url()).searchParams.has('embed')).toBe(true);
  expect(problems, problems.join('\n')).toEqual([]);
});

for (const width of [320, 640, 1280]) {
  test(`the embed fits a frame ${width} px wide`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width: width + 40, height: 900 });
    await page.setContent(`<!doctype html><html lang="en"><title>Frame</title><body style="margin:20px"><iframe src="${baseURL}/figures/${ID}/?embed" title="Figure" width="${width}" height="800" style="border:0"></iframe></body></html>`);
    const frame = await frameOf(page);
    await frame.locator(`#${ID}`).waitFor();
    const m = await frame.evaluate((id) => {
      const fig = document.getElementById(id)!.getBoundingClientRect();
      const svg = document.querySelector(`#${id} .ld-chart svg`)!.getBoundingClientRect();
      return { view: innerWidth, scroll: document.documentElement.scrollWidth, fig: fig.width, svg: svg.width, svgRight: svg.right };
    }, ID);
    expect(m.view).toBe(width);
    expect(m.scroll, 'no sideways scrolling in the frame').toBeLessThanOrEqual(width);
    expect(m.fig, 'the figure fills the frame').toBeGreaterThan(width - 24);
    expect(m.svgRight).toBeLessThanOrEqual(width);
    expect(m.svg, 'the chart takes the width it has').toBeGreaterThan(Math.min(width, 640) - 60);
  });
}

test('the Share dialog copies and says so; Copy link on an embed gives the full page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/figures/${ID}/?embed`);
  await settle(page, ID);
  await figure(page, ID).locator('button[data-action="share"]').click();
  const dialog = figure(page, ID).locator('dialog.ld-share');
  await dialog.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(dialog.getByRole('status')).toContainText('Copied');
  const code = await dialog.locator('textarea').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toContainText('Copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.has('embed'), link).toBe(false);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(figure(page, ID).locator('button[data-action="share"]')).toBeFocused();
});
