import { test, expect, type Page } from './fixtures';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BANKS, HomePage, QuizPage, ResultsPage, SetupPage, expectNoAxeViolations, practiceQuiz, startQuiz } from './pages';

// The release build is installable (manifest, icons, a service worker) and,
// after one visit, runs without the network; a new deployment is offered
// with a banner and never reloads a quiz by itself. scripts/pwa.mjs makes
// all of it from the built folder (see README.md, "Deploying").

// The config blocks service workers for the other specs (they route and count requests).
test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker is active and controls the page (reloading once if it does not yet). */
async function untilControlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** The names of the Cache Storage caches (one per precached version). */
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** Builds a shared-quiz link on the Trainer page (defaults: a random set) and returns it. */
async function shareLink(page: Page, prefix = '/'): Promise<string> {
  await page.goto(`${prefix}trainer`);
  await page.getByLabel('Quiz title').fill('Offline check');
  await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
  const link = await page.getByRole('textbox', { name: 'Quiz link' }).inputValue();
  expect(link).toMatch(/\/take#1\.[A-Za-z0-9_-]+$/);
  return link;
}

/** Every request that failed or got an error status, from now on (not those a navigation cancelled). */
function failures(page: Page): string[] {
  const failed: string[] = [];
  page.on('requestfailed', r => {
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${error}`);
  });
  page.on('response', r => { if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`); });
  return failed;
}

/** An update banner, as sw-register.js shows it. */
const updateBanner = (page: Page) => page.getByRole('status').filter({ hasText: 'A new version is ready — reload' });

/** PNG width and height from its IHDR chunk. */
function pngSize(png: Buffer): string {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}

test('installable: a complete web app manifest, icons, and no installability errors in Chromium', async ({ request, browser, launchOptions, baseURL }, testInfo) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = JSON.parse(await response.text());
  expect(manifest).toMatchObject({
    name: 'PharmQuiz', short_name: 'PharmQuiz', start_url: '/', scope: '/', display: 'standalone', theme_color: '#0b5cad',
  });
  expect(manifest.id).toBeTruthy();
  expect(manifest.description).toBeTruthy();
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const icons = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const png = await request.get(new URL(icon.src, `${baseURL}/manifest.webmanifest`).href);
    expect(png.headers()['content-type']).toBe('image/png');
    expect(pngSize(await png.body())).toBe(icon.sizes);
  }

  // Chromium reports "in-incognito" for Playwright's usual throwaway
  // contexts, so this check runs in a browser with a profile on disk.
  const context = await browser.browserType().launchPersistentContext(testInfo.outputPath('profile'), { ...launchOptions, baseURL, serviceWorkers: 'allow' });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('article', { name: 'Compounding' })).toBeVisible();
    // Ready for a strict Content-Security-Policy: no inline script (JSON data blocks are not scripts).
    const inline = await page.evaluate(() => [...document.scripts]
      .filter(s => !s.src && ['', 'module', 'text/javascript', 'application/javascript'].includes(s.type))
      .map(s => s.outerHTML.slice(0, 80)));
    expect(inline).toEqual([]);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
    await untilControlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    // A first install is silent.
    await expect(updateBanner(page)).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('offline after one visit: home, a practice quiz, an exam, progress and a shared-quiz link', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await untilControlled(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(new URL('/', page.url()).href);
  // The link is made online; it is opened offline below.
  const link = await shareLink(page);
  const failed = failures(page);

  await context.setOffline(true);
  await page.goto('/');
  for (const bank of BANKS) await expect(new HomePage(page).card(bank)).toContainText(/\d+ questions/);

  const right = await practiceQuiz(page, 'Compounding', 2);
  await new ResultsPage(page).expectScore(right, 2);

  const quiz = await startQuiz(page, 'Hazardous drugs', { count: 2, mode: 'exam' });
  await quiz.answer();
  await quiz.next();
  await expect(quiz.progress()).toHaveText('Question 2 of 2');
  await quiz.answer();
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await new ResultsPage(page).expectScore(null, 2);

  await page.goto('/progress');
  await expect(page.getByRole('heading', { name: 'Your progress' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Compounding' })).toContainText(/Questions seen\s*2 of \d+/);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Shared quiz', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: /Offline check/ })).toContainText('From Dana Whitfield');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(quiz.progress()).toHaveText(/^Question 1 of \d+$/);

  // A deep link that is no file (the app shell) opens offline too.
  await page.goto('/history');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Exam prep: the profiles, a mock exam and the plan work offline.
  await page.goto('/prep?exam=cspt');
  await expect(page.getByRole('heading', { name: 'Compounded Sterile Preparation Technician (CSPT) Exam', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Domains of the exam' })).toBeVisible();
  await page.getByRole('radio', { name: 'Shorter, with the time in proportion' }).check();
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('button', { name: 'Start the mock exam' }).click();
  await expect(quiz.progress()).toHaveText('Question 1 of 3');
  await expect(page.getByRole('button', { name: 'Show calculator' })).toBeVisible();
  expect(failed).toEqual([]);
});

test('offline after one visit: review, history, the trainer pages, an added bank and a result link', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await untilControlled(page);
  // Made online, opened offline below: the example bank as a file, and a quiz link.
  await page.goto('/banks');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download an example bank' }).click()]);
  const bankFile = testInfo.outputPath('site.toml');
  writeFileSync(bankFile, readFileSync(await dl.path(), 'utf8')
    .replace('id = "my-pharmacy"', 'id = "site-offline"').replace('title = "My pharmacy\'s questions"', 'title = "Offline procedures"'));
  const link = await shareLink(page);
  const failed = failures(page);

  await context.setOffline(true);
  for (const [path, heading] of [['/review', 'Review'], ['/history', 'History'], ['/trainer', 'Build a quiz for trainees'], ['/roster', 'Roster'], ['/data', 'Backup and restore']]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
  }
  await page.goto('/banks');
  await page.getByLabel('Bank files (.toml)').setInputFiles(bankFile);
  await expect(page.getByRole('article', { name: 'Offline procedures' })).toContainText(/2 questions/);
  const right = await practiceQuiz(page, 'Offline procedures', 1);
  await new ResultsPage(page).expectScore(right, 1);

  // A trainee takes the shared quiz offline and makes a result link; the trainer opens it offline.
  await page.goto(link);
  await page.getByRole('button', { name: 'Start' }).click();
  const quiz = new QuizPage(page);
  const total = Number((await quiz.progress().innerText()).match(/of (\d+)/)?.[1]);
  for (let i = 1; i <= total; i++) {
    await quiz.answer();
    if (i < total) await quiz.next();
  }
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: /^Submit/ }).click();
  await page.getByLabel('Your name').fill('Sam Lee');
  await page.getByRole('button', { name: 'Create my result' }).click();
  const result = await page.getByRole('textbox', { name: 'Result link' }).inputValue();
  await page.goto(result);
  await expect(page.getByText(/^Added to your roster: Sam Lee/)).toBeVisible();
  expect(failed).toEqual([]);
});

test.describe('a new deployment', () => {
  let server: ChildProcess | undefined;
  test.afterEach(() => { server?.kill(); });

  test('is offered with a banner, never reloads by itself, and the quiz resumes after Reload', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    // Build A: a copy of dist/ with its own server, so the test can change it.
    const repo = resolve(testInfo.config.rootDir, '..', '..');
    const dir = testInfo.outputPath('site');
    cpSync(process.env.PHARMQUIZ_DIST ?? join(repo, 'dist'), dir, { recursive: true, preserveTimestamps: true });
    server = spawn(process.execPath, [join(repo, 'scripts', 'static-server.mjs'), dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const base = await new Promise<string>((resolve, reject) => {
      server!.stdout!.on('data', (d: Buffer) => {
        const m = /at (http:\/\/\S+?)\/?$/m.exec(d.toString());
        if (m) resolve(m[1]);
      });
      server!.on('exit', code => reject(new Error(`static server exited (${code})`)));
    });

    // A phone-sized window: the banner must leave the quiz controls usable.
    const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto('/');
    await untilControlled(page);
    const before = await cacheNames(page);
    expect(before).toHaveLength(1);

    const quiz = await startQuiz(page, 'Inventory management', { count: 5, mode: 'exam' });
    const first = await quiz.answer();
    await quiz.next();
    await expect(quiz.progress()).toHaveText('Question 2 of 5');
    const second = await quiz.answer();
    const stem = await quiz.stem().innerText();
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('pharmquiz.quiz') ?? '{}').current)).toBe(1);
    await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });

    // Build B: any change to a precached file gives sw.js a new version.
    writeFileSync(`${dir}/build.txt`, 'build B\n');
    execFileSync(process.execPath, [join(repo, 'scripts', 'pwa.mjs'), dir, '/'], { stdio: 'pipe' });
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())!.update(); });

    const banner = updateBanner(page);
    await expect(banner).toBeVisible();
    const reload = banner.getByRole('button', { name: 'Reload' });
    await expect(reload).toBeVisible();
    // Nothing reloaded: same page, same question, same answer.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect(page).toHaveURL(/\/quiz\/2$/);
    await expect(quiz.progress()).toHaveText('Question 2 of 5');
    await expect(quiz.stem()).toHaveText(stem);
    await expectAnswered(page, second);
    // The banner sits at the bottom of the screen and never hides a quiz
    // control for good: scrolled into view, each one is clear of it.
    const controls = page.getByRole('main').locator('button, input, a[href]');
    for (let i = 0; i < await controls.count(); i++) {
      const control = controls.nth(i);
      if (!(await control.isVisible())) continue;
      await control.evaluate(el => el.scrollIntoView({ block: 'center' }));
      const [a, b] = [await control.boundingBox(), await banner.boundingBox()];
      const name = await control.evaluate(el => el.outerHTML.slice(0, 80));
      expect(a!.y + a!.height <= b!.y || b!.y + b!.height <= a!.y, `the banner covers ${name}`).toBe(true);
    }
    // Reachable from the keyboard, and accessible in both themes.
    await reload.focus();
    await expect(reload).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('banner-light.png') });
    await expectNoAxeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: testInfo.outputPath('banner-dark.png') });
    await expectNoAxeViolations(page);

    await Promise.all([page.waitForEvent('load'), reload.click()]);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
    await expect(page).toHaveURL(/\/quiz\/2$/);
    await expect(quiz.progress()).toHaveText('Question 2 of 5');
    await expect(quiz.stem()).toHaveText(stem);
    await expectAnswered(page, second);
    await expect(updateBanner(page)).toHaveCount(0);
    // The new version controls the page, and the old cache is gone.
    const after = await cacheNames(page);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(await page.evaluate(async () => !!(await caches.match('build.txt')))).toBe(true);

    await page.goBack();
    await expect(quiz.progress()).toHaveText('Question 1 of 5');
    await expectAnswered(page, first);
    await context.close();
  });
});

/** The answer `given` (as QuizPage.answer returned it) is still on screen. */
async function expectAnswered(page: Page, given: string) {
  if (given === '1.50') await expect(page.getByLabel(/^Your answer/)).toHaveValue(' 1.50 ');
  else if (given === 'two boxes') await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(2);
  else await expect(page.locator(`input[type=radio][value="${given}"]`)).toBeChecked();
}

test('offline under a sub-path: the worker\'s scope is /pharmquiz/ and the app runs without the network', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  // The 'sub-path' project's server: target/subpath-dist, built with --public-url /pharmquiz/.
  const origin = testInfo.config.projects.find(p => p.name === 'sub-path')?.use.baseURL ?? 'http://127.0.0.1:8092';
  const base = '/pharmquiz/';
  const context = await browser.newContext({ baseURL: origin, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(base);
  await untilControlled(page);
  const registration = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return { scope: r?.scope, script: r?.active?.scriptURL };
  });
  expect(registration).toEqual({ scope: `${origin}${base}`, script: `${origin}${base}sw.js` });
  const manifest = await (await context.request.get(`${base}manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({ start_url: base, scope: base });
  const link = await shareLink(page, base);
  expect(link).toContain(`${base}take#`);
  const failed = failures(page);

  await context.setOffline(true);
  await page.goto(base);
  for (const bank of BANKS) await expect(new HomePage(page).card(bank)).toContainText(/\d+ questions/);
  await page.getByRole('link', { name: 'Start a quiz on Compounding' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}setup`));
  const setup = new SetupPage(page);
  await setup.configure({ count: 2, mode: 'practice' });
  await setup.start();
  await expect(page).toHaveURL(new RegExp(`${base}quiz/1$`));
  const quiz = new QuizPage(page);
  await quiz.answer();
  await quiz.checkAnswer();
  // A deep link under the prefix resumes the quiz, from the worker.
  await page.reload();
  await expect(quiz.progress()).toHaveText('Question 1 of 2');
  await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
  await page.goto(`${base}progress`);
  await expect(page.getByRole('heading', { name: 'Your progress' })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Shared quiz', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(quiz.progress()).toHaveText(/^Question 1 of \d+$/);
  expect(failed).toEqual([]);
  await context.close();
});
