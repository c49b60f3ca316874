import { test, expect, type Page, type BrowserContext } from './fixtures';
import { linkPayload } from './crafted';
import { QuizPage, expectNoAxeViolations } from './pages';
import { readFileSync } from 'node:fs';

/** Trainer builds a quiz of hand-picked questions and returns its link. */
async function buildQuiz(page: Page, opts: { title: string; picks: number }): Promise<string> {
  await page.goto('/trainer');
  await page.getByLabel('Quiz title').fill(opts.title);
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  await page.getByLabel('Instructions for trainees (optional)').fill('Closed book. Finish by Friday.');
  await page.getByRole('checkbox', { name: 'Compounding', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Inventory management', exact: true }).uncheck();
  await page.getByRole('radio', { name: 'Questions I pick' }).check();
  await page.getByLabel('Search questions').fill('PPE');
  const list = page.getByRole('list', { name: 'Questions to pick' });
  await expect(list.getByRole('checkbox').first()).toBeVisible();
  for (let i = 0; i < opts.picks; i++) await list.getByRole('checkbox').nth(i).check();
  await page.getByLabel('Time limit (minutes)').fill('20');
  await page.getByLabel('Pass mark (%)').fill('50');
  await page.getByRole('button', { name: 'Preview as a trainee' }).click();
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText(opts.title);
  await expect(page.getByRole('img', { name: 'QR code of the quiz link' })).toBeVisible();
  await expectNoAxeViolations(page);
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  expect(link).toMatch(/\/take#1\.[A-Za-z0-9_-]+$/);
  return link;
}

async function takeQuiz(context: BrowserContext, link: string, name: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Shared quiz', level: 1 })).toBeVisible();
  const intro = page.getByRole('region', { name: /Hazardous drugs check/ });
  await expect(intro).toContainText('From Dana Whitfield');
  await expect(intro).toContainText('Closed book. Finish by Friday.');
  await expect(intro).toContainText(/Questions\s*3/);
  await expect(intro).toContainText(/Pass mark\s*50 %/);
  await expect(intro).toContainText(/Time limit\s*20:00/);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start' }).click();
  const quiz = new QuizPage(page);
  await expect(quiz.progress()).toHaveText('Question 1 of 3');
  for (let i = 1; i <= 3; i++) {
    await quiz.answer();
    if (i < 3) await quiz.next();
  }
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await expect(page.getByRole('heading', { name: 'Send your result to Dana Whitfield' })).toBeVisible();
  await expect(page.getByText(/Results are self-reported/)).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Staff ID (optional)').fill('T-1');
  await page.getByRole('button', { name: 'Create my result' }).click();
  await expect(page.getByRole('region', { name: 'Certificate' })).toContainText(name);
  await expectNoAxeViolations(page);
  return page.getByRole('textbox', { name: 'Result link' }).inputValue();
}

test('trainer → trainee → trainer: link, result link, roster, CSV', async ({ browser }, testInfo) => {
  const trainerCtx = await browser.newContext();
  const trainer = await trainerCtx.newPage();
  const link = await buildQuiz(trainer, { title: 'Hazardous drugs check', picks: 3 });

  // Two trainees in fresh browsers (empty storage) get the same questions.
  const traineeA = await browser.newContext();
  const traineeB = await browser.newContext();
  const resultA = await takeQuiz(traineeA, link, 'Sam Lee');
  const resultB = await takeQuiz(traineeB, link, '=Robin "Bobby" Diaz');
  const stemsOf = async (ctx: BrowserContext) => {
    const p = ctx.pages()[0];
    await p.goto('/history');
    await p.getByRole('link', { name: /^Review the quiz/ }).click();
    // The review renders once the bank has loaded; wait for it before reading.
    await expect(p.locator('.review-item')).toHaveCount(3);
    return p.locator('.review-item > h3').allInnerTexts();
  };
  expect(await stemsOf(traineeA)).toEqual(await stemsOf(traineeB));

  // The trainer opens both result links.
  await trainer.goto(resultA);
  await expect(trainer.getByText(/^Added to your roster: Sam Lee/)).toBeVisible();
  await trainer.goto(resultB);
  await expect(trainer.getByText(/^Added to your roster: =Robin/)).toBeVisible();
  // Opening a link again adds nothing.
  await trainer.goto('/roster');
  await trainer.goto(resultB);
  await expect(trainer.getByText(/Already in your roster/)).toBeVisible();
  await trainer.getByRole('link', { name: 'Open the roster' }).click();
  const section = trainer.getByRole('region', { name: 'Hazardous drugs check' });
  await expect(section.getByRole('row')).toHaveCount(3);
  await expect(section).toContainText('2 results');
  await expect(trainer.getByRole('heading', { name: 'Questions most trainees missed' })).toBeVisible();
  await expectNoAxeViolations(trainer);
  // Sort by name.
  await section.getByRole('button', { name: 'Name' }).click();
  await expect(section.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(section.getByRole('row').nth(1)).toContainText('=Robin');

  const [download] = await Promise.all([trainer.waitForEvent('download'), section.getByRole('button', { name: /Export CSV/ }).click()]);
  const file = testInfo.outputPath('results.csv');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('"Trainee","Staff ID"');
  expect(lines.slice(1).some(l => l.includes('"Sam Lee","T-1"'))).toBe(true);
  // Formula neutralised, quotes doubled.
  expect(lines.slice(1).some(l => l.includes('"\'=Robin ""Bobby"" Diaz"'))).toBe(true);

  const [xapi] = await Promise.all([trainer.waitForEvent('download'), section.getByRole('button', { name: 'Export xAPI statements' }).click()]);
  const statements = JSON.parse(readFileSync(await xapi.path(), 'utf8'));
  expect(statements.filter((s: any) => s.verb.display['en-US'] === 'completed')).toHaveLength(2);
  expect(statements.filter((s: any) => s.verb.display['en-US'] === 'answered')).toHaveLength(6);

  // Remove an entry.
  await section.getByRole('button', { name: 'Remove Sam Lee' }).click();
  await expect(section.getByRole('row')).toHaveCount(2);
});

test('quiz and result files, the QR code, and tampered or oversized links', async ({ browser }, testInfo) => {
  const trainerCtx = await browser.newContext();
  const trainer = await trainerCtx.newPage();
  const link = await buildQuiz(trainer, { title: 'Hazardous drugs check', picks: 3 });
  await expect(trainer.locator('.qr-code svg')).toBeVisible();
  const [quizDownload] = await Promise.all([trainer.waitForEvent('download'), trainer.getByRole('button', { name: 'Download quiz file' }).click()]);
  expect(quizDownload.suggestedFilename()).toBe('hazardous-drugs-check.pharmquiz.json');
  const quizFile = testInfo.outputPath('quiz.pharmquiz.json');
  await quizDownload.saveAs(quizFile);

  // A trainee opens the file instead of the link.
  const trainee = await (await browser.newContext()).newPage();
  await trainee.goto('/take');
  await trainee.getByLabel('Open a quiz file (.pharmquiz.json)').setInputFiles(quizFile);
  await expect(trainee.getByRole('region', { name: /Hazardous drugs check/ })).toContainText('From Dana Whitfield');
  await trainee.getByRole('button', { name: 'Start' }).click();
  const quiz = new QuizPage(trainee);
  for (let i = 1; i <= 3; i++) {
    await quiz.answer();
    if (i < 3) await quiz.next();
  }
  await trainee.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await trainee.getByLabel('Your name').fill('Alex Kim');
  await trainee.getByRole('button', { name: 'Create my result' }).click();
  const [resultDownload] = await Promise.all([trainee.waitForEvent('download'), trainee.getByRole('button', { name: 'Download result file' }).click()]);
  const resultFile = testInfo.outputPath('result.json');
  await resultDownload.saveAs(resultFile);

  await trainer.goto('/roster');
  const tampered = readFileSync(resultFile, 'utf8').replace('"Alex Kim"', '"Alex Kimm"');
  await trainer.getByLabel(/Result files/).setInputFiles([
    { name: 'result.pharmquiz-result.json', mimeType: 'application/json', buffer: readFileSync(resultFile) },
    { name: 'edited.pharmquiz-result.json', mimeType: 'application/json', buffer: Buffer.from(tampered) },
  ]);
  await expect(trainer.getByRole('alert')).toContainText('1 result added. "edited.pharmquiz-result.json" was not added: The link has been changed or cut short');
  await expect(trainer.getByRole('region', { name: 'Hazardous drugs check' })).toContainText('Alex Kim');

  // Tampered, truncated, newer and oversized quiz links get clear messages.
  const payload = link.split('#')[1];
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const cases: [string, RegExp][] = [
    [flip(payload, 20), /changed or cut short|damaged/],
    [payload.slice(0, payload.length - 6), /changed or cut short|damaged/],
    ['9' + payload.slice(1), /newer version of PharmQuiz/],
    ['1.' + 'A'.repeat(17000), /too long to be a PharmQuiz link/],
  ];
  for (const [p, message] of cases) {
    await trainee.goto('/');
    await trainee.goto(`/take#${p}`);
    await expect(trainee.getByRole('alert')).toContainText(message);
    await expect(trainee.getByRole('button', { name: 'Start' })).toHaveCount(0);
  }
  await expectNoAxeViolations(trainee);
  // A tampered result link.
  await trainer.goto('/result#1.AAAAAAAAAAAA');
  await expect(trainer.getByRole('alert')).toContainText("This result link can't be opened");
});

test('a link naming a question no longer in its bank says which, and runs the rest', async ({ page }) => {
  const quiz = {
    title: 'Old quiz', trainer: 'Dana Whitfield',
    selection: { picked: ['hazardous-drugs/hd-001', 'hazardous-drugs/hd-999'] },
    fixed_order: true, mode: 'practice', pass_mark: 70, seed: 7, bank_versions: { 'hazardous-drugs': 1 },
  };
  const payload = linkPayload(quiz);
  await page.goto(`/take#${payload}`);
  const intro = page.getByRole('region', { name: 'Old quiz' });
  await expect(intro).toContainText('Question hd-999 is no longer in the Hazardous drugs bank, so the quiz runs without it.');
  await expect(intro).toContainText(/The Hazardous drugs bank has been updated since this quiz was made \(version 1 → \d+\)/);
  await expect(intro).toContainText(/Questions\s*1/);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(new QuizPage(page).progress()).toHaveText('Question 1 of 1');
});

test('unticking a bank drops its ticked topics from the question picker too', async ({ page }) => {
  await page.goto('/trainer');
  await page.getByRole('checkbox', { name: 'Inventory management', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: /^Calculations: alligation/ }).check();
  await page.getByRole('radio', { name: 'Questions I pick' }).check();
  const list = page.getByRole('list', { name: 'Questions to pick' });
  await expect(list.getByRole('checkbox')).toHaveCount(8);
  // Compounding goes; its topic no longer filters Hazardous drugs to nothing.
  await page.getByRole('checkbox', { name: 'Compounding', exact: true }).uncheck();
  // Every Hazardous drugs question matches (the list shows the first 50).
  await expect(list.getByRole('checkbox')).toHaveCount(50);
  await expect(page.getByText(/^0 picked · \d{3} matches \(first 50 shown/)).toBeVisible();
});
