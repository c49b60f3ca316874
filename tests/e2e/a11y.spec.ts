import { test, expect } from '@playwright/test';
import { HomePage, QuizPage, SetupPage, expectNoAxeViolations, startQuiz } from './pages';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('every page passes axe', async ({ page }) => {
      const home = new HomePage(page);
      await home.open();
      await expect(home.card('Compounding')).toContainText('questions');
      await expectNoAxeViolations(page);

      await page.goto('/history');
      await expect(page.getByText('No finished quizzes yet.')).toBeVisible();
      await expectNoAxeViolations(page);

      await home.open();
      await home.startQuizOn('Compounding');
      const setup = new SetupPage(page);
      await setup.configure({ count: 2, mode: 'exam', minutes: 5 });
      await expectNoAxeViolations(page);
      await setup.start();
      await expectNoAxeViolations(page);

      await page.goto('/setup');
      await setup.configure({ count: 2, mode: 'practice' });
      await setup.start();
      const quiz = new QuizPage(page);
      await quiz.answer();
      await quiz.checkAnswer();
      await expectNoAxeViolations(page);
      await quiz.next();
      await quiz.answer();
      await quiz.checkAnswer();
      await page.getByRole('button', { name: 'See results' }).click();
      await expect(page.locator('.review-item')).toHaveCount(2);
      await expectNoAxeViolations(page);

      // The study-tool and trainer pages, with data in them.
      for (const [path, ready] of [
        ['/progress', 'Scores over time'],
        ['/review', 'Daily review'],
        ['/data', 'Export'],
        ['/trainer', 'Share'],
        ['/roster', 'Add results'],
        ['/take', 'Shared quiz'],
        ['/banks', 'Added banks'],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: ready })).toBeVisible();
        await expectNoAxeViolations(page);
      }
    });
  });
}

test('phone width (360 px): no sideways scrolling on any page', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const noOverflow = async () => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  };
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('Inventory management')).toContainText('questions');
  await noOverflow();
  await home.startQuizOn('Inventory management');
  await noOverflow();
  const setup = new SetupPage(page);
  await setup.configure({ count: 2, mode: 'exam', minutes: 5 });
  await setup.start();
  await noOverflow();
  await new QuizPage(page).answer();
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.locator('.review-item')).toHaveCount(2);
  await noOverflow();
  await page.goto('/history');
  await noOverflow();
  for (const [path, ready] of [['/progress', 'Scores over time'], ['/review', 'Daily review'], ['/data', 'Export'], ['/trainer', 'Share'], ['/roster', 'Add results'], ['/banks', 'Added banks']] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: ready })).toBeVisible();
    await noOverflow();
  }
});

test('keyboard only: choose an answer and move on', async ({ page }) => {
  const quiz = await startQuiz(page, 'Hazardous drugs', { count: 2, mode: 'exam' });
  const input = page.getByLabel(/^Your answer/);
  await expect(input.or(page.getByRole('radio')).or(page.getByRole('checkbox')).first()).toBeVisible();
  if (await input.count()) {
    await input.focus();
    await page.keyboard.type('2');
    await expect(input).toHaveValue('2');
  } else {
    const first = page.getByRole('radio').or(page.getByRole('checkbox')).first();
    await first.focus();
    await page.keyboard.press('Space');
    await expect(first).toBeChecked();
  }
  await page.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await expect(quiz.progress()).toHaveText('Question 2 of 2');
});
