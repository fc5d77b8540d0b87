/**
 * The first time the pointer or the focus comes to a figure, the engine runs it for a moment, showing nothing
 * (components/figure-controller.ts, warmOnce), so that the reader's first change does not pay for compiling
 * it. The warm-up must leave no trace: the chart, the state and the results of later runs are as without it.
 * saxe-mode-delay is the figure with the most to disturb: it keeps trees and networks between runs and
 * shares its training with a helper worker.
 */
import { expect, test } from '@playwright/test';
import { bringIntoView, digest, figure, firstRange, recordProblems, runs, settle, waitForFigureDone } from './helpers.ts';

const id = 'saxe-mode-delay';

test('a warm-up shows nothing, and the run after it gives what a shared link of that state gives', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`/figures/${id}/`);
  await bringIntoView(page, id);
  const state = () => figure(page, id).getAttribute('data-state');
  const before = { state: await state(), digest: await digest(page, id), runs: await runs(page, id), url: page.url() };
  expect(before.state).toBe('ready');
  // The pointer comes to the figure: the warm-up starts and runs for up to 1.5 s.
  expect(await figure(page, id).getAttribute('data-warmed')).toBeNull();
  await figure(page, id).hover();
  await expect(figure(page, id)).toHaveAttribute('data-warmed', '');
  await page.waitForTimeout(2500);
  await settle(page, id);
  expect({ state: await state(), digest: await digest(page, id), runs: await runs(page, id), url: page.url() }).toEqual(before);
  // The reader's first change.
  const input = firstRange(page, id);
  await input.focus();
  const old = await input.inputValue();
  await page.keyboard.press('ArrowRight');
  if ((await input.inputValue()) === old) await page.keyboard.press('ArrowLeft');
  expect(await waitForFigureDone(page, id, 0)).toBe('done');
  const after = { digest: await digest(page, id), url: page.url() };
  expect(after.digest).not.toBe(before.digest);
  expect(after.url).not.toBe(before.url);
  expect(problems).toEqual([]);
  await context.close();

  // The same state from its link, in a fresh browser: it runs at load, before any warm-up.
  const fresh = await browser.newContext({ baseURL });
  const shared = await fresh.newPage();
  await shared.goto(after.url);
  await bringIntoView(shared, id);
  expect(await settle(shared, id)).toBe('done');
  expect(await digest(shared, id)).toBe(after.digest);
  await fresh.close();
});
