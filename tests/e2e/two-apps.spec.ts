// Study pages (home, set-up, quiz, results, shared quizzes) run the small
// study app; the other pages run the whole app. Moving between them is a
// new document, and nothing the user did is lost on the way.
import { test, expect, type Page } from './fixtures';
import { HomePage, practiceQuiz } from './pages';

/** Which wasm the page started: "study" or "pharmquiz". */
async function appOf(page: Page): Promise<string> {
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  return page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('_bg.wasm')) ?? '';
    return /\/(study|pharmquiz)-[0-9a-f]+_bg\.wasm$/.exec(wasm)?.[1] ?? 'none';
  });
}

test('home runs the study app; a link to another page opens it in the whole app', async ({ page }) => {
  await new HomePage(page).open();
  expect(await appOf(page)).toBe('study');
  // A plain link inside a study page (not the navigation bar).
  await page.getByRole('link', { name: 'Go to review' }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
  expect(await appOf(page)).toBe('pharmquiz');
  // The whole app has every page: home is drawn in place, without a reload.
  await page.getByRole('link', { name: 'PharmQuiz' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Study for pharmacy technician practice' })).toBeVisible();
  expect(await appOf(page)).toBe('pharmquiz');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
});

test('a result from the study app shows in the whole app, and the navigation bar goes back', async ({ page }) => {
  const right = await practiceQuiz(page, 'Inventory management', 1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  expect(await appOf(page)).toBe('pharmquiz');
  await expect(page.getByRole('main')).toContainText(`${right}/1 (`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New quiz' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New quiz' })).toBeVisible();
});

test('an address of the whole app served with the study app says it is not here instead of reloading forever', async ({ page }) => {
  // A host that answers every path with the home page (misconfigured).
  await page.route('**/progress', async route => {
    const home = await (await page.request.get('/')).text();
    await route.fulfill({ status: 200, contentType: 'text/html', body: home });
  });
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/progress');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(loads).toBe(1);
});
