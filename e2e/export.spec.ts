/**
 * SVG and PNG export (components/export.ts, components/figure-svg.ts): the file reads on a slide without
 * the page. It carries the figure's title, its legend, its source and the link to the state on screen,
 * in the page's theme; the PNG is the same document at 2×.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { figureById } from '../engine/registry.ts';
import { figure, pageOf, settle } from './helpers.ts';

const ID = 'saxe-mode-curves';
const spec = figureById.get(ID)!;

async function download(page: Page, root: Locator, action: 'export-svg' | 'export-png'): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), root.locator(`[data-action="${action}"]`).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** The text of every <text> element, in order, unescaped and joined by spaces. */
function texts(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1])).join(' ');
}

for (const vp of [
  { name: 'desktop', width: 1280, height: 800, colorScheme: 'light' as const },
  { name: 'phone, dark', width: 390, height: 844, colorScheme: 'dark' as const },
]) {
  test(`SVG and PNG exports carry title, legend, source and link (${vp.name})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, colorScheme: vp.colorScheme, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`/${pageOf(ID)}?${ID}.seed=7`);
    const root = figure(page, ID);
    await root.scrollIntoViewIfNeeded();
    await settle(page, ID);

    const svg = await download(page, root, 'export-svg');
    expect(svg.name).toMatch(new RegExp(`^${ID}(-step\\d+)?\\.svg$`));
    const doc = svg.bytes.toString('utf8');
    expect(doc.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // Theme variables are resolved: the file stands alone.
    expect(doc).not.toContain('var(--');
    const words = texts(doc).replace(/\s+/g, ' ');
    expect(words).toContain(spec.title.split(' ').slice(0, 4).join(' '));
    // The legend: the label of every kind the chart draws by default (the simulation and the theory).
    for (const kind of Object.values(spec.kinds).filter((k) => k.role === 'simulation' || k.role === 'theory')) expect(words).toContain(kind.label);
    expect(words).toContain(`Source: ${spec.source.text}`);
    // The link is the state on screen (the seed from the URL), on this site.
    const link = /Live figure, in this state: (\S+)/.exec(words)?.[1];
    expect(link, words).toBeTruthy();
    const url = new URL(link!);
    expect(url.origin).toBe(new URL(page.url()).origin);
    expect(url.searchParams.get(`${ID}.seed`)).toBe('7');
    expect(url.hash).toBe(`#${ID}`);
    // Every panel is in the file, and the background is the page's.
    const panels = await root.locator('.ld-chart svg:not(svg svg)').count();
    expect((doc.match(/<svg /g) ?? []).length - 1).toBeGreaterThanOrEqual(panels);
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ld-bg').trim());
    expect(doc).toContain(`<rect width="100%" height="100%" fill="${bg}"/>`);
    const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(doc)![1]);
    const height = Number(/<svg[^>]* height="(\d+(?:\.\d+)?)"/.exec(doc)![1]);
    const chartWidth = await root.locator('.ld-chart').evaluate((el) => el.clientWidth);
    expect(width).toBe(Math.max(320, chartWidth) + 32);

    const png = await download(page, root, 'export-png');
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png.bytes)).toEqual({ width: 2 * width, height: 2 * height });
    expect(errors).toEqual([]);
    await context.close();
  });
}
