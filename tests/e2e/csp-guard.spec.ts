// The CSP guard in fixtures.ts must see a violation, or a green suite proves
// nothing: an injected inline script and inline style are refused and reported.
import { test, expect } from './fixtures';

test('the guard records a CSP violation in the test page and in a context the test opens', async ({ page, browser, cspViolations }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).__ran)).toBeUndefined();

  const other = await (await browser.newContext()).newPage();
  await other.goto('/progress');
  const before = cspViolations.length;
  await other.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(before);
  // Seen, so emptied: the guard's own check at the end must pass.
  cspViolations.length = 0;
});
