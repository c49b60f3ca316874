import { test, expect } from './fixtures';
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

test('320 px wide (400 % zoom): no sideways scrolling on any page, with data and open states', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const noOverflow = async (where: string) => {
    // Data tables behind "… as a table" count too.
    const width = await page.evaluate(() => {
      document.querySelectorAll('details').forEach(d => { d.open = true; });
      return document.documentElement.scrollWidth;
    });
    expect(width, where).toBeLessThanOrEqual(320);
  };
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('Compounding')).toContainText('questions');
  await noOverflow('home');
  await home.startQuizOn('Compounding');
  const setup = new SetupPage(page);
  await setup.configure({ count: 2, mode: 'exam', minutes: 5 });
  await noOverflow('set-up, with its topics');
  await setup.start();
  await noOverflow('exam');
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await noOverflow('submit confirmation');
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.locator('.review-item')).toHaveCount(2);
  await noOverflow('results, with the topic table');

  // A shared quiz, its result with the certificate, and the trainer's side.
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill('Reflow check');
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  await noOverflow('trainer, with its topics');
  await page.getByRole('button', { name: 'Preview as a trainee' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the quiz link' })).toBeVisible();
  await noOverflow('trainer preview and QR code');
  await page.goto(await page.getByRole('textbox', { name: 'Quiz link' }).inputValue());
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await page.getByLabel('Your name').fill('Sam Example-Longname');
  await page.getByRole('button', { name: 'Create my result' }).click();
  await expect(page.getByRole('region', { name: 'Certificate' })).toBeVisible();
  await noOverflow('results with the certificate');
  await page.goto(await page.getByRole('textbox', { name: 'Result link' }).inputValue());
  await expect(page.getByRole('heading', { name: 'Result received', level: 1 })).toBeVisible();
  await noOverflow('result received');

  for (const [path, ready] of [['/progress', 'Scores over time'], ['/history', 'History'], ['/review', 'Daily review'], ['/data', 'Export'], ['/roster', 'Add results'], ['/banks', 'Added banks'], ['/take', 'Shared quiz']] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: ready })).toBeVisible();
    await noOverflow(path);
  }
  await page.evaluate(() => { setTimeout(() => { throw new Error('Test failure: reflow of the recovery screen'); }); });
  await expect(page.getByRole('heading', { name: 'PharmQuiz stopped working' })).toBeVisible();
  await noOverflow('recovery screen');
});
