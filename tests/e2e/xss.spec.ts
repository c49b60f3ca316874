// Hostile text through every way content enters the app: an uploaded bank
// (title, topics, stems, options, explanations, citations), quiz-link fields
// (title, trainer, instructions, a bank carried in the link), result links
// (trainee, quiz title, trainer) and a backup (banks, shared-quiz attempts,
// roster results). Each payload must show as the literal text it is: no
// dialog, no script run, no request leaving the site, and (fixtures.ts) no
// Content-Security-Policy violation.
import { test, expect, type Page } from './fixtures';
import { DAY, attempt, backupFile, linkPayload } from './crafted';
import { QuizPage, importBackup } from './pages';

/** Each tries to run `window.__xss = 1`, open a dialog or load from elsewhere. */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload=window.__xss=1>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  'javascript:window.__xss=1',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=window.__xss=1>',
  '<a href="javascript:window.__xss=1">click me</a>',
  '<details open ontoggle=window.__xss=1>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  "{{constructor.constructor('window.__xss=1')()}}",
  '${window.__xss=1}',
  '<input autofocus onfocus=window.__xss=1>',
  '<video><source onerror=window.__xss=1></video>',
  '<marquee onstart=window.__xss=1>x</marquee>',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  'data:text/html,<script>alert(1)</script>',
  '<template><script>window.__xss=1</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '" onmouseover="window.__xss=1" x="',
  '</textarea><script>window.__xss=1</script>',
  '--><script>window.__xss=1</script><!--',
  '<img src="https://evil.example/pixel.gif">',
  ']]><script>window.__xss=1</script>',
  '<div style="background:url(https://evil.example/bg.png)">styled</div>',
  '`-alert(1)-`',
];

/** Fails the test on a dialog or a request to any other host. */
function watch(page: Page) {
  const seen: string[] = [];
  page.on('dialog', d => { seen.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('request', r => {
    const host = new URL(r.url()).hostname;
    if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) seen.push(`request: ${r.url()}`);
  });
  return seen;
}

async function expectNothingRan(page: Page, seen: string[]) {
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  expect(await page.locator('main iframe, main object, main embed, main img[src="x"], main script').count()).toBe(0);
  expect(seen).toEqual([]);
}

/** A TOML bank whose every text field is a payload. */
function hostileBank(id: string, title = `Bank ${PAYLOADS[0]}`): string {
  const s = JSON.stringify;
  const questions = PAYLOADS.map((p, i) => `
[[questions]]
id = "x-${String(i).padStart(3, '0')}"
type = "single"
difficulty = "easy"
tags = ["${id}-topic"]
stem = ${s(`Question ${i}: ${p}`)}
options = [${s(`Key ${i} ${p}`)}, ${s(`Second ${i}`)}, ${s(`Third ${i}`)}, ${s(`Fourth ${i}`)}]
answer = "A"
explanation = ${s(`Explanation ${i}: ${p}`)}
citation = { source = ${s(`Source ${i} ${p}`)}, section = "1", edition = "2026" }
`).join('');
  return `id = "${id}"
title = ${s(title)}
description = ${s(PAYLOADS[1])}
version = 1
topics = [{ id = "${id}-topic", label = ${s(`Topic ${PAYLOADS[2]}`)} }]
${questions}`;
}

test('an uploaded bank: every payload in a title, topic, stem, option, explanation and citation shows as text', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.goto('/banks');
  await page.getByLabel('Bank files (.toml)').setInputFiles({ name: 'hostile.toml', mimeType: 'text/plain', buffer: Buffer.from(hostileBank('hostile')) });
  const card = page.getByRole('article', { name: `Bank ${PAYLOADS[0]}` });
  await expect(card).toBeVisible();
  await expectNothingRan(page, seen);
  await page.goto('/');
  await expect(page.getByRole('article', { name: `Bank ${PAYLOADS[0]}` })).toContainText(PAYLOADS[1]);
  await expectNothingRan(page, seen);

  // The trainer's picker lists every stem.
  await page.goto('/trainer');
  for (const b of ['Compounding', 'Hazardous drugs', 'Inventory management']) await page.getByRole('checkbox', { name: b, exact: true }).uncheck();
  await page.getByRole('radio', { name: 'Questions I pick' }).check();
  const list = page.getByRole('list', { name: 'Questions to pick' });
  await expect(list.getByRole('checkbox')).toHaveCount(PAYLOADS.length);
  for (const [i, p] of PAYLOADS.entries()) await expect(list).toContainText(`Question ${i}: ${p}`);
  await expect(page.getByRole('group', { name: 'Topics' })).toContainText(`Topic ${PAYLOADS[2]}`);
  await expectNothingRan(page, seen);

  // A practice question: stem, options, feedback, explanation and source.
  await page.goto('/setup?bank=hostile');
  await expect(page.getByText(/questions available with these choices/)).not.toHaveText(/^0 /);
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('button', { name: 'Start quiz' }).click();
  const quiz = new QuizPage(page);
  for (let n = 1; n <= 3; n++) {
    const stem = await quiz.stem().innerText();
    const i = Number(/^Question (\d+):/.exec(stem)?.[1]);
    expect(stem).toBe(`Question ${i}: ${PAYLOADS[i]}`);
    await page.getByRole('radio', { name: `Key ${i} ${PAYLOADS[i]}` }).check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    const feedback = page.getByRole('region', { name: 'Feedback' });
    await expect(feedback).toContainText(`Explanation ${i}: ${PAYLOADS[i]}`);
    await expect(feedback).toContainText(`Source ${i} ${PAYLOADS[i]}`);
    if (n < 3) await quiz.next();
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.locator('.review-item')).toHaveCount(3);
  await expectNothingRan(page, seen);
});

test('quiz links: payloads as title, trainer and instructions, and a hostile bank carried in the link', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  for (let i = 0; i < PAYLOADS.length; i += 3) {
    const [title, trainer, instructions] = [0, 1, 2].map(k => PAYLOADS[(i + k) % PAYLOADS.length]);
    await page.goto('/take#' + linkPayload({
      title, trainer, instructions,
      selection: { picked: ['hazardous-drugs/hd-001'] },
      mode: 'practice', pass_mark: 70, seed: 1, bank_versions: { 'hazardous-drugs': 2 },
    }));
    const intro = page.getByRole('region', { name: title });
    await expect(intro).toContainText(trainer);
    await expect(intro).toContainText(instructions);
    await expectNothingRan(page, seen);
  }

  // The bank travels in the link; the trainee sees its questions as text.
  const bank = hostileBank('carried');
  await page.goto('/take#' + linkPayload({
    title: 'Carried bank', trainer: PAYLOADS[3],
    selection: { picked: ['carried/x-004', 'carried/x-005'] }, fixed_order: true,
    mode: 'practice', pass_mark: 70, seed: 1, bank_versions: { carried: 1 }, custom_banks: [bank],
  }));
  await page.getByRole('button', { name: 'Start' }).click();
  const quiz = new QuizPage(page);
  await expect(quiz.stem()).toHaveText(`Question 4: ${PAYLOADS[4]}`);
  await quiz.next();
  await expect(quiz.stem()).toHaveText(`Question 5: ${PAYLOADS[5]}`);
  await expectNothingRan(page, seen);
});

test('result links and a backup: trainee names, quiz titles, trainers, bank and attempt fields show as text', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  const now = Date.now();
  const result = (i: number) => ({
    quiz: { quiz_id: `q${i}`, title: PAYLOADS[(i + 1) % PAYLOADS.length], trainer: PAYLOADS[(i + 2) % PAYLOADS.length] },
    trainee: PAYLOADS[i], finished_at: now - DAY, duration_secs: 60,
    score: [1, 2], passed: false, pass_mark: 80, by_tag: {}, answers: [],
  });
  await page.goto('/roster');
  for (let i = 0; i < PAYLOADS.length; i += 3) {
    await page.getByLabel('Result link').fill(`${new URL(page.url()).origin}/result#${linkPayload(result(i))}`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('table', { name: `Results for ${PAYLOADS[(i + 1) % PAYLOADS.length]}`, exact: true })).toContainText(PAYLOADS[i]);
  }
  await expect(page.getByRole('main')).toContainText(PAYLOADS[2]);
  await expectNothingRan(page, seen);

  // A backup: a shared-quiz attempt, a roster result and a bank, all hostile.
  const shared = { quiz_id: 'b1', title: PAYLOADS[10], trainer: PAYLOADS[11] };
  const roster = [{ ...result(12), quiz: { quiz_id: 'b2', title: PAYLOADS[15], trainer: PAYLOADS[14] } }];
  await importBackup(page, 'hostile-backup.json', backupFile(
    { version: 4, attempts: [attempt('b1', now - DAY, shared)], roster },
    [{ text: hostileBank('from-backup', `Backup ${PAYLOADS[0]}`), added_at: now - DAY }],
  ));
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('1 new quiz result');
  await page.goto('/history');
  await page.getByRole('link', { name: /^Review the quiz of/ }).click();
  await expect(page.getByRole('main')).toContainText(`Send your result to ${PAYLOADS[11]}`);
  await page.goto('/roster');
  await expect(page.getByRole('table', { name: `Results for ${PAYLOADS[15]}`, exact: true })).toContainText(PAYLOADS[12]);
  await page.goto('/');
  await expect(page.getByRole('article', { name: `Backup ${PAYLOADS[0]}` })).toBeVisible();
  await expectNothingRan(page, seen);
});
