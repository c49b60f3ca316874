// What a user sees when data from outside is wrong: a backup carrying a
// bank with a built-in bank's id, links with impossible numbers, backups
// that are too large or can't be saved, and "Clear all data" over records
// dated in the future.
import { test, expect, type Page } from './fixtures';
import { DAY, attempt, backupFile, linkPayload, siteBank } from './crafted';
import { importBackup } from './pages';

const IN_2096 = 3.98e12;


test('a backup bank with a built-in bank\'s id is refused and named; the rest of the backup is imported', async ({ page }) => {
  const now = Date.now();
  const doc = { version: 4, attempts: [attempt('b1', now - DAY)] };
  const banks = [
    { text: siteBank('hazardous-drugs', 'Fake hazardous drugs'), added_at: now - DAY },
    { text: siteBank('site-sop', 'Site procedures'), added_at: now - DAY },
  ];
  await importBackup(page, 'with-banks.json', backupFile(doc, banks));
  // (The notice area is a status region too.)
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported "with-banks.json": 1 new quiz result and 1 question bank of your own added; nothing already here was changed or lost.');
  await expect(page.getByRole('alert')).toHaveText('The question bank "hazardous-drugs" in this backup was not imported: The bank id "hazardous-drugs" belongs to a built-in bank. Give your bank its own id.');

  // The built-in bank is untouched everywhere; the good bank is there.
  await page.goto('/');
  await expect(page.getByRole('article', { name: 'Site procedures' })).toContainText('2 questions');
  await expect(page.getByRole('article', { name: 'Hazardous drugs' })).toHaveCount(1);
  await page.getByRole('link', { name: 'Start a quiz on Hazardous drugs' }).click();
  await expect(page.getByText(/questions available with these choices/)).not.toHaveText(/^0 /);
  await expect(page.getByText(/belongs to a built-in bank/)).toHaveCount(0);
  await page.goto('/history');
  await expect(page.getByRole('row')).toHaveCount(2);
  const stored = await page.evaluate(() => localStorage.getItem('pharmquiz.custom-banks') ?? '');
  expect(stored).not.toContain('Fake hazardous drugs');
});

test('a stored bank with a built-in bank\'s id (from an older version) is set aside and never shadows the built-in bank', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(text => localStorage.setItem('pharmquiz.custom-banks', JSON.stringify({
    version: 1, banks: [{ text, added_at: 1.7e12 }],
  })), siteBank('hazardous-drugs', 'Fake hazardous drugs'));
  await page.reload();
  await expect(page.getByRole('article', { name: 'Hazardous drugs' })).toContainText('124 questions');
  await expect(page.getByText(/belongs to a built-in bank/)).toHaveCount(0);
  for (const path of ['/setup?bank=hazardous-drugs', '/trainer', '/review', '/progress']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(/belongs to a built-in bank/)).toHaveCount(0);
  }
  // It is kept and named where added banks are managed.
  await page.goto('/banks');
  await expect(page.getByRole('article', { name: 'hazardous-drugs' }).getByRole('alert')).toContainText('belongs to a built-in bank');
  expect(await page.evaluate(() => localStorage.getItem('pharmquiz.custom-banks'))).toContain('Fake hazardous drugs');
});

test('a result link with an impossible score gives a clear error and adds nothing', async ({ page }) => {
  const result = (score: number[]) => ({
    quiz: { quiz_id: 'q1', title: 'Week 1', trainer: 'Dana' },
    trainee: 'Sam Lee', finished_at: Date.now() - DAY, duration_secs: 600,
    score, passed: true, pass_mark: 80, by_tag: {}, answers: [],
  });
  await page.goto('/result#' + linkPayload(result([4294967295, 1])));
  await expect(page.getByRole('alert')).toHaveText("This result link can't be opened. It holds an impossible value: the result's score is larger than its number of questions (4294967295 of 1). Ask for it to be sent again from PharmQuiz.");
  await expect(page.getByText(/4294967196 %/)).toHaveCount(0);
  await page.goto('/result#' + linkPayload(result([3e9, 4e9])));
  await expect(page.getByRole('alert')).toContainText("the result's score counts 4000000000 questions, more than the 10000 a quiz can have");
  await page.goto('/roster');
  await expect(page.getByText(/^No results yet/)).toBeVisible();
});

test('a quiz link with pass mark 255 gives a clear error instead of a quiz', async ({ page }) => {
  const quiz = {
    title: 'Week 1', trainer: 'Dana', selection: { picked: ['hazardous-drugs/hd-001'] },
    mode: 'exam', pass_mark: 255, seed: 1, bank_versions: { 'hazardous-drugs': 2 },
  };
  await page.goto('/take#' + linkPayload(quiz));
  await expect(page.getByRole('alert')).toHaveText("It holds an impossible value: the quiz's pass mark is 255 %, but a pass mark is 0 to 100 %. Ask for it to be sent again from PharmQuiz.");
  await expect(page.getByText(/Pass mark 255/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0);
});

test('clear all data deletes records dated in the future, and they stay deleted after a reload', async ({ page }) => {
  // A backup dated 2096 is refused now…
  await importBackup(page, 'future.json', backupFile({ version: 4, attempts: [attempt('f1', IN_2096)] }));
  await expect(page.getByRole('alert')).toHaveText('"future.json" was not imported. This backup holds an impossible value: the date of attempt f1 is in the future (after tomorrow\'s date). Nothing was imported.');
  // …but an older version stored such records: an attempt and a flag in 2096.
  await page.evaluate(doc => localStorage.setItem('pharmquiz.progress', JSON.stringify(doc)), {
    version: 4, attempts: [attempt('f1', IN_2096)], flags: { 'hazardous-drugs/hd-001': [true, IN_2096] },
  });
  await page.goto('/history');
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.goto('/data');
  await page.getByRole('button', { name: 'Clear all data…' }).click();
  await page.getByRole('alertdialog', { name: 'Delete everything?' }).getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'deleted' })).toHaveText('All PharmQuiz data in this browser has been deleted.');
  for (let i = 0; i < 2; i++) {
    await page.goto('/history');
    await expect(page.getByText(/^No finished quizzes yet/)).toBeVisible();
    await page.goto('/review');
    await expect(page.getByText(/^No flagged questions/)).toBeVisible();
    await page.reload();
  }
  const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('pharmquiz.progress')!));
  expect(doc.attempts).toEqual([]);
  expect(doc.flags).toEqual({});
});

test('a backup over 5 MB is refused with the limit, and an import that can\'t be saved is not reported as imported', async ({ page }) => {
  await importBackup(page, 'huge.json', Buffer.alloc(10 * 1024 * 1024, 0x20));
  await expect(page.getByRole('alert')).toHaveText('"huge.json" was not imported. This file is 10.0 MB; a backup can be at most 5 MB. Browsers keep about 5 MB of data for each site, so a larger backup could not be stored here.');

  const before = await page.evaluate(() => localStorage.getItem('pharmquiz.progress'));
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'pharmquiz.progress') throw new DOMException('quota', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  const now = Date.now();
  await page.getByLabel('Backup file (.json)').setInputFiles({
    name: 'good.json', mimeType: 'application/json',
    buffer: backupFile({ version: 4, attempts: [attempt('g1', now - DAY)] }, [{ text: siteBank('site-sop', 'Site procedures'), added_at: now - DAY }]),
  });
  await expect(page.getByRole('alert')).toHaveText('"good.json" was not imported: it could not be saved (the browser\'s storage for this site is full). Nothing from it was kept, and your data is as it was before.');
  await expect(page.getByText(/Imported/)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('pharmquiz.progress'))).toBe(before);
  expect(await page.evaluate(() => localStorage.getItem('pharmquiz.custom-banks'))).not.toContain('Site procedures');
  await page.goto('/history');
  await expect(page.getByText(/^No finished quizzes yet/)).toBeVisible();
});
