import { test, expect } from './fixtures';
import { BANKS, HomePage, QuizPage, ResultsPage, SetupPage, expectNoAxeViolations, practiceQuiz, startQuiz } from './pages';

for (const bank of BANKS) {
  test(`practice quiz in ${bank}: feedback after each answer, results agree`, async ({ page }) => {
    const right = await practiceQuiz(page, bank, 3);
    const results = new ResultsPage(page);
    await results.expectScore(right, 3);
    await expect(results.reviewItems()).toHaveCount(3);
    await expect(page.getByText(/Passed|Not passed/).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`exam in ${bank}: skip, flag, revisit, confirm, submit`, async ({ page }) => {
    const home = new HomePage(page);
    await home.open();
    await home.startQuizOn(bank);
    const setup = new SetupPage(page);
    await setup.configure({ count: 4, mode: 'exam', minutes: 10, passMark: 50 });
    await setup.start();
    const quiz = new QuizPage(page);

    // No feedback in exam mode, and the clock runs.
    await expect(page.getByRole('timer')).toContainText(/Time left (10:00|9:5\d)/);
    await quiz.answer();
    await expect(page.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Feedback' })).toHaveCount(0);

    // Skip question 2, flag question 3.
    await quiz.next();
    await quiz.next();
    await expect(quiz.progress()).toHaveText('Question 3 of 4');
    await page.getByRole('button', { name: 'Flag for review' }).click();
    await expect(page.getByRole('button', { name: 'Flagged for review' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Question 3, unanswered, flagged' })).toBeVisible();

    // Revisit question 2 from the navigator and answer it.
    await page.getByRole('button', { name: 'Question 2, unanswered' }).click();
    await expect(quiz.progress()).toHaveText('Question 2 of 4');
    await quiz.answer();
    await expect(page.getByRole('button', { name: 'Question 2, answered' })).toBeVisible();

    // Pause hides the question and stops the clock.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('heading', { name: 'Paused' })).toBeVisible();
    await expect(quiz.stem()).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(quiz.stem()).toBeVisible();
    await page.getByRole('button', { name: 'Add 5 minutes' }).click();
    await expect(page.getByRole('timer')).toContainText(/Time left 1[45]:\d\d/);

    // Two questions unanswered: submitting asks first.
    await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Submit with unanswered questions?' });
    await expect(dialog).toContainText('2 of 4 questions are unanswered');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Keep working' }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
    await page.getByRole('button', { name: 'Submit anyway' }).click();

    const results = new ResultsPage(page);
    await results.expectScore(null, 4);
    await expect(results.reviewItems()).toHaveCount(4);
    await expect(results.reviewItems().filter({ hasText: 'Your answer: No answer' })).toHaveCount(2);
    await expect(page).toHaveURL(/\/results\//);
  });
}

test('reload mid-quiz resumes the same quiz at the same question with its answers', async ({ page }) => {
  const home = new HomePage(page);
  const quiz = await startQuiz(page, 'Inventory management', { count: 5, mode: 'practice' });
  await quiz.answer();
  await quiz.checkAnswer();
  const firstStem = await quiz.stem().innerText();
  await quiz.next();
  const given = await quiz.answer();
  const secondStem = await quiz.stem().innerText();

  await page.reload();
  await expect(page).toHaveURL(/\/quiz\/2$/);
  await expect(quiz.progress()).toHaveText('Question 2 of 5');
  await expect(quiz.stem()).toHaveText(secondStem);
  if (given === '1.50') {
    await expect(page.getByLabel(/^Your answer/)).toHaveValue(' 1.50 ');
  } else if (given === 'two boxes') {
    await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(2);
  } else {
    await expect(page.locator(`input[type=radio][value="${given}"]`)).toBeChecked();
  }

  // Back goes to question 1, still checked with its feedback.
  await page.goBack();
  await expect(quiz.progress()).toHaveText('Question 1 of 5');
  await expect(quiz.stem()).toHaveText(firstStem);
  await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
  await page.goForward();
  await expect(quiz.progress()).toHaveText('Question 2 of 5');

  // Home offers to resume it.
  await home.open();
  await expect(page.getByRole('heading', { name: 'Quiz in progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await expect(quiz.stem()).toHaveText(secondStem);
});

test('an answer saves only the quiz in progress; a quiz saved by the previous version still resumes', async ({ page }) => {
  await practiceQuiz(page, 'Compounding', 1);
  const home = new HomePage(page);
  const quiz = await startQuiz(page, 'Inventory management', { count: 3, mode: 'exam' });
  const history = await page.evaluate(() => localStorage.getItem('pharmquiz.progress'));
  await quiz.answer();
  await quiz.next();
  await expect(page).toHaveURL(/\/quiz\/2$/);
  const stem = await quiz.stem().innerText();
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('pharmquiz.quiz') ?? '{}').current)).toBe(1);
  expect(await page.evaluate(() => localStorage.getItem('pharmquiz.progress'))).toBe(history);

  // Format 3 kept the quiz inside the document: put it back there (away
  // from the quiz page, whose clock saves every few seconds) and reload.
  await page.goto('/history');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('pharmquiz.progress')!);
    doc.version = 3;
    doc.in_progress = JSON.parse(localStorage.getItem('pharmquiz.quiz')!);
    localStorage.setItem('pharmquiz.progress', JSON.stringify(doc));
    localStorage.removeItem('pharmquiz.quiz');
  });
  await home.open();
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await expect(quiz.progress()).toHaveText('Question 2 of 3');
  await expect(quiz.stem()).toHaveText(stem);
  const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('pharmquiz.progress')!));
  expect(doc.version).toBe(6);
  expect(doc.in_progress).toBeUndefined();
  expect(doc.attempts).toHaveLength(1);

  // Finishing records the attempt and removes the quiz.
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await page.getByRole('button', { name: /Submit anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('pharmquiz.quiz'))).toBeNull();
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('pharmquiz.progress')!).attempts.length)).toBe(2);
});

test('finished attempts are in history after a reload, newest first, and open their review', async ({ page }) => {
  await practiceQuiz(page, 'Hazardous drugs', 2);
  await new ResultsPage(page).expectScore(null, 2);
  await practiceQuiz(page, 'Compounding', 2);
  await page.goto('/history');
  await page.reload();
  const rows = page.getByRole('row');
  await expect(rows).toHaveCount(3); // header + 2
  await expect(rows.nth(1)).toContainText('Compounding');
  await expect(rows.nth(2)).toContainText('Hazardous drugs');
  await expectNoAxeViolations(page);
  await rows.nth(2).getByRole('link', { name: /Review/ }).click();
  await expect(page.locator('.review-item')).toHaveCount(2);

  // Scores show on the bank cards.
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('Hazardous drugs')).toContainText(/Best \d+ % · Last \d+ % · 1 attempt/);
  await expect(home.card('Inventory management')).toContainText('Not attempted yet');
});

test('retake and practise-the-missed start new quizzes from results', async ({ page }) => {
  // Answer "1.50"/first option everywhere: some will be wrong in 6 questions.
  const right = await practiceQuiz(page, 'Compounding', 6);
  const missed = 6 - right;
  if (missed > 0) {
    await page.getByRole('button', { name: 'Practise the ones I missed' }).click();
    await expect(new QuizPage(page).progress()).toHaveText(`Question 1 of ${missed}`);
  } else {
    await expect(page.getByRole('button', { name: 'Practise the ones I missed' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Retake quiz' }).click();
    await expect(new QuizPage(page).progress()).toHaveText('Question 1 of 6');
  }
});

test('unreadable saved data is kept under a backup key and reported', async ({ page }) => {
  await new HomePage(page).open();
  await page.evaluate(() => localStorage.setItem('pharmquiz.progress', '{"version":2,"attempts":[{"broken"'));
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible();
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter(k => k.startsWith('pharmquiz.backup.')).map(k => localStorage.getItem(k)));
  expect(backups).toEqual(['{"version":2,"attempts":[{"broken"']);
  // The app still works and saves fresh progress.
  await expect(page.getByRole('article', { name: 'Compounding' })).toContainText('questions');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('could not be read')).toHaveCount(0);
});

test('saved data from a newer version is not overwritten', async ({ page }) => {
  await new HomePage(page).open();
  await page.evaluate(() => localStorage.setItem('pharmquiz.progress', '{"version":99,"attempts":[]}'));
  await page.reload();
  await expect(page.getByText(/newer version of PharmQuiz/)).toBeVisible();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter(k => k.startsWith('pharmquiz.backup.')).map(k => localStorage.getItem(k)));
  expect(kept).toEqual(['{"version":99,"attempts":[]}']);
});

test('an unknown URL shows a not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle(/Page not found/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('article', { name: 'Compounding' })).toBeVisible();
});

test('blocked storage: the app keeps working and says scores cannot be saved', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const right = await practiceQuiz(page, 'Inventory management', 2);
  await new ResultsPage(page).expectScore(right, 2);
  await expect(page.getByText(/Scores can't be saved/)).toBeVisible();
});

test('full storage: the save failure is reported and earlier data is untouched', async ({ page }) => {
  await practiceQuiz(page, 'Compounding', 1);
  const saved = await page.evaluate(() => localStorage.getItem('pharmquiz.progress'));
  expect(saved).toContain('"attempts":[{');
  // From now on every write is refused as if the quota were used up.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  await page.getByRole('button', { name: 'Retake quiz' }).click();
  await expect(page.getByText(/Your latest progress was not saved: the browser's storage for this site is full/)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('pharmquiz.progress'))).toBe(saved);
});

test('a bank that fails to download or is damaged says why where it is needed; the others still work', async ({ page }) => {
  await page.route('**/questions/inventory.json', route =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"id":"inventory","questions":[' }));
  await page.route('**/questions/hazardous-drugs.json', route => route.fulfill({ status: 404, body: 'not found' }));
  const home = new HomePage(page);
  await home.open();
  // Home needs no bank download: every card has its count and start link.
  for (const bank of BANKS) {
    await expect(home.card(bank).getByText(/^\d+ questions$/)).toBeVisible();
    await expect(home.card(bank).getByRole('link', { name: `Start a quiz on ${bank}` })).toBeVisible();
  }
  await home.card('Inventory management').getByRole('link', { name: /Start a quiz/ }).click();
  await expect(page.getByRole('alert')).toContainText("This bank can't be used: the bank file is damaged");
  await expectNoAxeViolations(page);
  await page.goto('/setup?bank=hazardous-drugs');
  await expect(page.getByRole('alert')).toContainText('could not download questions/hazardous-drugs.json (HTTP 404)');
  const right = await practiceQuiz(page, 'Compounding', 1);
  await new ResultsPage(page).expectScore(right, 1);
});
