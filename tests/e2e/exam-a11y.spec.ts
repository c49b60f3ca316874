// The exam clock and navigator for screen-reader and low-vision users: time
// warnings in a live region, time running out said and shown, answered
// questions marked by more than colour, and a visible focus ring on every
// navigator cell.
import { test, expect, type Locator, type Page } from './fixtures';
import { HomePage, QuizPage, SetupPage } from './pages';

const navigator = (page: Page) => page.getByRole('navigation', { name: 'Questions' });
const announcer = (page: Page) => page.locator('#pq-announce[aria-live="polite"]');

/** WCAG contrast ratio of two computed CSS colours (rgb/rgba, opaque). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map(v => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const style = (el: Locator, prop: string) => el.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop);

test('time warnings, added time and time running out are said in a live region, and the results say time ran out', async ({ page }) => {
  await page.clock.install();
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('Compounding');
  const setup = new SetupPage(page);
  await setup.configure({ count: 2, mode: 'exam', minutes: 6 });
  await setup.start();
  const quiz = new QuizPage(page);
  await quiz.answer();
  await expect(page.getByRole('timer', { name: 'Exam clock' })).toContainText('Time left 6:00');

  await page.clock.runFor(61_000);
  await expect(announcer(page)).toHaveText('5 minutes left.');
  await page.clock.runFor(4 * 60_000);
  await expect(announcer(page)).toHaveText('1 minute left.');

  await page.getByRole('button', { name: 'Add 5 minutes' }).click();
  await page.clock.runFor(1_000);
  await expect(announcer(page)).toHaveText(/^5 minutes added\. Time left 5:5\d\.$/);

  // The clock itself stays silent (it would speak every second).
  await expect(page.locator('.clock')).toHaveAttribute('aria-live', 'off');

  await page.clock.runFor(6 * 60_000);
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeFocused();
  await expect(announcer(page)).toHaveText('Time is up — your answers were submitted.');
  await expect(page.getByText(/^Time ran out\. Your answers were submitted when the time limit was reached/)).toBeVisible();
  await expect(page.getByText(/of 2 correct/)).toBeVisible();

  // A result submitted by hand does not say so.
  await page.getByRole('button', { name: 'Retake quiz' }).click();
  await navigator(page).getByRole('button', { name: 'Submit exam' }).click();
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Time ran out/)).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme}: answered cells have a mark and a 3:1 border, and every cell shows its focus ring, the current one too`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const home = new HomePage(page);
    await home.open();
    await home.startQuizOn('Hazardous drugs');
    const setup = new SetupPage(page);
    await setup.configure({ count: 3, mode: 'exam' });
    await setup.start();
    const quiz = new QuizPage(page);
    await quiz.answer();
    await quiz.next();

    const answered = navigator(page).getByRole('button', { name: 'Question 1, answered' });
    const unanswered = navigator(page).getByRole('button', { name: 'Question 3, unanswered' });
    await expect(answered).toContainText('✓');
    await expect(unanswered).not.toContainText('✓');
    const pageBg = await style(page.locator('body'), 'background-color');
    const border = await style(answered, 'border-top-color');
    expect(contrast(border, pageBg)).toBeGreaterThanOrEqual(3);
    expect(contrast(border, await style(answered, 'background-color'))).toBeGreaterThanOrEqual(3);

    // Tab onto each cell: the focus ring (an outline in the focus colour)
    // shows on all of them, the current question's included.
    const focusColour = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--focus)';
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    });
    const current = navigator(page).getByRole('button', { name: /^Question 2,/ });
    await expect(current).toHaveAttribute('aria-current', 'step');
    const ringShows = async (cell: Locator) => {
      await expect(cell).toBeFocused();
      expect(await cell.evaluate(e => e.matches(':focus-visible'))).toBe(true);
      expect(await style(cell, 'outline-style')).toBe('solid');
      expect(await style(cell, 'outline-width')).toBe('3px');
      expect(await style(cell, 'outline-color')).toBe(focusColour);
    };
    await answered.focus();
    await page.keyboard.press('Tab');
    await ringShows(current);
    await page.keyboard.press('Tab');
    await ringShows(unanswered);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await ringShows(answered);
    // The current cell keeps a ring of its own beside the focus ring.
    expect(await style(current, 'box-shadow')).not.toBe('none');
  });
}
