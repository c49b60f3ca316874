import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import { aikenFile, csvFile, giftWithErrors } from './crafted';
import { HomePage, ImportPage, expectNoAxeViolations, startQuiz } from './pages';

test('a GIFT file with errors: the report, keeping the valid part, and a quiz on it', async ({ page }) => {
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose('law.gift', giftWithErrors);
  const report = importer.report();
  // Focus moves to the report's heading, so a screen reader starts there.
  await expect(report.getByRole('heading', { name: 'Import report: law.gift' })).toBeFocused();
  await expect(report).toContainText('Detected format: Moodle GIFT (from the file\'s name and content).');
  await expect(report).toContainText('Read: 1 essay, 1 multiple choice, 1 multiple response, 1 short answer, 1 true/false, 1 unreadable.');
  await expect(report).toContainText('4 questions can be added as the bank "law".');

  const problems = report.getByRole('list').filter({ hasText: 'Line 17' });
  await expect(problems.getByRole('listitem')).toHaveText([
    'Line 11 (note): the stem did not say how many options to select, so "Select TWO." was added to it',
    'Line 15 (skipped): essay questions are not supported (they have no key to mark)',
    'Line 17 (not imported): the `{` that opens the answers is not closed by a `}` before the blank line that ends the question',
    'Line 20 (note): the text after the answers was joined to the text before them with a blank ("_____")',
  ]);
  await expect(report.getByRole('heading', { name: 'Questions without a citation or explanation (4)' })).toBeVisible();
  await expect(report).toContainText('Line 4, question "law-1": no citation');
  await expect(report).toContainText('Line 13, question "law-3": no citation and no explanation');

  // The preview shows each question as it will look, key marked.
  const preview = report.getByRole('list').filter({ hasText: 'Which DEA form is used' });
  await expect(preview.getByRole('listitem').filter({ hasText: /^DEA Form 222 \(key\) — feedback: Right: the official order form.$/ })).toHaveCount(1);
  await expect(report).toContainText('Which drugs are Schedule II? Select TWO.');
  await expect(report).toContainText('DEA Form 106 — feedback: That one reports theft or loss.');
  await expect(report).toContainText('The schedule of codeine cough syrup is _____ .');
  await expect(report).toContainText('Answer: V or five');
  await expectNoAxeViolations(page);

  await report.getByRole('button', { name: 'Add 4 questions (4 marked uncited)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added "law" (4 questions).' })).toBeFocused();
  await expect(page.getByRole('article', { name: 'law' })).toContainText('4 questions');

  // The bank is on the home page, and its questions say they are uncited.
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('law')).toBeVisible();
  const quiz = await startQuiz(page, 'law', { count: 4, mode: 'practice' });
  for (let i = 1; i <= 4; i++) {
    await expect(quiz.progress()).toHaveText(`Question ${i} of 4`);
    await expect(page.getByText(/^Uncited:/).first()).toBeVisible();
    await quiz.answer();
    await quiz.checkAnswer();
    await expect(page.getByRole('region', { name: 'Feedback' })).toContainText('Uncited: imported without a full source or explanation.');
    if (i < 4) await quiz.next();
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
});

test('an Aiken file (dropped on the drop zone) and a semicolon CSV are imported', async ({ page }) => {
  const importer = new ImportPage(page);
  await importer.open();
  // Drag and drop: a file dropped on the zone is read like a chosen one.
  await page.getByText('…or drop a file here.').evaluate((zone, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'storage.txt', { type: 'text/plain' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, aikenFile);
  const report = importer.report();
  await expect(report).toContainText('Detected format: Aiken');
  await expect(report).toContainText('Read: 2 multiple choice.');
  await expect(report.getByRole('listitem').filter({ hasText: /^8 °C to 15 °C \(key\)$/ })).toHaveCount(1);
  await importer.add();
  await expect(page.getByRole('status').filter({ hasText: 'Added "storage" (2 questions).' })).toBeVisible();

  await importer.choose('site.csv', csvFile);
  await expect(report).toContainText('Detected format: CSV');
  await expect(report).toContainText('Which room is ISO Class 7; buffer or ante?');
  await expect(report).not.toContainText('without a citation');
  await expect(report).toContainText('Answer: 5 g');
  await importer.add();
  await expect(page.getByRole('status').filter({ hasText: 'Added "site" (2 questions).' })).toBeVisible();

  // Cancel stores nothing and returns to the picker.
  await importer.choose('again.txt', aikenFile.replaceAll('USP', 'the USP'));
  await report.getByRole('button', { name: 'Cancel' }).click();
  await expect(report).toHaveCount(0);
  await expect(page.getByLabel(/^File to import/)).toBeFocused();
  await expect(page.getByRole('article', { name: 'again' })).toHaveCount(0);

  // The CSV template downloads and imports cleanly.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV template' }).click()]);
  expect(dl.suggestedFilename()).toBe('pharmquiz-questions.csv');
  const template = readFileSync(await dl.path(), 'utf8');
  expect(template.split('\n')[0]).toBe('id,type,difficulty,topic,stem,a,b,c,d,e,f,answer,tolerance,unit,explanation,source,section,edition');
  await importer.choose('pharmquiz-questions.csv', template);
  await expect(report).toContainText('4 questions can be added');
  await expect(report).not.toContainText('Problems');
});

test('a built-in bank exported to GIFT imports back with the same questions', async ({ page }) => {
  const importer = new ImportPage(page);
  await importer.open();
  const exportList = page.getByRole('region', { name: 'Export a bank' });
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to GIFT for Inventory management' }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe('inventory.gift');
  const gift = readFileSync(await dl.path(), 'utf8');
  expect(gift).toContain('// pharmquiz: bank = { id = "inventory"');
  expect(gift).toMatch(/^::inv-001::\[plain\]/m);
  expect(gift).toContain('// pharmquiz: citation = { source = ');

  // Compounding has calculated questions: the page says how they were exported.
  const [calc] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to GIFT for Compounding' }).click(),
  ]);
  expect(readFileSync(await calc.path(), 'utf8')).toContain('calculated question(s) are exported as numeric questions with one drawn set of values');
  await expect(exportList.getByRole('status')).toContainText('calculated questions became numeric questions with one drawn set of values');

  const [toml] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to TOML for Hazardous drugs' }).click(),
  ]);
  expect(readFileSync(await toml.path(), 'utf8')).toMatch(/^id = "hazardous-drugs"/);

  await importer.choose('inventory.gift', gift);
  const report = importer.report();
  await expect(report).toContainText('the bank id `inventory` belongs to a built-in bank, so this copy\'s id is `inventory-imported`');
  await expect(report).not.toContainText('without a citation');
  await expect(report).not.toContainText('(not imported)');
  const count = (gift.match(/^::/gm) ?? []).length;
  await expect(report).toContainText(`${count} questions can be added as the bank "Inventory management".`);
  await importer.add();
  await expect(page.getByRole('status').filter({ hasText: `(${count} questions)` })).toBeVisible();
  await expectNoAxeViolations(page);
});
