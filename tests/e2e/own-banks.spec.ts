import { test, expect, type Page } from './fixtures';
import { readFileSync, writeFileSync } from 'node:fs';
import { HomePage, QuizPage, SetupPage, expectNoAxeViolations, practiceQuiz, startQuiz } from './pages';

const BUILT_IN = ['Compounding', 'Hazardous drugs', 'Inventory management'];

/** The example bank, downloaded from the page and renamed. */
async function exampleBank(page: Page, id: string, title: string): Promise<string> {
  await page.goto('/banks');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download an example bank' }).click()]);
  expect(dl.suggestedFilename()).toBe('my-pharmacy.toml');
  const example = readFileSync(await dl.path(), 'utf8');
  return example.replace('id = "my-pharmacy"', `id = "${id}"`).replace('title = "My pharmacy\'s questions"', `title = "${title}"`);
}

/** Trainer page: a random quiz of `count` questions from one added bank. */
async function buildFrom(page: Page, bank: string, count: number) {
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill(`${bank} check`);
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  for (const b of BUILT_IN) await page.getByRole('checkbox', { name: b, exact: true }).uncheck();
  await expect(page.getByRole('checkbox', { name: bank, exact: true })).toBeChecked();
  await page.getByLabel('Number of questions').fill(String(count));
}

/** A trainee answers every question of the shared quiz on screen and sends the result. */
async function finishShared(page: Page, count: number): Promise<string> {
  await page.getByRole('button', { name: 'Start' }).click();
  const quiz = new QuizPage(page);
  await expect(quiz.progress()).toHaveText(`Question 1 of ${count}`);
  for (let i = 1; i <= count; i++) {
    await quiz.answer();
    if (i < count) await quiz.next();
  }
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await page.getByLabel('Your name').fill('Sam Lee');
  await page.getByRole('button', { name: 'Create my result' }).click();
  return page.getByRole('textbox', { name: 'Result link' }).inputValue();
}

test('a trainer adds their own bank, studies it, and shares a quiz that carries it to a trainee', async ({ browser }, testInfo) => {
  const page = await (await browser.newContext()).newPage();
  const ours = await exampleBank(page, 'site-sop', 'Site procedures');
  const bad = testInfo.outputPath('broken.toml');
  writeFileSync(bad, ours.replace('answer = "A"', 'answer = "F"').replace('tags = ["calc-percent"]', 'tags = ["no-such-topic"]'));
  const good = testInfo.outputPath('site.toml');
  // With a topic of its own as well as a built-in one.
  writeFileSync(good, ours
    .replace('version = 1', 'version = 1\ntopics = [{ id = "site-sop", label = "Our procedures" }]')
    .replace('tags = ["inv-storage"]', 'tags = ["inv-storage", "site-sop"]'));

  // A bank with problems is refused, each problem named with its line.
  await page.getByLabel('Bank files (.toml)').setInputFiles(bad);
  const refused = page.getByRole('alert').filter({ hasText: '"broken.toml" was not added' });
  await expect(refused).toContainText('The bank has 2 problems');
  await expect(refused.getByRole('listitem').first()).toContainText(/^broken\.toml, line \d+, question `mine-001`/);
  await expect(refused).toContainText('no-such-topic');
  await expect(page.getByText('You have not added any banks yet.')).toBeVisible();

  await page.getByLabel('Bank files (.toml)').setInputFiles(good);
  await expect(page.getByRole('status').filter({ hasText: 'Added "Site procedures" (2 questions).' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Site procedures' })).toContainText(/2 questions · version 1 · id site-sop/);
  await expectNoAxeViolations(page);

  // It is a bank like the built-in ones, also after a reload, with its own topic.
  await page.reload();
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('Site procedures');
  await expect(page.getByRole('checkbox', { name: /^Our procedures/ })).toBeVisible();
  await practiceQuiz(page, 'Site procedures', 2);
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();

  // A small bank fits in the link itself.
  await buildFrom(page, 'Site procedures', 2);
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  expect(link).toMatch(/\/take#1\./);

  const trainee = await (await browser.newContext()).newPage();
  await trainee.goto(link);
  await expect(trainee.getByRole('region', { name: /Site procedures check/ })).toContainText('From Dana Whitfield');
  const result = await finishShared(trainee, 2);
  // The trainee keeps the bank, so their history can show the questions.
  await trainee.goto('/');
  await expect(trainee.getByRole('article', { name: 'Site procedures' })).toContainText('2 questions');
  await trainee.goto('/history');
  await trainee.getByRole('link', { name: /^Review the quiz/ }).click();
  await expect(trainee.locator('.review-item > h3')).toHaveCount(2);
  await expect(trainee.getByText(/controlled room temperature/).first()).toBeVisible();

  // The trainer's roster shows the result with the bank's questions.
  await page.goto(result);
  await expect(page.getByText(/^Added to your roster: Sam Lee/)).toBeVisible();
  await page.getByRole('link', { name: 'Open the roster' }).click();
  await expect(page.getByRole('region', { name: 'Site procedures check' }).getByRole('row')).toHaveCount(2);

  // Adding the bank again with changes replaces it; a trainee who has the
  // old copy is told the quiz brings a new one.
  const updated = testInfo.outputPath('site-v2.toml');
  writeFileSync(updated, readFileSync(good, 'utf8').replace('version = 1', 'version = 2').replace('Questions for new starters', 'Questions for all staff'));
  await page.goto('/banks');
  await page.getByLabel('Bank files (.toml)').setInputFiles(updated);
  await expect(page.getByRole('status').filter({ hasText: 'Updated "Site procedures" (2 questions).' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Site procedures' })).toContainText('version 2');
  await buildFrom(page, 'Site procedures', 2);
  await trainee.goto(await page.getByRole('textbox', { name: 'Quiz link' }).inputValue());
  await expect(trainee.getByText('This quiz brings its own copy of the bank "Site procedures": starting it replaces the copy of that bank in this browser.')).toBeVisible();

  // Removing the bank asks first, then takes it off the home page.
  await page.goto('/banks');
  const card = page.getByRole('article', { name: 'Site procedures' });
  await card.getByRole('button', { name: 'Remove Site procedures' }).click();
  await card.getByRole('button', { name: 'Remove bank' }).click();
  await expect(page.getByText('You have not added any banks yet.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('article', { name: 'Compounding' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Site procedures' })).toHaveCount(0);
});

test('a bank with answer cues is added with its warnings listed; pairs that must not meet and dated facts reach the learner', async ({ page }, testInfo) => {
  const head = (await exampleBank(page, 'cue-bank', 'Cue bank')).split('[[questions]]')[0]
    .replace('version = 1', 'version = 1\ntopics = [{ id = "dated", label = "Dated facts" }]');
  const citation = 'citation = { source = "Site SOP", section = "1", edition = "2026" }';
  const file = testInfo.outputPath('cues.toml');
  writeFileSync(file, `${head}
[[questions]]
id = "cue-001"
valid_until = 2021-06-30
type = "single"
difficulty = "easy"
tags = ["inv-storage"]
stem = "Which gloves do we wear to unpack deliveries?"
options = ["Chemotherapy gloves tested to ASTM D6978", "Vinyl examination pair", "Latex surgical pair"]
answer = "A"
explanation = "Our SOP requires chemotherapy gloves."
${citation}

[[questions]]
id = "cue-002"
excludes = ["cue-001"]
as_of = 2026-11-27
type = "true_false"
difficulty = "easy"
tags = ["dated"]
stem = "True or false: our receiving area has a spill kit."
answer = true
explanation = "The kit hangs beside the door."
${citation}

[[questions]]
id = "cue-003"
type = "true_false"
difficulty = "easy"
tags = ["inv-storage"]
stem = "True or false: deliveries may wait in the corridor."
answer = false
explanation = "They go straight to receiving."
${citation}
`);

  // Added anyway, with the warnings listed in plain words under the message.
  await page.getByLabel('Bank files (.toml)').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Added "Cue bank" (3 questions).' })).toBeVisible();
  const suggestions = page.getByRole('region', { name: 'Suggestions for "Cue bank"' });
  await expect(suggestions).toContainText('The bank was added, and can be used as it is. PharmQuiz noticed 3 things worth a look');
  const items = suggestions.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveText(/^Question `cue-001` \(line \d+\): only the answer repeats a word of the question \("glove"\), so it can be spotted without knowing the subject$/);
  await expect(items.nth(1)).toContainText('the answer is much longer than the other options');
  await expect(items.nth(2)).toHaveText(/^Question `cue-001` \(line \d+\): `valid_until = 2021-06-30` has passed/);
  await expect(page.getByRole('article', { name: 'Cue bank' })).toContainText('3 questions');
  await expectNoAxeViolations(page);

  // A quiz of all three can hold only two: cue-001 and cue-002 never meet.
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('Cue bank');
  const setup = new SetupPage(page);
  await setup.configure({ count: 3, mode: 'practice' });
  await setup.start();
  const quiz = new QuizPage(page);
  await expect(quiz.progress()).toHaveText('Question 1 of 2');
  await expect(page.getByText("This quiz has 2 questions, not 3: some questions in this selection give away each other's answers, so they are never asked together.")).toBeVisible();

  // The dated fact says so in the question and on the review.
  await home.open();
  await home.startQuizOn('Cue bank');
  await page.getByRole('checkbox', { name: /^Dated facts/ }).check();
  await setup.configure({ count: 1, mode: 'practice' });
  await setup.start();
  await expect(quiz.stem()).toHaveText('True or false: our receiving area has a spill kit.');
  await expect(page.getByText('As of 27 November 2026')).toBeVisible();
  await quiz.answer();
  await quiz.checkAnswer();
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.locator('.review-item')).toContainText('As of 27 November 2026');
});

test('a quiz carrying a large bank of your own travels as a file', async ({ browser }, testInfo) => {
  const page = await (await browser.newContext()).newPage();
  const head = (await exampleBank(page, 'big-site', 'Big site bank')).split('[[questions]]')[0];
  // 250 true/false questions with varied wording: too much for a link.
  const words = (i: number) => Array.from({ length: 12 }, (_, k) => ((i * 7919 + k * 104729) % 1_000_003).toString(36)).join(' ');
  const questions = Array.from({ length: 250 }, (_, i) => `
[[questions]]
id = "big-${i}"
type = "true_false"
difficulty = "easy"
tags = ["inv-storage"]
stem = "True or false: statement ${i} about ${words(i)} is in our SOP."
answer = true
explanation = "Our SOP lists ${words(i + 1)}."
citation = { source = "Site SOP", section = "${i}", edition = "2026" }
`).join('');
  const file = testInfo.outputPath('big.toml');
  writeFileSync(file, head + questions);
  await page.getByLabel('Bank files (.toml)').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Added "Big site bank" (250 questions).' })).toBeVisible();

  await buildFrom(page, 'Big site bank', 3);
  await expect(page.getByText(/too large for a link or QR code/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Quiz link' })).toHaveCount(0);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download quiz file' }).click()]);
  const quizFile = testInfo.outputPath('big.pharmquiz.json');
  await dl.saveAs(quizFile);
  await expectNoAxeViolations(page);

  const trainee = await (await browser.newContext()).newPage();
  await trainee.goto('/take');
  await trainee.getByLabel('Open a quiz file (.pharmquiz.json)').setInputFiles(quizFile);
  await expect(trainee.getByRole('region', { name: /Big site bank check/ })).toContainText('From Dana Whitfield');
  await finishShared(trainee, 3);
  await expect(trainee.getByRole('region', { name: 'Certificate' })).toContainText('Sam Lee');
});

test('a backup carries your own banks, and clearing all data removes them', async ({ page }, testInfo) => {
  const ours = await exampleBank(page, 'site-sop', 'Site procedures');
  const file = testInfo.outputPath('site.toml');
  writeFileSync(file, ours);
  await page.getByLabel('Bank files (.toml)').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Added "Site procedures"' })).toBeVisible();
  await startQuiz(page, 'Site procedures', { count: 1, mode: 'exam' });

  await page.goto('/data');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my progress' }).click()]);
  const backup = testInfo.outputPath('backup.json');
  await dl.saveAs(backup);
  await page.getByRole('button', { name: 'Clear all data…' }).click();
  await page.getByRole('alertdialog', { name: 'Delete everything?' }).getByRole('button', { name: 'Delete everything' }).click();
  await page.goto('/banks');
  await expect(page.getByText('You have not added any banks yet.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('article', { name: 'Compounding' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Quiz in progress' })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('pharmquiz.quiz'))).toBeNull();

  await page.goto('/data');
  await page.getByLabel('Backup file (.json)').setInputFiles(backup);
  await expect(page.getByRole('status').filter({ hasText: /0 new quiz results and 1 question bank of your own added/ })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('article', { name: 'Site procedures' })).toContainText('2 questions');
});

test('a saved bank that fails its checks, or unreadable saved banks, are reported without breaking other pages', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('pharmquiz.custom-banks', JSON.stringify({
    version: 1, banks: [{ text: 'id = "old-bank"\ntitle = "Old bank"\n', added_at: 1 }],
  })));
  await page.reload();
  await expect(page.getByRole('article', { name: 'old-bank' }).getByRole('alert')).toContainText("This bank has an error and can't be used: The bank has 1 problem: old-bank: the bank has no questions");
  // Pages that list every bank still work (the failing bank is left out).
  await page.goto('/progress');
  await expect(page.getByText(/^No quizzes finished yet/)).toBeVisible();
  await page.goto('/trainer');
  await expect(page.getByRole('checkbox', { name: 'Compounding', exact: true })).toBeVisible();

  // Unreadable saved banks are kept under a backup key and reported.
  await page.evaluate(() => localStorage.setItem('pharmquiz.custom-banks', '{"version":1,"banks":[{'));
  await page.reload();
  await expect(page.getByText(/The question banks you added could not be read/)).toBeVisible();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('pharmquiz.backup.custom-banks.')).map(k => localStorage.getItem(k)));
  expect(kept).toEqual(['{"version":1,"banks":[{']);
});
