/** Links to sections, figures and equations; canonical and Open Graph tags (issue 8, items 1 and 9). */
import { expect, test } from '@playwright/test';

test('a heading shows its link on keyboard focus, and the link is the section URL', async ({ page }) => {
  await page.goto('/modes/');
  const heading = page.locator('h2.ld-heading').first();
  const id = await heading.getAttribute('id');
  expect(id).toBeTruthy();
  const anchor = heading.locator('a.ld-heading-anchor');
  await expect(anchor).toHaveCSS('opacity', '0');
  await expect(anchor).toHaveAttribute('href', `#${id}`);
  await expect(anchor).toHaveAttribute('aria-label', `Link to section: ${(await heading.textContent())!.trim()}`);
  // Tab to it from the element just before the heading.
  await page.locator('.ld-toc summary').focus();
  for (let i = 0; i < 200 && !(await anchor.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(anchor).toBeFocused();
  await expect(anchor).toHaveCSS('opacity', '1');
  // Copyable: the resolved href is the section's absolute URL, and following it targets the heading.
  const href = await anchor.evaluate((a) => (a as HTMLAnchorElement).href);
  expect(href).toBe(new URL(`/modes/#${id}`, page.url()).href);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#${id}$`));
  await expect(heading).toBeInViewport();
});

test('a heading shows its link on hover', async ({ page }) => {
  await page.goto('/modes/');
  const heading = page.locator('h2.ld-heading').nth(1);
  await heading.hover();
  await expect(heading.locator('a.ld-heading-anchor')).toHaveCSS('opacity', '1');
});

test('figures are numbered per chapter, and the number links to the figure', async ({ page }) => {
  await page.goto('/initialization/');
  const ids = await page.locator('ld-figure').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.length).toBeGreaterThan(1);
  for (const [i, id] of ids.entries()) {
    const title = page.locator(`#${id}--title`);
    await expect(title.locator('.ld-figure-number')).toHaveText(`Figure 3.${i + 1}`);
    await expect(title.locator('a')).toHaveAttribute('href', `#${id}`);
  }
  // The figure's accessible name starts with its number.
  await expect(page.getByRole('figure', { name: /^Figure 3\.2 / })).toHaveCount(1);
});

test('<FigRef> links to a figure of another chapter, and of the same chapter, by number', async ({ page }) => {
  await page.goto('/initialization/');
  const ref = page.locator('a.ld-figref[data-figref="saxe-depth"]');
  await expect(ref).toHaveText('Figure 2.2');
  await expect(ref).toHaveAttribute('href', '/depth/#saxe-depth');
  await ref.click();
  await expect(page).toHaveURL(/\/depth\/#saxe-depth$/);
  await expect(page.locator('#saxe-depth--title .ld-figure-number')).toHaveText('Figure 2.2');
  const same = page.locator('a.ld-figref[data-figref="saxe-depth-balance"]');
  await expect(same).toHaveText('Figure 2.1');
  await expect(same).toHaveAttribute('href', '#saxe-depth-balance');
});

test('an equation number links to itself; a reference to it is a link that previews it on hover and focus', async ({ page }) => {
  await page.goto('/modes/');
  await expect(page.locator('#eq-2 > a.ld-eq-self')).toHaveAttribute('href', '#eq-2');
  await expect(page.locator('#eq-2 > a.ld-eq-self')).toHaveAttribute('aria-label', 'Link to equation (2)');
  // "The flow (2) becomes": a bare number in the prose became a link.
  const ref = page.locator('.ld-eqref > a[href="#eq-2"]').filter({ hasText: /^\(2\)$/ }).first();
  await expect(ref).toHaveAttribute('aria-describedby', 'eq-2');
  const tip = ref.locator('xpath=following-sibling::span[contains(@class, "ld-eq-tip")]');
  await expect(tip).toBeHidden();
  await ref.hover();
  await expect(tip).toBeVisible();
  await expect(tip.locator('.katex-html')).toBeVisible();
  // The preview shows the same drawing as the equation.
  const drawn = await page.locator('#eq-2 .katex-html').evaluate((e) => e.textContent);
  expect(await tip.locator('.katex-html').evaluate((e) => e.textContent)).toBe(drawn);
  // Escape dismisses it (WCAG 1.4.13); keyboard focus shows it again.
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.mouse.move(0, 0);
  await ref.focus();
  await expect(tip).toBeVisible();
  await ref.press('Enter');
  await expect(page).toHaveURL(/#eq-2$/);
});

test('years and formulas in parentheses stay text', async ({ page }) => {
  await page.goto('/modes/');
  const texts = await page.locator('.ld-eqref > a').allTextContents();
  expect(texts.length).toBeGreaterThan(10);
  for (const t of texts) expect(t).toMatch(/^(?:(?:eq|Eq)\.\s|equation\s)?\((?:\d{1,2}|S\d)\)$/);
  await expect(page.locator('.ld-eqref a', { hasText: '(2014)' })).toHaveCount(0);
});

test('canonical, Open Graph and Twitter tags are absolute, and the image is a 1200×630 PNG', async ({ page, request }) => {
  await page.goto('/depth/');
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).toMatch(/^https?:\/\/[^/]+\/depth\/$/);
  expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(canonical);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Depth/);
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /.{20,}/);
  const image = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
  expect(image).toMatch(/^https?:\/\/[^/]+\/og\/depth\.png$/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', image);
  // The image is served by this site (same path on the test server).
  const png = await request.get(new URL(image).pathname);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  const body = await png.body();
  expect(body.subarray(1, 4).toString()).toBe('PNG');
  expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('"Cite this page" gives an absolute URL, authors, a date and BibTeX', async ({ page }) => {
  await page.goto('/modes/');
  const box = page.locator('.ld-citethis');
  const canonical = (await page.locator('link[rel="canonical"]').getAttribute('href'))!;
  await expect(box.locator('.ld-citethis-page')).toContainText('Learning Dynamics contributors');
  await expect(box.locator('.ld-citethis-page')).toContainText(/\(\d{4}, [A-Z][a-z]+ \d{1,2}\)/);
  await expect(box.locator('.ld-citethis-page')).toContainText(canonical);
  await expect(box.locator('.ld-citethis-sources')).toContainText('Saxe, A. M., McClelland, J. L., & Ganguli, S. (2014)');
  await box.locator('summary').click();
  const bibtex = await box.locator('pre').textContent();
  expect(bibtex).toContain(`url = {${canonical}}`);
  expect(bibtex).toContain('author = {Saxe, Andrew M. and McClelland, James L. and Ganguli, Surya}');
});

test('"eq. (11)" in chapter 2 links to chapter 1\'s equation (11)', async ({ page }) => {
  await page.goto('/depth/');
  const ref = page.locator('a.ld-eqref-other[href="/modes/#eq-11"]').first();
  await expect(ref).toHaveText('eq. (11)');
  await ref.click();
  await expect(page).toHaveURL(/\/modes\/#eq-11$/);
  await expect(page.locator('#eq-11')).toBeInViewport();
});
