// When the app breaks (an uncaught error, an unhandled rejection, a panic),
// a plain screen replaces it: what happened, Reload, and Export your data.
import { test, expect, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, practiceQuiz } from './pages';

/** CSP violations and errors Chromium reports. */
function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', m => { if (/Content Security Policy/i.test(m.text())) seen.push(m.text()); });
  return seen;
}

const screenHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'PharmQuiz stopped working' });

test('an uncaught error shows the recovery screen: Reload brings the app back, Export your data downloads the stored keys', async ({ page }) => {
  const csp = watchCsp(page);
  await practiceQuiz(page, 'Compounding', 1);
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('another-site.key', 'not ours'));

  await page.evaluate(() => { setTimeout(() => { throw new Error('Test failure: the app broke'); }); });
  await expect(screenHeading(page)).toBeVisible();
  await expect(screenHeading(page)).toBeFocused();
  await expect(page.getByText(/^Something went wrong inside PharmQuiz/)).toBeVisible();
  // The broken page is hidden behind it.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeHidden();
  await page.getByText('Technical details').click();
  await expect(page.getByText(/Test failure: the app broke/)).toBeVisible();
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export your data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pharmquiz-data-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const stored = await page.evaluate(() => Object.fromEntries(
    Object.keys(localStorage).filter(k => k.startsWith('pharmquiz.')).map(k => [k, localStorage.getItem(k)]),
  ));
  expect(Object.keys(stored)).toContain('pharmquiz.progress');
  expect(file.keys).toEqual(stored);
  expect(file.keys['another-site.key']).toBeUndefined();
  await expect(page.getByRole('status').filter({ hasText: /^Downloaded \d+ stored items?\./ })).toBeVisible();

  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
  await expect(screenHeading(page)).toHaveCount(0);
  expect(csp).toEqual([]);
});

test('an unhandled promise rejection and a dispatched ErrorEvent show it too', async ({ page }) => {
  const csp = watchCsp(page);
  await page.goto('/history');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await page.evaluate(() => { Promise.reject(new Error('Test failure: nobody caught this')); });
  await expect(screenHeading(page)).toBeVisible();
  await page.getByText('Technical details').click();
  await expect(page.getByText(/nobody caught this/)).toBeVisible();

  await page.goto('/setup');
  await expect(page.getByRole('heading', { name: 'New quiz', level: 1 })).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'Test failure: dispatched' })));
  await expect(screenHeading(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
  expect(csp).toEqual([]);
});
