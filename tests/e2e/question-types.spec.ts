import { test, expect, type Page, type Locator } from './fixtures';
import { readFileSync } from 'node:fs';
import { giftNewTypes } from './crafted';
import { HomePage, ImportPage, QuizPage, SetupPage, expectNoAxeViolations } from './pages';

/** Presses Tab until `target` has focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 12) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate(el => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Chooses `text` in a focused select with the arrow keys, as a keyboard user does. */
async function chooseByKeyboard(page: Page, select: Locator, text: string) {
  await expect(select).toBeFocused();
  const options = await select.locator('option').allInnerTexts();
  const target = options.indexOf(text);
  expect(target, `"${text}" is offered`).toBeGreaterThan(0);
  const current = await select.evaluate(s => (s as HTMLSelectElement).selectedIndex);
  for (let i = current; i < target; i++) await page.keyboard.press('ArrowDown');
  for (let i = current; i > target; i--) await page.keyboard.press('ArrowUp');
  await expect(select.locator('option:checked')).toHaveText(text);
}

/** Answers the question on screen by keyboard: the short answer right, the
 * matching one with one pair of three right, the choice one with a
 * distractor that has feedback. Returns which question it was. */
async function answerByKeyboard(page: Page, quiz: QuizPage): Promise<'short' | 'matching' | 'choice'> {
  const stem = await quiz.stem().innerText();
  if (stem.startsWith('Which ISO class of air')) {
    const box = page.getByRole('textbox', { name: 'Your answer' });
    await tabTo(page, box);
    await page.keyboard.type('  iso   CLASS 5 ');
    return 'short';
  }
  if (stem.startsWith('Match each area')) {
    // The PEC right; the other two swapped.
    const answers: [string, string][] = [
      ['Inside the PEC', 'ISO Class 5'],
      ['Buffer room', 'ISO Class 8'],
      ['Ante-room that opens only to a positive-pressure buffer room', 'ISO Class 7'],
    ];
    for (const [prompt, answer] of answers) {
      const select = page.getByRole('combobox', { name: prompt, exact: true });
      await tabTo(page, select);
      await chooseByKeyboard(page, select, answer);
    }
    return 'matching';
  }
  const wrong = page.getByRole('radio', { name: 'ISO Class 5' });
  await tabTo(page, page.getByRole('radio').first());
  await page.keyboard.press('Space');
  for (let i = 0; i < 3 && !(await wrong.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(wrong).toBeChecked();
  await expect(wrong).toBeFocused();
  return 'choice';
}

test('short-answer and matching questions: imported from GIFT, practised by keyboard, shared in a link, exported back to GIFT', async ({ page, browser }) => {
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose('areas.gift', giftNewTypes);
  const report = importer.report();
  await expect(report).toContainText('Read: 2 matching, 1 multiple choice, 1 short answer.');
  await expect(report).toContainText('3 questions can be added as the bank "areas".');
  await expect(report.getByRole('listitem').filter({ hasText: /^Line 28/ })).toHaveText(
    'Line 28 (not imported): this matching question has only one pair; a matching question needs 3 to 8 pairs',
  );
  await expect(report).not.toContainText('without a citation');
  // The preview: accepted answers, pairs, and the feedback of each option.
  await expect(report).toContainText('Answer: ISO Class 5 or ISO 5');
  await expect(report).toContainText('Answer: Inside the PEC → ISO Class 5; Buffer room → ISO Class 7; Ante-room that opens only to a positive-pressure buffer room → ISO Class 8');
  await expect(report).toContainText('ISO Class 5 — feedback: That is the class inside the PEC, not the room around it.');
  await expect(report).toContainText('short answer · medium · id iso-pec');
  await expectNoAxeViolations(page);
  await importer.add();
  await expect(page.getByRole('status').filter({ hasText: 'Added "areas" (3 questions).' })).toBeVisible();

  // Practice by keyboard only.
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('areas');
  const setup = new SetupPage(page);
  await setup.configure({ count: 3, mode: 'practice' });
  await setup.start();
  const quiz = new QuizPage(page);
  const seen = new Set<string>();
  for (let i = 1; i <= 3; i++) {
    await expect(quiz.progress()).toHaveText(`Question ${i} of 3`);
    await expect(quiz.stem()).toBeFocused();
    const kind = await answerByKeyboard(page, quiz);
    seen.add(kind);
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole('button', { name: 'Check answer' }));
    await page.keyboard.press('Enter');
    const feedback = page.getByRole('region', { name: 'Feedback' });
    await expect(feedback.getByRole('heading')).toBeFocused();
    if (kind === 'short') {
      await expect(feedback.getByRole('heading')).toHaveText('✓ Correct');
      await expect(feedback).toContainText('Correct answer: ISO Class 5 or ISO 5');
      await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeDisabled();
    } else if (kind === 'matching') {
      await expect(feedback.getByRole('heading')).toHaveText('◐ Partly right');
      await expect(feedback).toContainText('Partly right: 1 of 3 pairs (33 % credit).');
      await expect(feedback).toContainText('Correct answer: Inside the PEC → ISO Class 5; Buffer room → ISO Class 7;');
      await expect(page.getByRole('combobox', { name: 'Buffer room', exact: true })).toBeDisabled();
    } else {
      await expect(feedback.getByRole('heading')).toHaveText('✗ Incorrect');
      await expect(feedback.getByRole('listitem')).toHaveText('You chose “ISO Class 5”: That is the class inside the PEC, not the room around it.');
      await expect(feedback).not.toContainText('Class 8 is for an ante-room');
    }
    await expectNoAxeViolations(page);
    const next = page.getByRole('button', { name: i < 3 ? 'Next' : 'See results' });
    await tabTo(page, next);
    await page.keyboard.press('Enter');
  }
  expect([...seen].sort()).toEqual(['choice', 'matching', 'short']);
  // Partial credit shows on the question; the score counts full credit only.
  await expect(page.getByText(/^1 of 3 correct/)).toBeVisible();
  const review = page.locator('.review-item').filter({ hasText: 'Match each area' });
  await expect(review).toContainText('Your answer: Inside the PEC → ISO Class 5; Buffer room → ISO Class 8; Ante-room that opens only to a positive-pressure buffer room → ISO Class 7');
  await expect(review).toContainText('Partly right: 1 of 3 pairs (33 % credit).');

  // A trainer shares a quiz of these questions; the link carries the bank.
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill('Clean room check');
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  for (const b of ['Compounding', 'Hazardous drugs', 'Inventory management']) {
    await page.getByRole('checkbox', { name: b, exact: true }).uncheck();
  }
  await page.getByRole('checkbox', { name: 'areas', exact: true }).check();
  await page.getByRole('radio', { name: 'Questions I pick' }).check();
  const list = page.getByRole('list', { name: 'Questions to pick' });
  await expect(list.getByRole('checkbox')).toHaveCount(3);
  for (const box of await list.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Preview as a trainee' }).click();
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  expect(link).toMatch(/\/take#1\.[A-Za-z0-9_-]+$/);

  // A trainee in a fresh browser takes it by keyboard in exam mode.
  const trainee = await (await browser.newContext()).newPage();
  await trainee.goto(link);
  await expect(trainee.getByRole('region', { name: /Clean room check/ })).toContainText(/Questions\s*3/);
  await trainee.getByRole('button', { name: 'Start' }).click();
  const taken = new QuizPage(trainee);
  for (let i = 1; i <= 3; i++) {
    await expect(taken.progress()).toHaveText(`Question ${i} of 3`);
    await answerByKeyboard(trainee, taken);
    await expectNoAxeViolations(trainee);
    if (i < 3) {
      await tabTo(trainee, trainee.getByRole('button', { name: 'Next' }), 20);
      await trainee.keyboard.press('Enter');
    }
  }
  await trainee.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await expect(trainee.getByRole('heading', { name: 'Send your result to Dana Whitfield' })).toBeVisible();
  await trainee.getByLabel('Your name').fill('Sam Lee');
  await trainee.getByRole('button', { name: 'Create my result' }).click();
  await expect(trainee.getByRole('region', { name: 'Certificate' })).toContainText('1 of 3');
  await trainee.context().close();

  // Export the imported bank back to GIFT.
  await importer.open();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to GIFT for areas' }).click(),
  ]);
  const gift = readFileSync(await dl.path(), 'utf8');
  expect(gift).toMatch(/^::iso-pec::\[plain\]/m);
  expect(gift).toContain('\t=ISO Class 5\n\t=ISO 5\n\t=%50%Class 5\n');
  expect(gift).toContain('\t=Buffer room -> ISO Class 7\n');
  expect(gift).toContain('\t~ISO Class 5#That is the class inside the PEC, not the room around it.\n');
  // And it imports again with the same questions.
  await importer.choose('areas-again.gift', gift);
  await expect(importer.report()).toContainText('Read: 1 matching, 1 multiple choice, 1 short answer.');
  await expect(importer.report()).not.toContainText('(not imported)');
});
