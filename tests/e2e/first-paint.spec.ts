// The HTML the host sends already shows real content (pre-rendered at build
// time); the app then takes over in place, under a strict CSP.
import { test, expect, type Page } from './fixtures';
import { BANKS, HomePage, expectNoAxeViolations, practiceQuiz } from './pages';

/** Records, from before any script runs, whether the home page's content ever appears. */
async function watchForHomeContent(page: Page) {
  await page.addInitScript(() => {
    (window as any).__sawHome = false;
    const seen = () => !!document.querySelector('.bank-card, .bank-grid');
    new MutationObserver(() => { if (seen()) (window as any).__sawHome = true; })
      .observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => { if (seen()) (window as any).__sawHome = true; });
  });
}

/** Collects the CSP violations Chromium reports, across navigations. */
function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', m => { if (/Content Security Policy/i.test(m.text())) seen.push(m.text()); });
  page.on('pageerror', e => seen.push(`page error: ${e.message}`));
  return seen;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('home shows every bank card with its count and a start link that works', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Study for pharmacy technician practice' })).toBeVisible();
    for (const bank of BANKS) {
      const card = page.getByRole('article', { name: bank });
      await expect(card.getByRole('heading', { level: 2 })).toHaveText(bank);
      await expect(card.getByText(/^\d+ questions$/)).toBeVisible();
      await expect(card.getByRole('link', { name: `Start a quiz on ${bank}` })).toBeVisible();
    }
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' })).toBeVisible();
    await page.getByRole('link', { name: 'Start a quiz on Hazardous drugs' }).click();
    await expect(page).toHaveURL(/\/setup\?bank=hazardous-drugs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'New quiz' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Loading question banks…' })).toBeVisible();
    await expect(page).toHaveTitle('New quiz · PharmQuiz');
  });

  test('pages that need stored data show their heading and a loading state', async ({ page }) => {
    for (const [path, heading, loading] of [
      ['/progress', 'Your progress', 'Loading your progress…'],
      ['/history', 'History', 'Loading your history…'],
      ['/review', 'Review', 'Loading your review…'],
      ['/trainer', 'Build a quiz for trainees', 'Loading question banks…'],
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('status').filter({ hasText: loading })).toBeVisible();
      await expect(page.locator('.bank-card')).toHaveCount(0);
    }
  });

  test('a shared-quiz link says the quiz is opening', async ({ page }) => {
    await page.goto('/take#1.abc');
    await expect(page.getByRole('heading', { level: 1, name: 'Shared quiz' })).toBeVisible();
    await expect(page.getByText("Opening your trainer's quiz…")).toBeVisible();
  });
});

test('the HTML of / holds the bank cards before any script runs', async ({ request }) => {
  const html = await (await request.get('/')).text();
  for (const bank of BANKS) expect(html).toContain(`>${bank}</h2>`);
  expect(html).toMatch(/\d+ questions/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/);
});

test('a deep link to /progress never shows the home page', async ({ page }) => {
  await watchForHomeContent(page);
  await page.goto('/progress');
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  await expect(page.locator('#pq-shell')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__sawHome)).toBe(false);
  // A quiz address never shows it either (the generic shell is served there).
  await watchForHomeContent(page);
  await page.goto('/quiz/3');
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  await expect(page.getByRole('heading', { level: 1, name: 'No quiz in progress' })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__sawHome)).toBe(false);
});

test('the app takes over the home page in place: one copy, no layout shift', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => {
    (window as any).__cls = 0;
    new PerformanceObserver(list => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/');
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  await expect(page.locator('#pq-shell')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('article')).toHaveCount(BANKS.length);
  await page.waitForTimeout(500);
  const cls = await page.evaluate(() => (window as any).__cls);
  expect(cls).toBeLessThanOrEqual(0.02);
  await expectNoAxeViolations(page);
});

test('under the Content-Security-Policy the whole study path runs with no violation', async ({ page }) => {
  const violations = watchCsp(page);
  const right = await practiceQuiz(page, 'Compounding', 2);
  await expect(page.getByText(new RegExp(`^${right} of 2 correct`))).toBeVisible();
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill('CSP check');
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Preview as a trainee' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the quiz link' })).toBeVisible();
  await new HomePage(page).open();
  expect(violations).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
});

test('a start link tapped before the app has started opens set-up without a second download', async ({ page }) => {
  // Hold the study app's wasm back, as a slow connection would.
  let release!: () => void;
  const held = new Promise<void>(resolve => { release = resolve; });
  const wasmRequests: string[] = [];
  await page.route(/_bg\.wasm$/, async route => {
    wasmRequests.push(route.request().url());
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.getByRole('link', { name: 'Start a quiz on Hazardous drugs' }).click();
  await expect(page).toHaveURL(/\/setup\?bank=hazardous-drugs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'New quiz' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading question banks…' })).toBeVisible();
  await expect(page).toHaveTitle('New quiz · PharmQuiz');
  expect(await page.evaluate(() => document.documentElement.dataset.app)).toBeUndefined();
  release();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  await expect(page.getByRole('checkbox', { name: 'Hazardous drugs' })).toBeChecked();
  // The bank itself arrives after the app starts; a learner sees its count first
  // (a Start before it says the banks are still loading).
  await expect(page.getByText(/questions available with these choices/)).not.toHaveText(/^0 /);
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await expect(page).toHaveURL(/\/quiz\/1$/);
  expect(wasmRequests).toHaveLength(1);
});
