// Browser benchmark: how long the release build takes to show the progress
// dashboard with a stored document of 10,000 attempts (written by
// `cargo run --release --bin bench -- --write <file>`). Prints figures only.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [file, base] = process.argv.slice(2);
const doc = readFileSync(file, 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(base);
await page.evaluate((d) => localStorage.setItem('pharmquiz.progress', d), doc);
const times = [];
for (let run = 0; run < 5; run++) {
  await page.goto(`${base}progress`);
  await page.getByRole('heading', { name: 'Compounding' }).waitFor();
  times.push(await page.evaluate(() => performance.now()));
}
const stored = await page.evaluate(() => localStorage.getItem('pharmquiz.progress').length);
times.sort((a, b) => a - b);
console.log(`browser (Chromium, release build): ${stored} bytes stored; dashboard shown ${times[2].toFixed(0)} ms after navigation (median of 5; min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)})`);
await browser.close();
