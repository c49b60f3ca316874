import { test, expect, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { HomePage, QuizPage, expectNoAxeViolations } from './pages';

/** A day `n` days from today, as the date input wants it (local time). */
function daysFromNow(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function openCspt(page: Page) {
  await page.goto('/prep');
  await expect(page.getByRole('heading', { name: 'Exam prep', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Prepare for Compounded Sterile Preparation Technician (CSPT) Exam' }).click();
  await expect(page.getByRole('heading', { name: 'Compounded Sterile Preparation Technician (CSPT) Exam', level: 1 })).toBeVisible();
}

/** The readiness table's row for a domain. */
function readinessRow(page: Page, domain: string) {
  return page.getByRole('table', { name: 'By domain', exact: true }).getByRole('row', { name: new RegExp(`^${domain}`) });
}

test('exam prep: the profiles, a short mock with the calculator by keyboard, results by domain, readiness, a plan and its calendar file', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exam prep' }).click();
  await expect(page.getByRole('heading', { name: 'Exam prep', level: 1 })).toBeVisible();
  for (const name of ['Compounded Sterile Preparation Technician (CSPT) Exam', 'Hazardous Drug Management Exam', 'Pharmacy Technician Certification Exam (PTCE)', 'Exam for the Certification of Pharmacy Technicians (ExCPT)']) {
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  await openCspt(page);
  // What the exam is, with its domains, weights and sources.
  const domains = page.getByRole('table', { name: 'Domains of the exam' });
  await expect(domains.getByRole('row', { name: /^Sterile Compounding Procedures 53 %/ })).toBeVisible();
  await expect(page.getByText('75 questions in 110 minutes.')).toBeVisible();
  await page.getByText('Where these figures come from').click();
  await expect(page.getByText(/^PTCB, Credentialing Guidelines and Requirements/)).toBeVisible();
  const before = await readinessRow(page, 'Sterile Compounding Procedures').innerText();
  expect(before).toContain('No answers yet');
  await expectNoAxeViolations(page);

  // A short mock: 6 questions, time in proportion (110 × 6 / 75 = 8.8 → 9 minutes).
  await page.getByRole('radio', { name: 'Shorter, with the time in proportion' }).check();
  await page.getByLabel('Number of questions').fill('6');
  await expect(page.getByRole('status').filter({ hasText: /^6 questions in 9 minutes, drawn to the domain weights\./ })).toBeVisible();
  await page.getByRole('button', { name: 'Start the mock exam' }).click();
  await expect(page).toHaveURL(/\/quiz\/1$/);
  const quiz = new QuizPage(page);
  await expect(quiz.progress()).toHaveText('Question 1 of 6');
  await expect(page.getByRole('timer')).toContainText('9:00');

  // The calculator, by keyboard only.
  const toggle = page.getByRole('button', { name: 'Show calculator' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Hide calculator' })).toHaveAttribute('aria-expanded', 'true');
  const calculator = page.getByRole('region', { name: 'Calculator' });
  await page.keyboard.press('Tab');
  await expect(calculator.getByRole('button').first()).toBeFocused();
  await page.keyboard.type('12*3');
  await page.keyboard.press('Enter');
  const display = calculator.getByRole('status', { name: 'Calculator display' });
  await expect(display).toHaveText('36');
  await page.keyboard.type('/8=');
  await expect(display).toHaveText('4.5');
  await page.keyboard.press('Escape');
  await expect(display).toHaveText('0');
  // Every key is reachable and named for what it does.
  for (const name of ['7', 'plus', 'minus', 'times', 'divide', 'equals', 'clear', 'decimal point']) {
    await expect(calculator.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  for (let i = 1; i <= 6; i++) {
    await expect(quiz.progress()).toHaveText(`Question ${i} of 6`);
    await quiz.answer();
    if (i < 6) await quiz.next();
  }
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Submit exam' }).click();
  await expect(page.getByRole('heading', { name: 'Results', level: 1 })).toBeVisible();
  await expect(page.getByText(/ of 6 correct/)).toBeVisible();
  // The full review is there, untimed.
  await expect(page.locator('.review-item')).toHaveCount(6);

  // Results by domain, on the exam's page.
  await page.getByRole('link', { name: 'See your results by exam domain' }).click();
  const mocks = page.getByRole('region', { name: 'Your mock exams' });
  await expect(mocks.getByRole('table', { name: 'Results by domain' })).toBeVisible();
  const rows = mocks.getByRole('table', { name: 'Results by domain' }).getByRole('row');
  // A header and at least two domains: the mock was drawn to the weights.
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expect(mocks.getByRole('heading', { level: 3 })).toContainText(/of 6 \(\d+ %\)/);

  // Readiness changed after the practice.
  const after = await readinessRow(page, 'Sterile Compounding Procedures').innerText();
  expect(after).not.toEqual(before);
  expect(after).toMatch(/\d+ of \d+ right/);
  await page.getByText('How this is estimated').click();
  await expect(page.getByText(/does not predict your exam score or whether you will pass/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Practise / }).first()).toBeVisible();

  // A plan to the exam date.
  await page.getByLabel('Exam date', { exact: true }).fill(daysFromNow(30));
  await page.getByRole('button', { name: 'Save exam date' }).click();
  const plan = page.getByRole('region', { name: 'Plan to your exam date' });
  await expect(plan).toContainText(/Today: \d+ new questions? and (no|\d+) reviews?\./);
  await expect(plan).toContainText('30 days to your exam');
  await expect(plan.getByRole('button', { name: /^Start today's session \(\d+ questions\)$/ })).toBeVisible();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    plan.getByRole('button', { name: 'Download the plan for your calendar (.ics)' }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe('pharmquiz-cspt-plan.ics');
  const ics = readFileSync(await dl.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(ics).toContain('SUMMARY:CSPT exam');
  expect(ics).toContain(`DTSTART;VALUE=DATE:${daysFromNow(30).replaceAll('-', '')}`);
  expect(ics.split('\r\n').every(line => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
  await expectNoAxeViolations(page);

  // The home page shows today's plan, and its session starts from there.
  const home = new HomePage(page);
  await home.open();
  const today = page.getByRole('region', { name: "CSPT: today's plan" });
  await expect(today).toContainText(/Today: \d+ new questions?/);
  await expect(today).toContainText(/Done today: 0 of \d+ new questions?/);
  await today.getByRole('button', { name: /^Start today's session/ }).click();
  await expect(page).toHaveURL(/\/quiz\/1$/);
  await expectNoAxeViolations(page);
});

test('an unknown exam in the address says so and lists the exams', async ({ page }) => {
  await page.goto('/prep?exam=nope');
  await expect(page.getByRole('alert')).toHaveText('There is no exam called "nope". Choose one below.');
  await expect(page.getByRole('link', { name: /^Prepare for / })).toHaveCount(4);
});
