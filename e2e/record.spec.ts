/**
 * "Record video" (components/record.ts): the run, first to last frame, as a WebM download named after
 * the figure; progress shown, every frame walked, and a recording can be cancelled.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { figure, pageOf, RUN_TIMEOUT, settle } from './helpers.ts';

const ID = 'saxe-mode-curves';

test('Record video downloads the whole run as WebM', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT + 90_000);
  await page.goto(`/${pageOf(ID)}`);
  const root = figure(page, ID);
  await root.scrollIntoViewIfNeeded();
  await settle(page, ID);
  await expect(root.getByRole('combobox', { name: 'Video size' })).toHaveValue('screen');
  const download = page.waitForEvent('download', { timeout: RUN_TIMEOUT + 60_000 });
  await root.getByRole('button', { name: 'Record video' }).click();
  await expect(root.locator('.ld-record-status')).toContainText(/Waiting|Recording frame/);
  await expect(root.getByRole('button', { name: 'Cancel recording' })).toBeVisible();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${ID}.webm`);
  const bytes = await readFile((await file.path())!);
  expect(bytes.length).toBeGreaterThan(1000);
  // EBML magic: every WebM (Matroska) file starts with 1A 45 DF A3.
  expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  expect(bytes.includes(Buffer.from('webm'))).toBe(true);
  // Every frame of the run was drawn into the video.
  const frames = Number(await root.locator('.ld-scrub').getAttribute('max')) + 1;
  expect(frames).toBeGreaterThan(5);
  await expect(root).toHaveAttribute('data-record', 'done');
  await expect(root).toHaveAttribute('data-record-total', String(frames));
  await expect(root).toHaveAttribute('data-record-frames', String(frames));
  await expect(root.locator('.ld-record-status')).toContainText(`Saved ${ID}.webm (${frames} frames`);
});

test('a recording can be cancelled, and nothing is downloaded', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT + 60_000);
  await page.goto(`/${pageOf(ID)}`);
  const root = figure(page, ID);
  await root.scrollIntoViewIfNeeded();
  await settle(page, ID);
  let downloads = 0;
  page.on('download', () => downloads++);
  await root.getByRole('combobox', { name: 'Video size' }).selectOption('1080p');
  await root.getByRole('button', { name: 'Record video' }).click();
  await expect(root).toHaveAttribute('data-record', 'recording', { timeout: RUN_TIMEOUT });
  await expect(root).toHaveAttribute('data-record-frames', /\d+/);
  await root.getByRole('button', { name: 'Cancel recording' }).click();
  await expect(root).toHaveAttribute('data-record', 'cancelled');
  await expect(root.locator('.ld-record-status')).toHaveText('Recording cancelled.');
  await expect(root.getByRole('button', { name: 'Record video' })).toBeEnabled();
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
});
