// Page objects for flows the specs repeat. Selectors are by role and label,
// so the tests also check that controls have accessible names.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const BANKS = ['Compounding', 'Hazardous drugs', 'Inventory management'] as const;

/** Fails the test on any axe violation of WCAG 2.0/2.1/2.2 A and AA. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

export class HomePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  card(bank: string) {
    return this.page.getByRole('article', { name: bank });
  }

  async startQuizOn(bank: string) {
    await this.page.getByRole('link', { name: `Start a quiz on ${bank}` }).click();
    await expect(this.page.getByRole('heading', { name: 'New quiz' })).toBeVisible();
  }
}

export class SetupPage {
  constructor(readonly page: Page) {}

  async configure(opts: { count: number; mode: 'practice' | 'exam'; minutes?: number; passMark?: number }) {
    const p = this.page;
    // Wait for the topic list: the bank has loaded.
    await expect(p.getByText(/questions available with these choices/)).not.toHaveText(/^0 /);
    await p.getByLabel('Number of questions').fill(String(opts.count));
    await p.getByRole('radio', { name: opts.mode === 'exam' ? /^Exam/ : /^Practice/ }).check();
    if (opts.minutes !== undefined) await p.getByLabel('Time limit (minutes)').fill(String(opts.minutes));
    if (opts.passMark !== undefined) await p.getByLabel('Pass mark (%)').fill(String(opts.passMark));
  }

  async start() {
    await this.page.getByRole('button', { name: 'Start quiz' }).click();
    await expect(this.page).toHaveURL(/\/quiz\/1$/);
  }
}

export class QuizPage {
  constructor(readonly page: Page) {}

  progress() {
    return this.page.getByText(/^Question \d+ of \d+$/);
  }

  stem() {
    return this.page.locator('.stem');
  }

  /** Gives some answer to the question on screen and returns what was given. */
  async answer(): Promise<string> {
    const p = this.page;
    const number = p.getByLabel(/^Your answer/);
    // count() does not wait, so first wait until some answer control is on screen.
    await expect(number.or(p.getByRole('checkbox')).or(p.getByRole('radio')).or(p.getByRole('combobox')).first()).toBeVisible();
    if (await number.count()) {
      await number.fill(' 1.50 ');
      return '1.50';
    }
    const selects = p.getByRole('combobox');
    if (await selects.count()) {
      for (const s of await selects.all()) await s.selectOption({ index: 1 });
      return 'first answers';
    }
    const boxes = p.getByRole('checkbox');
    if (await boxes.count()) {
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      return 'two boxes';
    }
    const radio = p.getByRole('radio').first();
    await radio.check();
    return (await radio.getAttribute('value')) ?? '';
  }

  async checkAnswer(): Promise<boolean> {
    await this.page.getByRole('button', { name: 'Check answer' }).click();
    const feedback = this.page.getByRole('region', { name: 'Feedback' });
    await expect(feedback).toBeVisible();
    await expect(feedback).toContainText('Correct answer:');
    await expect(feedback).toContainText('Source:');
    return (await feedback.getByRole('heading').innerText()).includes('✓');
  }

  async next() {
    await this.page.getByRole('button', { name: 'Next' }).click();
  }
}

export class ResultsPage {
  constructor(readonly page: Page) {}

  async expectScore(correct: number | null, total: number) {
    await expect(this.page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
    const text = correct === null ? new RegExp(`\\d+ of ${total} correct`) : new RegExp(`^${correct} of ${total} correct`);
    await expect(this.page.getByText(text)).toBeVisible();
  }

  reviewItems() {
    return this.page.locator('.review-item');
  }
}

/** Runs a whole practice quiz of `count` questions and returns how many the app said were right. */
/** From the home page: sets up a quiz on one bank and starts it. */
export async function startQuiz(page: Page, bank: string, options: Parameters<SetupPage['configure']>[0]): Promise<QuizPage> {
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn(bank);
  const setup = new SetupPage(page);
  await setup.configure(options);
  await setup.start();
  return new QuizPage(page);
}

export async function practiceQuiz(page: Page, bank: string, count: number): Promise<number> {
  const quiz = await startQuiz(page, bank, { count, mode: 'practice' });
  let right = 0;
  for (let i = 1; i <= count; i++) {
    await expect(quiz.progress()).toHaveText(`Question ${i} of ${count}`);
    await quiz.answer();
    if (await quiz.checkAnswer()) right++;
    if (i < count) await quiz.next();
  }
  await page.getByRole('button', { name: 'See results' }).click();
  return right;
}

/** Imports a backup file on the Backup and restore page. */
export async function importBackup(page: Page, name: string, buffer: Buffer) {
  await page.goto('/data');
  await expect(page.getByRole('heading', { name: 'Backup and restore', level: 1 })).toBeVisible();
  await page.getByLabel('Backup file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer });
}

/** The import section of "Your own questions" (/banks). */
export class ImportPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/banks');
    await expect(this.page.getByRole('heading', { name: 'Import questions' })).toBeVisible();
  }

  /** Picks a file with the file picker and waits for the report. */
  async choose(name: string, text: string) {
    await this.page.getByLabel(/^File to import/).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    await expect(this.report()).toBeVisible();
  }

  report() {
    return this.page.getByRole('region', { name: /^Import report/ });
  }

  async add() {
    await this.report().getByRole('button', { name: /^Add \d+ question/ }).click();
  }
}
