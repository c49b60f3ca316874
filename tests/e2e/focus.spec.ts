// Keyboard and screen-reader use beyond what axe checks (WCAG 2.2 AA): where
// focus lands after each action, what the live regions say, and what the
// confirmation dialogs do. Assertions are on what the user gets: the focused
// element, the text of a live region, computed styles.
import { test, expect, type Locator, type Page } from './fixtures';
import { HomePage, QuizPage, ResultsPage, SetupPage, expectNoAxeViolations, startQuiz } from './pages';

const navigator = (page: Page) => page.getByRole('navigation', { name: 'Questions' });
/** The answer controls of the question on screen, first one first. */
const answers = (page: Page) => page.getByRole('radio').or(page.getByRole('checkbox')).or(page.getByLabel(/^Your answer/));

/**
 * Opens the confirmation `name` from `opener`: focus is on its safe choice
 * `safe`; the key `close` closes it and focus goes back to `opener`. Then it
 * opens it again and returns it.
 */
async function confirmationRoundTrip(page: Page, opener: Locator, name: string, safe: string, close: 'Enter' | 'Escape') {
  await opener.click();
  const dialog = page.getByRole('alertdialog', { name });
  await expect(dialog.getByRole('button', { name: safe })).toBeFocused();
  await page.keyboard.press(close);
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await opener.click();
  return dialog;
}

test('the skip link moves focus to the main area and stays on the page, in the app and before it starts', async ({ page }) => {
  const quiz = await startQuiz(page, 'Compounding', { count: 3, mode: 'exam' });
  await quiz.next();
  await expect(page).toHaveURL(/\/quiz\/2$/);
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  // The first Tab on the page reaches it.
  await page.reload();
  await expect(quiz.progress()).toHaveText('Question 2 of 3');
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(/\/quiz\/2$/);
  await expect(quiz.progress()).toHaveText('Question 2 of 3');

  // A shared-quiz link keeps its fragment (the quiz travels in it).
  await page.goto('/take#1.not-a-quiz');
  await expect(page.getByRole('alert')).toBeVisible();
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe('/take#1.not-a-quiz');

  // The pre-rendered page, before the app has started.
  await page.route(/_bg\.wasm$/, () => {}); // never answered: the app never starts
  await page.goto('/progress');
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#pq-shell main')).toBeFocused();
  await expect(page).toHaveURL(/\/progress$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
});

test('after each route change focus is on the new page: its heading, or in a quiz the question', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('Compounding');
  await new SetupPage(page).configure({ count: 3, mode: 'exam' });
  await page.getByRole('button', { name: 'Start quiz' }).click();
  const quiz = new QuizPage(page);
  await expect(quiz.stem()).toBeFocused();

  // Next, Previous and a navigator jump: focus on the question, its place
  // said by the live progress line, and one Tab to its first answer.
  const progress = page.locator('.progress-label[aria-live="polite"]');
  await quiz.next();
  await expect(progress).toHaveText('Question 2 of 3');
  await expect(quiz.stem()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(answers(page).first()).toBeFocused();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(progress).toHaveText('Question 1 of 3');
  await expect(quiz.stem()).toBeFocused();
  await navigator(page).getByRole('button', { name: /^Question 3,/ }).click();
  await expect(progress).toHaveText('Question 3 of 3');
  await expect(quiz.stem()).toBeFocused();

  // Submit anyway → the results heading; Retake → the first question.
  await navigator(page).getByRole('button', { name: 'Submit exam' }).click();
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeFocused();
  await page.getByRole('button', { name: 'Retake quiz' }).click();
  await expect(page).toHaveURL(/\/quiz\/1$/);
  await expect(quiz.stem()).toBeFocused();

  // Nav links: the new page's heading.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New quiz' }).click();
  await expect(page.getByRole('heading', { name: 'New quiz', level: 1 })).toBeFocused();
  await page.getByRole('link', { name: 'PharmQuiz' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Practise my weak topics (everything was wrong) → the first question.
  await home.card('Compounding').getByRole('button', { name: /^Practise my weak topics/ }).click();
  await expect(page).toHaveURL(/\/quiz\/1$/);
  await expect(quiz.stem()).toBeFocused();

  // Discard: the dialog takes focus; Keep it gives it back; Yes, discard
  // removes the banner and focus goes to the page's heading.
  await home.open();
  const discard = page.getByRole('button', { name: 'Discard quiz' });
  const dialog = await confirmationRoundTrip(page, discard, 'Discard this quiz?', 'Keep it', 'Enter');
  await dialog.getByRole('button', { name: 'Yes, discard' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz in progress' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('Start on a shared quiz puts focus on its first question', async ({ page }) => {
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill('Focus check');
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Preview as a trainee' }).click();
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  await page.goto(link);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/quiz\/1$/);
  await expect(new QuizPage(page).stem()).toBeFocused();
});

test('the exam confirmation is a modal dialog: focus in, Escape out, the page behind inert, and at 200 % zoom a second Enter does not submit', async ({ page }) => {
  // 1280×900 at 200 % zoom.
  await page.setViewportSize({ width: 640, height: 450 });
  const quiz = await startQuiz(page, 'Hazardous drugs', { count: 4, mode: 'exam' });
  const submit = navigator(page).getByRole('button', { name: 'Submit exam' });
  await submit.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Submit with unanswered questions?' });
  await expect(dialog).toContainText('4 of 4 questions are unanswered');
  await expect(dialog).toBeInViewport({ ratio: 1 });
  const keep = dialog.getByRole('button', { name: 'Keep working' });
  await expect(keep).toBeFocused();
  await expectNoAxeViolations(page);

  // The page behind cannot take focus while the dialog is open, and Tab
  // stays in the dialog.
  const behind = await page.evaluate(() => {
    const next = [...document.querySelectorAll('button')].find(b => b.textContent === 'Next');
    next?.focus();
    return document.activeElement === next;
  });
  expect(behind).toBe(false);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body)).toBe(true);
  }
  await keep.focus();

  // The second Enter keeps working instead of submitting "0 of 4".
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/\/quiz\/1$/);
  await expect(submit).toBeFocused();

  // Escape closes it too, and focus goes back where it was.
  await page.keyboard.press('Enter');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(submit).toBeFocused();
  await expect(quiz.progress()).toHaveText('Question 1 of 4');

  // Submit anyway still submits.
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Submit anyway' }).click();
  await new ResultsPage(page).expectScore(0, 4);
});

test('clear-data and remove-flag confirmations keep focus where the user can carry on', async ({ page }) => {
  // Flag two questions, then remove their flags from the review page.
  const quiz = await startQuiz(page, 'Inventory management', { count: 2, mode: 'exam' });
  await page.getByRole('button', { name: 'Flag for review' }).click();
  await quiz.next();
  await page.getByRole('button', { name: 'Flag for review' }).click();
  await page.goto('/review');
  const flagged = page.getByRole('region', { name: 'Flagged questions' });
  const removes = flagged.getByRole('button', { name: /^Remove flag/ });
  await expect(removes).toHaveCount(2);
  await removes.first().click();
  await expect(removes).toHaveCount(1);
  await expect(removes.first()).toBeFocused();
  await removes.first().click();
  await expect(removes).toHaveCount(0);
  await expect(flagged.getByRole('heading', { name: 'Flagged questions' })).toBeFocused();

  await page.goto('/data');
  const clear = page.getByRole('button', { name: 'Clear all data…' });
  const dialog = await confirmationRoundTrip(page, clear, 'Delete everything?', 'Cancel', 'Escape');
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'has been deleted' })).toBeVisible();
  await expect(clear).toBeFocused();
});

test('removing your own bank: focus goes to the list of added banks', async ({ page }, testInfo) => {
  await page.goto('/banks');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download an example bank' }).click()]);
  const file = testInfo.outputPath('my-pharmacy.toml');
  await dl.saveAs(file);
  await page.getByLabel('Bank files (.toml)').setInputFiles(file);
  const card = page.getByRole('article', { name: "My pharmacy's questions" });
  await expect(card).toBeVisible();
  const remove = card.getByRole('button', { name: /^Remove My pharmacy/ });
  const dialog = await confirmationRoundTrip(page, remove, 'Remove this bank?', 'Keep it', 'Enter');
  await dialog.getByRole('button', { name: 'Remove bank' }).click();
  await expect(page.getByText('You have not added any banks yet.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Added banks' })).toBeFocused();
});

test('a Tab made while the app is starting keeps its place when the app takes over the pre-rendered page', async ({ page }) => {
  // Hold the wasm until the user has tabbed into the pre-rendered page.
  let release = () => {};
  const held = new Promise<void>(resolve => { release = resolve; });
  await page.route(/_bg\.wasm$/, async route => { await held; await route.continue(); });
  await page.goto('/progress');
  await expect(page.locator('#pq-shell').getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  const history = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' });
  for (let i = 0; i < 20 && !(await history.evaluate(e => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(history).toBeFocused();
  expect(await history.evaluate(e => !!e.closest('#pq-shell'))).toBe(true);

  release();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect(page.locator('#pq-shell')).toHaveCount(0);
  // The same link, now the app's, still has focus; the next Tab goes on from it.
  await expect(history).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' })).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
});
