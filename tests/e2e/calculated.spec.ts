import { test, expect, type BrowserContext } from './fixtures';
import { HomePage, QuizPage, SetupPage } from './pages';

test('calculated questions in practice: drawn numbers in the stem, worked answer in the explanation, same after reload', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await home.startQuizOn('Compounding');
  await page.getByRole('checkbox', { name: /^Calculations: alligation/ }).check();
  await new SetupPage(page).configure({ count: 5, mode: 'practice' });
  await new SetupPage(page).start();
  const quiz = new QuizPage(page);
  for (let i = 1; i <= 5; i++) {
    const stem = await quiz.stem().innerText();
    expect(stem).not.toContain('{');
    await page.reload();
    await expect(quiz.stem()).toHaveText(stem);
    await quiz.answer();
    await quiz.checkAnswer();
    const feedback = page.getByRole('region', { name: 'Feedback' });
    const text = await feedback.innerText();
    expect(text).not.toContain('{');
    // The key shown is the number the worked solution arrives at.
    const key = /Correct answer: ([\d,.]+)/.exec(text)?.[1];
    expect(key).toBeTruthy();
    expect(text.split('Correct answer:')[1]).toContain(key!);
    if (i < 5) await quiz.next();
  }
});

test('a shared calculated quiz gives every trainee the same numbers', async ({ browser }) => {
  const trainer = await (await browser.newContext()).newPage();
  await trainer.goto('/trainer');
  await trainer.getByLabel('Quiz title').fill('Alligation drill');
  await trainer.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  await trainer.getByRole('checkbox', { name: /^Calculations: alligation/ }).check();
  await trainer.getByLabel('Number of questions').fill('4');
  const link = await trainer.getByRole('textbox', { name: 'Quiz link' }).inputValue();

  const stems = async (ctx: BrowserContext) => {
    const page = await ctx.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Start' }).click();
    const quiz = new QuizPage(page);
    const seen: string[] = [];
    for (let i = 1; i <= 4; i++) {
      seen.push(await quiz.stem().innerText());
      await quiz.answer();
      if (i < 4) await quiz.next();
    }
    // Exam mode: no feedback until submitted; the review shows the same numbers.
    await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
    await expect(page.locator('.review-item')).toHaveCount(4);
    const reviewed = (await page.locator('.review-item > h3').allInnerTexts()).map(t => t.replace(/^\d+\. /, ''));
    expect(reviewed).toEqual(seen);
    return seen;
  };
  const a = await stems(await browser.newContext());
  const b = await stems(await browser.newContext());
  expect(a).toEqual(b);
  expect(a.join(' ')).toMatch(/\d/);
});
