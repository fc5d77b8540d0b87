/**
 * One page per figure (/figures/<id>/) and the gallery (/figures/): every registry figure has a page that
 * loads cleanly, shows its build-time chart without JavaScript and links its chapter; a state carries over
 * between the chapter and the figure page both ways (only the path differs); the gallery lists every figure.
 */
import { expect, test, type Page } from '@playwright/test';
import { figures } from '../engine/registry.ts';
import { CHAPTERS } from '../site/lib/chapters.ts';
import { bringIntoView, digest, figure, firstRange, nudgeAndWait, recordProblems, recordRequests, waitForFigureDone } from './helpers.ts';

const chapterNumber = (slug: string) => CHAPTERS.find((c) => c.slug === slug)!.number;

for (const spec of figures) {
  test(`${spec.id}: its figure page loads without errors and links its chapter`, async ({ page, context }) => {
    const problems = recordProblems(page);
    const requests = recordRequests(context);
    const response = await page.goto(`/figures/${spec.id}/`);
    expect(response?.status()).toBe(200);
    const title = spec.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Numbered as in its chapter: "Figure 2.2. <title>".
    await expect(page.locator('h1')).toHaveText(new RegExp(`^Figure ${chapterNumber(spec.chapter)}\\.\\d+\\. ${title}$`));
    await expect(page).toHaveTitle(new RegExp(`${title} · Learning Dynamics`));
    await expect(page.locator('.ld-figpage-chapter')).toHaveAttribute('href', `/${spec.chapter}/#${spec.id}`);
    await expect(page.locator('.ld-figpage-chapter')).toContainText(`Chapter ${chapterNumber(spec.chapter)}`);
    await expect(page.locator('ld-figure')).toHaveCount(1);
    await expect(figure(page, spec.id).locator('.ld-source')).toContainText(spec.source.text.slice(0, 20));
    await bringIntoView(page, spec.id);
    await expect(figure(page, spec.id)).toHaveAttribute('data-backend', /\S/);
    // The embed-only link and the embed layout stay out of the full page.
    await expect(page.locator('.ld-embed-open')).toBeHidden();
    await expect(page.locator('body > header')).toBeVisible();
    expect(problems, problems.join('\n')).toEqual([]);
    const bad = requests.filter((r) => r.failure || (r.status ?? 0) >= 400);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every figure page shows its build-time chart, and prev/next walk through every figure in reading order', async ({ page }) => {
    const seen: string[] = [];
    let path: string | null = `/figures/${figures[0].id}/`;
    // Walk back to the first figure, then forward to the last.
    for (;;) {
      await page.goto(path!);
      const prev = page.locator('nav[aria-label="Figures"] a[rel="prev"]');
      if (!(await prev.count())) break;
      path = await prev.getAttribute('href');
    }
    for (;;) {
      const id = await page.locator('ld-figure').getAttribute('id');
      seen.push(id!);
      const chart = figure(page, id!).locator('.ld-chart');
      await expect(chart).toHaveAttribute('aria-label', /\S/);
      await expect(chart.locator('svg').first()).toBeVisible();
      await expect(figure(page, id!).locator('.ld-noscript')).toBeVisible();
      const next = page.locator('nav[aria-label="Figures"] a[rel="next"]');
      if (!(await next.count())) break;
      await page.goto((await next.getAttribute('href'))!);
    }
    expect([...seen].sort()).toEqual(figures.map((f) => f.id).sort());
    // Reading order: chapter numbers never go back.
    const numbers = seen.map((id) => chapterNumber(figures.find((f) => f.id === id)!.chapter));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  test('the gallery lists every registry figure with its build-time chart, title and chapter', async ({ page }) => {
    const response = await page.goto('/figures/');
    expect(response?.status()).toBe(200);
    const bytes = (await response!.body()).length;
    // Thumbnails are inlined: keep the page well under a megabyte (about 470 KB, 82 KB gzipped, when written).
    expect(bytes, `gallery HTML is ${bytes} bytes`).toBeLessThan(800_000);
    await expect(page.locator('.ld-card')).toHaveCount(figures.length);
    for (const spec of figures) {
      const card = page.locator('.ld-card', { has: page.locator(`a[href="/figures/${spec.id}/"]`) });
      await expect(card).toHaveCount(1);
      await expect(card.locator('.ld-card-title')).toContainText(spec.title);
      await expect(card.locator('.ld-thumb svg').first()).toBeVisible();
      await expect(card.locator(`a[href="/${spec.chapter}/#${spec.id}"]`)).toContainText(`Chapter ${chapterNumber(spec.chapter)}`);
    }
  });

  test('the header and the landing page link the gallery', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('header nav a[href="/figures/"]')).toBeVisible();
    await expect(page.locator('main a[href="/figures/"]')).toBeVisible();
  });
});

async function stateOf(page: Page, id: string) {
  return { digest: await digest(page, id), value: await firstRange(page, id).inputValue() };
}

test('a state set on the chapter opens the same on the figure page: only the path differs', async ({ page, context }) => {
  const id = 'saxe-mode-curves';
  await page.goto('/modes/');
  await nudgeAndWait(page, id);
  const wanted = await stateOf(page, id);
  const search = new URL(page.url()).search;
  expect(search).toContain(`${id}.`);

  const other = await context.newPage();
  await other.goto(`/figures/${id}/${search}`);
  await waitForFigureDone(other, id, 0);
  expect(await stateOf(other, id)).toEqual(wanted);
});

test('a state set on the figure page opens the same in its chapter, through the chapter link', async ({ page }) => {
  const id = 'saxe-mode-curves';
  await page.goto(`/figures/${id}/`);
  await nudgeAndWait(page, id);
  const wanted = await stateOf(page, id);
  const search = new URL(page.url()).search;
  await page.locator('.ld-figpage-chapter').click();
  await page.waitForURL(/\/modes\//);
  const url = new URL(page.url());
  expect(url.search).toBe(search);
  expect(url.hash).toBe(`#${id}`);
  await waitForFigureDone(page, id, 0);
  expect(await stateOf(page, id)).toEqual(wanted);
});
