/**
 * Presenter mode (components/presenter.ts): `?present=<id>` and the Present button show one figure
 * filling the screen without scrolling at 1280×720 and 1920×1080, with type at least 24 px at 1080p;
 * the keys drive it, fields and sliders keep their own keys, and Esc gives the page back where it was.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { figure, pageOf, RUN_TIMEOUT, settle, waitForFigureDone } from './helpers.ts';

/** The presenter's stage is drawn for its size: the chart's panels carry the width they were drawn at. */
async function presenting(page: Page, id: string) {
  await expect(figure(page, id)).toHaveAttribute('data-presenting', 'true');
  await page.waitForFunction(
    (id) => {
      const chart = document.querySelector(`ld-figure#${id} .ld-chart`) as HTMLElement | null;
      return !!chart && Number(chart.querySelector('.ld-panels')?.getAttribute('data-width')) === chart.clientWidth;
    },
    id,
  );
}

async function layout(page: Page, id: string) {
  return figure(page, id).evaluate((root) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    return {
      scrollHeight: document.scrollingElement!.scrollHeight,
      innerHeight,
      innerWidth,
      panels: [...root.querySelectorAll('.ld-chart svg')].map(box),
      legend: box(root.querySelector('.ld-legend')!),
      legendFont: parseFloat(getComputedStyle(root.querySelector('.ld-legend li')!).fontSize),
      texts: [...root.querySelectorAll('.ld-chart svg text')].filter((t) => t.textContent?.trim()).map((t) => ({ text: t.textContent!.trim(), height: t.getBoundingClientRect().height })),
    };
  });
}

for (const vp of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  for (const id of ['saxe-mode-curves', 'saxe-random-spectra', 'saxe-pretraining']) {
    test(`${id} fills ${vp.width}×${vp.height} without scrolling`, async ({ page }, info) => {
      await page.setViewportSize(vp);
      await page.goto(`/${pageOf(id)}?present=${id}`);
      await presenting(page, id);
      const m = await layout(page, id);
      expect(m.scrollHeight, 'no vertical scrolling').toBeLessThanOrEqual(m.innerHeight);
      for (const p of [...m.panels, m.legend]) {
        expect(p.left).toBeGreaterThanOrEqual(0);
        expect(p.top).toBeGreaterThanOrEqual(0);
        expect(p.right).toBeLessThanOrEqual(m.innerWidth);
        expect(p.bottom).toBeLessThanOrEqual(m.innerHeight);
      }
      if (vp.height === 1080) {
        expect(m.legendFont, 'legend type at 1080p').toBeGreaterThanOrEqual(24);
        for (const t of m.texts) expect(t.height, `"${t.text}" at 1080p`).toBeGreaterThanOrEqual(24);
      }
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: info.outputPath(`${id}-${vp.width}x${vp.height}-${scheme}.png`) });
      }
    });
  }
}

test('a bare ?present on a page with several figures presents none; the page still works', async ({ page }) => {
  await page.goto(`/${pageOf('saxe-mode-curves')}?present`);
  await settle(page, 'saxe-mode-curves');
  await expect(page.locator('ld-figure[data-presenting]')).toHaveCount(0);
});

test('the keys drive presenter mode, and Esc gives the page back where it was', async ({ page }) => {
  const id = 'saxe-mode-curves';
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/${pageOf(id)}`);
  const root = figure(page, id);
  await root.scrollIntoViewIfNeeded();
  await settle(page, id);
  const present = root.getByRole('button', { name: 'Present', exact: true });
  await present.scrollIntoViewIfNeeded();
  const savedY = await page.evaluate(() => window.scrollY);
  expect(savedY).toBeGreaterThan(100);
  // Where the reader saw the figure: after leaving, the page shows the same place. (The figure's own read-out
  // below its title may have changed height meanwhile, with the runs and the restored defaults.)
  const savedTop = await root.evaluate((f) => f.getBoundingClientRect().top);
  await present.click();
  await presenting(page, id);
  expect(page.url()).toContain(`present=${id}`);

  // ? shows the keys in a dialog; Esc closes the dialog only.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Presenter keys' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('play / pause');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(root).toHaveAttribute('data-presenting', 'true');

  // Space plays (the first press runs the figure), and pauses while it plays.
  const before = Number((await root.getAttribute('data-runs')) ?? '0');
  await page.keyboard.press(' ');
  await waitForFigureDone(page, id, before, RUN_TIMEOUT);
  const scrub = root.locator('.ld-scrub');
  const last = Number(await scrub.getAttribute('max'));
  expect(last).toBeGreaterThan(5);
  await expect(scrub).toHaveValue(String(last));

  // ← and → step one frame.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(scrub).toHaveValue(String(last - 2));
  await page.keyboard.press('ArrowRight');
  await expect(scrub).toHaveValue(String(last - 1));

  // R restarts from the first frame and plays; Space pauses it before the end.
  await page.evaluate((id) => {
    const el = document.getElementById(id)!;
    const seen: number[] = [];
    (window as unknown as { seen: number[] }).seen = seen;
    new MutationObserver(() => seen.push(Number(el.querySelector<HTMLInputElement>('.ld-scrub')!.value))).observe(el, { attributes: true, attributeFilter: ['data-step'] });
  }, id);
  await page.keyboard.press('r');
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: number[] }).seen.length)).toBeGreaterThan(2);
  await page.keyboard.press(' ');
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  expect(seen[0], 'R showed the first frame').toBe(0);
  await page.waitForTimeout(300);
  const paused = Number(await scrub.inputValue());
  await page.waitForTimeout(300);
  expect(Number(await scrub.inputValue()), 'Space paused playback').toBe(paused);
  expect(paused).toBeLessThan(last);

  // The controls fold away and come back; a focused slider keeps its arrow keys; a number box keeps its letters.
  const controls = root.locator('.ld-controls');
  await expect(controls).toBeHidden();
  const toggle = root.getByRole('button', { name: 'Controls' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(controls).toBeVisible();
  await expect(root.getByRole('button', { name: 'Hide controls' })).toHaveAttribute('aria-expanded', 'true');
  const slider = controls.locator('input[type="range"]').first();
  const value = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  // The slider moved (the presenter did not take its arrow key), which reruns the figure in the new state.
  await expect(slider).not.toHaveValue(value);
  await expect.poll(() => page.url()).toContain(`${id}.`);
  const number = controls.locator('input[type="number"]').first();
  if (await number.count()) {
    await number.focus();
    await page.keyboard.press('d');
    await page.keyboard.press('f');
    expect(await page.evaluate(() => document.fullscreenElement), 'F typed in a field is not full screen').toBeNull();
    expect(page.url(), 'D typed in a field does not restore defaults').toContain(`${id}.`);
  }

  // D restores the defaults.
  await root.focus();
  await page.keyboard.press('d');
  await expect.poll(() => page.url()).not.toContain(`${id}.`);
  await expect(slider).toHaveValue(value);

  // F toggles full screen on the figure.
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe(id);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();

  // Esc leaves: the page is back, at the same scroll position, and the URL no longer asks for presenter mode.
  await page.keyboard.press('Escape');
  await expect(root).not.toHaveAttribute('data-presenting', 'true');
  await expect(page.locator('h1').first()).toBeVisible();
  await expect.poll(async () => Math.abs((await root.evaluate((f) => f.getBoundingClientRect().top)) - savedTop)).toBeLessThanOrEqual(2);
  expect(page.url()).not.toContain('present=');
  await expect(present).toBeFocused();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`presenter mode and its keys dialog have no axe violations (${colorScheme})`, async ({ page }) => {
    const id = 'saxe-random-spectra';
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/${pageOf(id)}?present=${id}`);
    await presenting(page, id);
    await figure(page, id).getByRole('button', { name: 'Controls' }).click();
    const axe = async () => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
    };
    let report = await axe();
    expect(report, report.join('\n')).toEqual([]);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Presenter keys' })).toBeVisible();
    report = await axe();
    expect(report, report.join('\n')).toEqual([]);
  });
}
