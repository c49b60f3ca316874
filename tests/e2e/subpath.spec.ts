import { test, expect } from './fixtures';
import { QuizPage, SetupPage } from './pages';

// The build in target/subpath-dist was made with --public-url /pharmquiz/ and
// is served only under that path: any request that forgets the prefix fails.
const base = '/pharmquiz/';

test('hosted under /pharmquiz/: banks load, links keep the prefix, a quiz resumes after reload', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', r => { if (r.status() >= 400) failed.push(r.url()); });
  await page.goto(base);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Compounding' })).toContainText(/\d+ questions/);
  for (const name of ['History', 'Progress', 'Trainer']) {
    await expect(page.getByRole('link', { name, exact: true }).first()).toHaveAttribute('href', new RegExp(`^${base}`));
  }

  await page.getByRole('link', { name: 'Start a quiz on Compounding' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}setup`));
  const setup = new SetupPage(page);
  await setup.configure({ count: 2, mode: 'practice' });
  await setup.start();
  await expect(page).toHaveURL(new RegExp(`${base}quiz/1$`));
  const quiz = new QuizPage(page);
  await quiz.answer();
  await quiz.checkAnswer();
  const stem = await quiz.stem().innerText();

  // A deep link under the prefix loads the app and resumes the quiz.
  await page.reload();
  await expect(quiz.progress()).toHaveText('Question 1 of 2');
  await expect(quiz.stem()).toHaveText(stem);
  await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();

  // A shared quiz link points into the sub-path too, and opens there.
  await page.goto(`${base}trainer`);
  await page.getByLabel('Quiz title').fill('Sub-path check');
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${base}take#1\\.[A-Za-z0-9_-]+$`));
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Shared quiz', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(quiz.progress()).toHaveText(/^Question 1 of \d+$/);
  expect(failed).toEqual([]);
});

test.describe('under /pharmquiz/ without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the pre-rendered pages keep the prefix, and a deep link never shows home', async ({ page }) => {
    await page.goto(base);
    await expect(page.getByRole('article', { name: 'Compounding' })).toContainText(/\d+ questions/);
    await expect(page.getByRole('link', { name: 'Start a quiz on Compounding' })).toHaveAttribute('href', `${base}setup?bank=compounding`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
    await expect(page).toHaveURL(new RegExp(`${base}progress$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your progress');
    await expect(page.locator('.bank-card')).toHaveCount(0);
    await page.goto(`${base}take#1.abc`);
    await expect(page.getByText("Opening your trainer's quiz…")).toBeVisible();
  });
});

test('installable under /pharmquiz/: manifest scope and start URL, worker scope, no installability errors', async ({ browser, request, baseURL }, testInfo) => {
  const manifest = await (await request.get(`${base}manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({ start_url: base, scope: base, display: 'standalone' });
  for (const icon of manifest.icons) {
    const png = await request.get(new URL(icon.src, `${baseURL}${base}manifest.webmanifest`).href);
    expect(png.ok(), icon.src).toBe(true);
  }
  // A profile on disk: Chromium reports "in-incognito" for throwaway contexts.
  const context = await browser.browserType().launchPersistentContext(testInfo.outputPath('profile'), {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL, serviceWorkers: 'allow',
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(base);
    await expect(page.getByRole('article', { name: 'Compounding' })).toBeVisible();
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then(r => new URL(r.scope).pathname));
    expect(scope).toBe(base);
    if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
  }
});
