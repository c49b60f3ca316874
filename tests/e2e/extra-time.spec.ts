// Extra time as an accommodation (WCAG 2.2.1): a learner chooses 1.5×, 2×
// or no limit before a timed quiz, a trainer allows it in a shared quiz, and
// the attempt records it with whether the time ran out, which the results,
// the history and the result sent back say.
import { test, expect, type Browser, type Page } from './fixtures';
import { HomePage, QuizPage, SetupPage, expectNoAxeViolations } from './pages';

const extraTime = (page: Page) => page.getByRole('combobox', { name: 'Extra time' });
const timer = (page: Page) => page.getByRole('timer', { name: 'Exam clock' });

test('a learner chooses 2× on set-up: the clock doubles, and when it runs out the results and history say so', async ({ page }) => {
  await page.clock.install();
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('Compounding');
  const setup = new SetupPage(page);
  await setup.configure({ count: 2, mode: 'exam' });
  // No time limit, nothing to stretch: no choice.
  await expect(extraTime(page)).toHaveCount(0);
  await page.getByLabel('Time limit (minutes)').fill('5');
  await expect(extraTime(page)).toHaveAccessibleDescription(/choose extra time\. Your result records it\./);
  await expect(extraTime(page).getByRole('option')).toHaveText([
    'Standard time: 5 minutes',
    '1.5× the time: 7 minutes 30 seconds',
    '2× the time: 10 minutes',
    'No time limit',
  ]);
  await extraTime(page).selectOption({ label: '2× the time: 10 minutes' });
  await expectNoAxeViolations(page);
  // Practice has no clock: the choice goes away.
  await page.getByRole('radio', { name: /^Practice/ }).check();
  await expect(extraTime(page)).toHaveCount(0);
  await page.getByRole('radio', { name: /^Exam/ }).check();
  await expect(extraTime(page)).toHaveValue('2x');
  await setup.start();

  await new QuizPage(page).answer();
  await expect(timer(page)).toContainText('Time left 10:00');
  // A reload resumes with the doubled limit.
  await page.clock.runFor(6_000);
  await page.reload();
  await expect(timer(page)).toContainText(/Time left 9:5\d/);

  await page.clock.runFor(10 * 60_000);
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Time ran out\. Your answers were submitted when the time limit was reached/)).toBeVisible();
  await expect(page.getByText('Extra time: 2×')).toBeVisible();
  await expectNoAxeViolations(page);

  // History records it, and the result opened again from there still says so.
  await page.getByRole('link', { name: 'History' }).first().click();
  const row = page.getByRole('row').nth(1);
  await expect(row).toContainText('(time ran out, extra time 2×)');
  await row.getByRole('link', { name: /^Review/ }).click();
  await expect(page.getByText(/^Time ran out\./)).toBeVisible();
  await expect(page.getByText('Extra time: 2×')).toBeVisible();
});

/** The trainer's builder: two questions from random banks, 20 minutes, extra time allowed or not. */
async function buildTimedQuiz(page: Page, title: string, allowExtraTime: boolean): Promise<string> {
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill(title);
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  await page.getByLabel('Number of questions').fill('2');
  await page.getByLabel('Time limit (minutes)').fill('20');
  const allow = page.getByRole('checkbox', { name: 'Allow learners extra time (1.5×, 2× or no limit)' });
  if (allowExtraTime) await allow.check();
  await page.getByRole('button', { name: 'Preview as a trainee' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  if (allowExtraTime) await expect(preview).toContainText(/Extra time\s*Allowed: 1\.5×, 2× or no limit/);
  else await expect(preview).not.toContainText('Extra time');
  // Without a time limit there is nothing to allow.
  await page.getByLabel('Time limit (minutes)').fill('');
  await expect(allow).toHaveCount(0);
  await page.getByLabel('Time limit (minutes)').fill('20');
  await expect(allow).toBeChecked({ checked: allowExtraTime });
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  expect(link).toMatch(/\/take#1\.[A-Za-z0-9_-]+$/);
  return link;
}

/** A trainer builds the quiz and a trainee, in another browser, opens its link: the start screen states the limit. */
async function openAsTrainee(browser: Browser, title: string, allowExtraTime: boolean): Promise<{ trainer: Page; trainee: Page }> {
  const trainer = await (await browser.newContext()).newPage();
  const link = await buildTimedQuiz(trainer, title, allowExtraTime);
  const trainee = await (await browser.newContext()).newPage();
  await trainee.goto(link);
  await expect(trainee.getByRole('region', { name: title })).toContainText(/Time limit\s*20:00/);
  await expect(trainee.getByText('You have 20 minutes. When the time runs out, your answers are submitted.')).toBeVisible();
  return { trainer, trainee };
}

test('a trainer link that allows extra time lets the trainee lift the limit, and the trainer sees it', async ({ browser }) => {
  const { trainer, trainee } = await openAsTrainee(browser, 'Timed check', true);
  await expect(extraTime(trainee)).toHaveAccessibleDescription(/Your trainer allows extra time/);
  await extraTime(trainee).selectOption({ label: '1.5× the time: 30 minutes' });
  await expect(trainee.getByText('You have 30 minutes.', { exact: false })).toBeVisible();
  await extraTime(trainee).selectOption({ label: 'No time limit' });
  await expect(trainee.getByText('There is no time limit.')).toBeVisible();
  await expectNoAxeViolations(trainee);
  await trainee.getByRole('button', { name: 'Start' }).click();

  const quiz = new QuizPage(trainee);
  await expect(quiz.progress()).toHaveText('Question 1 of 2');
  // No countdown and nothing to add to: the clock only counts time spent.
  await expect(timer(trainee)).toContainText(/^Time \d+:\d\d/);
  await expect(timer(trainee)).not.toContainText('Time left');
  await expect(trainee.getByRole('button', { name: 'Add 5 minutes' })).toHaveCount(0);
  await quiz.answer();
  await quiz.next();
  await quiz.answer();
  await trainee.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await expect(trainee.getByText('Extra time: no time limit')).toBeVisible();
  await expect(trainee.getByText(/^Time ran out/)).toHaveCount(0);
  await trainee.getByLabel('Your name').fill('Sam Lee');
  await trainee.getByRole('button', { name: 'Create my result' }).click();
  await expect(trainee.getByRole('region', { name: 'Certificate' })).toContainText('(extra time, no limit)');
  const result = await trainee.getByRole('textbox', { name: 'Result link' }).inputValue();

  await trainer.goto(result);
  await expect(trainer.getByText(/^Added to your roster: Sam Lee/)).toBeVisible();
  await trainer.getByRole('link', { name: 'Open the roster' }).click();
  const row = trainer.getByRole('region', { name: 'Timed check' }).getByRole('row', { name: /Sam Lee/ });
  await expect(row).toContainText('(extra time, no limit)');
});

test('a trainer link that does not allow extra time offers no choice and states the limit', async ({ browser }) => {
  const { trainee } = await openAsTrainee(browser, 'Strict check', false);
  await expect(extraTime(trainee)).toHaveCount(0);
  await trainee.getByRole('button', { name: 'Start' }).click();
  await expect(timer(trainee)).toContainText(/Time left (20:00|19:5\d)/);
});
