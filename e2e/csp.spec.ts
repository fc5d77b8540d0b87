/**
 * Strict CSP: the built pages served with the shipped policy (site/lib/csp.ts) as an HTTP header, on
 * every response (pages, scripts, the worker, the .wasm), Trusted Types included. Every figure on every
 * page reruns after a keyboard slider move and shows its data table, with no violation reported by
 * `securitypolicyviolation` events or the console (page and worker).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CSP } from '../site/lib/csp.ts';
import { figure, nudgeAndWait, PAGES, recordProblems } from './helpers.ts';

async function serveWithCspHeader(context: BrowserContext) {
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
}

/** Violations reported to the page (the worker's go to the console, which recordProblems collects). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = log;
    document.addEventListener('securitypolicyviolation', (e) => log.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

for (const p of PAGES) {
  test(`${p.name}: every figure reruns under the shipped CSP as a header, with Trusted Types`, async ({ page, context }) => {
    test.setTimeout(90_000 + 60_000 * p.figures.length);
    await serveWithCspHeader(context);
    const problems = recordProblems(page);
    const violations = await recordViolations(page);
    const response = await page.goto(`/${p.path}`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    // The policy is enforced, not just present: an HTML string into a sink throws.
    const sink = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'allowed';
      } catch (e) {
        return e instanceof TypeError ? 'blocked' : String(e);
      }
    });
    expect(sink).toBe('blocked');
    // That probe is itself reported (once per policy: meta and header); start counting after it.
    await page.evaluate(() => ((window as unknown as { __cspViolations: string[] }).__cspViolations.length = 0));
    problems.length = 0;
    for (const id of p.figures) {
      await nudgeAndWait(page, id);
      const fig = figure(page, id);
      // The data table (built with DOM calls since Trusted Types; the landing teaser has none on show).
      const summary = fig.locator('.ld-data > summary');
      if (await summary.isVisible()) {
        await summary.click();
        await expect(fig.locator('.ld-table table').first()).toBeVisible();
      }
      await expect(fig.locator('.ld-legend li').first()).toBeAttached();
    }
    expect(await violations()).toEqual([]);
    // Any CSP or Trusted Types complaint (page or worker) shows up here as a console error.
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('the meta tag alone enforces Trusted Types in Chromium', async ({ page }) => {
  const problems = recordProblems(page);
  const response = await page.goto('/modes/');
  expect(response?.headers()['content-security-policy']).toBeUndefined();
  const sink = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return 'allowed';
    } catch {
      return 'blocked';
    }
  });
  expect(sink).toBe('blocked');
  // ... and the worker still starts through the policy.
  const id = PAGES.find((q) => q.name === 'modes')!.figures[0];
  await nudgeAndWait(page, id);
  // The probe above is reported as a violation on the console; nothing else may be.
  expect(problems.filter((m) => !m.includes("requires 'TrustedHTML'"))).toEqual([]);
});
