// A keyboard-only learner, start to finish: set up and take a practice quiz,
// then an exam (pause, add time, flag, jump, confirm), read the results and
// work the review page. No mouse: every control is reached with Tab (or
// Shift+Tab) and used with Enter, Space or the arrow keys. After each action
// the test checks where focus landed and what the live regions say, and axe
// scans every state (question, feedback, paused, navigator, dialog open,
// results, review) in both themes.
import { test, expect, type Locator, type Page } from './fixtures';
import { expectNoAxeViolations } from './pages';

const progressLine = (page: Page) => page.locator('.progress-label[aria-live="polite"]');
const announcer = (page: Page) => page.locator('#pq-announce[aria-live="polite"]');
const stem = (page: Page) => page.locator('.stem');
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const questions = (page: Page) => page.getByRole('navigation', { name: 'Questions' });

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never
 * does, which means the control cannot be reached by keyboard. */
async function tabTo(page: Page, target: Locator, backwards = false) {
  await expect(target).toBeVisible();
  for (let i = 0; i < 120; i++) {
    if (await target.evaluate(e => e === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} was not reached with the keyboard`);
}

/** Answers the question on screen with the keys a keyboard user would use;
 * focus starts on the question, and one Tab reaches its first answer. */
async function answerByKeyboard(page: Page) {
  await expect(stem(page)).toBeFocused();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  const kind = await focused.evaluate(e => (e as HTMLInputElement).type);
  if (kind === 'radio' || kind === 'checkbox') {
    await page.keyboard.press('Space');
    await expect(focused).toBeChecked();
  } else {
    await page.keyboard.type('2');
    await expect(focused).toHaveValue('2');
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme} theme: a whole study session by keyboard, with focus, announcements and axe at every step`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.emulateMedia({ colorScheme });

    // Home → set-up.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await tabTo(page, page.getByRole('link', { name: 'Start a quiz on Compounding' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'New quiz', level: 1 })).toBeFocused();
    await expect(page.getByText(/questions available with these choices/)).not.toHaveText(/^0 /);

    // A two-question practice quiz.
    const count = page.getByLabel('Number of questions');
    await tabTo(page, count);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2');
    await expect(count).toHaveValue('2');
    await tabTo(page, page.getByRole('button', { name: 'Start quiz' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/quiz\/1$/);
    await expect(progressLine(page)).toHaveText('Question 1 of 2');
    await expectNoAxeViolations(page); // a question

    for (const n of [1, 2]) {
      await answerByKeyboard(page);
      await tabTo(page, page.getByRole('button', { name: 'Check answer' }));
      await page.keyboard.press('Enter');
      const feedback = page.getByRole('region', { name: 'Feedback' });
      await expect(feedback.getByRole('heading', { level: 3 })).toBeFocused();
      await expect(feedback).toContainText('Correct answer:');
      if (n === 1) {
        await expectNoAxeViolations(page); // feedback
        await tabTo(page, page.getByRole('button', { name: 'Next' }));
        await page.keyboard.press('Enter');
        await expect(progressLine(page)).toHaveText('Question 2 of 2');
      }
    }
    await tabTo(page, page.getByRole('button', { name: 'See results' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeFocused();
    await expect(page.getByText(/^\d of 2 correct/)).toBeVisible();

    // An exam: three questions, five minutes.
    await tabTo(page, mainNav(page).getByRole('link', { name: 'New quiz' }), true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'New quiz', level: 1 })).toBeFocused();
    await expect(page.getByText(/questions available with these choices/)).not.toHaveText(/^0 /);
    await tabTo(page, count);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    // Arrow keys move within the radio group, from Practice to Exam.
    await tabTo(page, page.getByRole('radio', { name: /^Practice/ }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /^Exam/ })).toBeChecked();
    const minutes = page.getByLabel('Time limit (minutes)');
    await tabTo(page, minutes);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('5');
    await expect(minutes).toHaveValue('5');
    await tabTo(page, page.getByRole('button', { name: 'Start quiz' }));
    await page.keyboard.press('Enter');
    await expect(progressLine(page)).toHaveText('Question 1 of 3');
    await answerByKeyboard(page);
    await expect(questions(page).getByRole('button', { name: 'Question 1, answered' })).toBeVisible();

    // Pause: the question is hidden, the status says so, focus stays on the
    // toggle (now Resume); Enter resumes.
    await tabTo(page, page.getByRole('button', { name: 'Pause' }), true);
    await page.keyboard.press('Enter');
    const resume = page.getByRole('button', { name: 'Resume' });
    await expect(resume).toBeFocused();
    await expect(resume).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'Paused' })).toContainText('The clock is stopped and the question is hidden.');
    await expect(stem(page)).toHaveCount(0);
    await expectNoAxeViolations(page); // paused
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
    await expect(stem(page)).toBeVisible();

    // Add 5 minutes: confirmed in the live region.
    await tabTo(page, page.getByRole('button', { name: 'Add 5 minutes' }));
    await page.keyboard.press('Enter');
    await expect(announcer(page)).toHaveText(/^5 minutes added\. Time left (9:[0-5]\d|10:00)\.$/);
    await expect(page.getByRole('timer', { name: 'Exam clock' })).toContainText(/Time left (9:[0-5]\d|10:00)/);

    // Flag, then jump to question 3 from the navigator.
    await tabTo(page, page.getByRole('button', { name: 'Flag for review' }));
    await page.keyboard.press('Enter');
    const flagged = page.getByRole('button', { name: 'Flagged for review' });
    await expect(flagged).toBeFocused();
    await expect(flagged).toHaveAttribute('aria-pressed', 'true');
    await expect(questions(page).getByRole('button', { name: 'Question 1, answered, flagged' })).toBeVisible();
    await expect(questions(page)).toContainText('2 unanswered · 1 flagged');
    await tabTo(page, questions(page).getByRole('button', { name: 'Question 3, unanswered' }));
    await page.keyboard.press('Enter');
    await expect(progressLine(page)).toHaveText('Question 3 of 3');
    await expect(stem(page)).toBeFocused();
    await expectNoAxeViolations(page); // exam question with the navigator

    // Submit: the confirmation takes focus on its safe choice; Escape gives
    // focus back; then Submit anyway.
    const submit = questions(page).getByRole('button', { name: 'Submit exam' });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Submit with unanswered questions?' });
    await expect(dialog).toContainText('2 of 3 questions are unanswered');
    await expect(dialog.getByRole('button', { name: 'Keep working' })).toBeFocused();
    await expectNoAxeViolations(page); // dialog open
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(submit).toBeFocused();
    await page.keyboard.press('Enter');
    await tabTo(page, dialog.getByRole('button', { name: 'Submit anyway' }));
    await page.keyboard.press('Enter');

    // Results: focus on the heading; the review lists every question.
    await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeFocused();
    await expect(page.getByText(/^\d of 3 correct/)).toBeVisible();
    await expect(page.locator('.review-item')).toHaveCount(3);
    await expectNoAxeViolations(page); // results and review

    // The review page: the flagged question is there; removing its flag by
    // keyboard leaves focus on the section's heading.
    // Review is in the whole app, so this is a new document: its title
    // says where the user is, and the first Tab reaches the skip link.
    await tabTo(page, mainNav(page).getByRole('link', { name: 'Review' }), true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/review$/);
    await expect(page).toHaveTitle(/^Review/);
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    const flags = page.getByRole('region', { name: 'Flagged questions' });
    await expect(flags.getByRole('button', { name: /^Remove flag from / })).toHaveCount(1);
    await expectNoAxeViolations(page); // review page with data
    await tabTo(page, flags.getByRole('button', { name: /^Remove flag from / }));
    await page.keyboard.press('Enter');
    await expect(flags.getByRole('button', { name: /^Remove flag/ })).toHaveCount(0);
    await expect(flags.getByRole('heading', { name: 'Flagged questions' })).toBeFocused();
  });
}
