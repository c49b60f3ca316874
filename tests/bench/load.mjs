// Load benchmark (issue 8, "Fast on a phone, and offline"): how soon the
// release build shows real content and a first question on a throttled
// phone, cold and warm, next to a static "floor" page that shows one
// question with no JavaScript at all; plus sizes and Lighthouse scores.
//
// Usage: node tests/bench/load.mjs <dist-dir> [--runs 7] [--timeout 90]
//        [--json target/bench-load.json] [--no-lighthouse]
// Needs Debian's Chromium at /usr/bin/chromium. Prints figures only: every
// number is measured on this run; a step that times out prints "n/a".
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, statSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
};
const RUNS = Math.max(1, Number(opt('runs', 7)));
const TIMEOUT = Number(opt('timeout', 90)) * 1000; // per measured step
const JSON_OUT = opt('json', join(ROOT, 'target/bench-load.json'));
const NO_LH = flag('no-lighthouse');
const DIST = argv[0] ? resolve(argv[0]) : null;
if (!DIST || !existsSync(DIST)) {
  console.error('usage: node tests/bench/load.mjs <dist-dir> [--runs 7] [--timeout 90] [--json file] [--no-lighthouse]');
  process.exit(2);
}

// Throttling: a mid-range phone on a slow 4G / fast 3G link.
// 1 Mbit = 1024 * 1024 bits here, so 1.6 Mbit/s = 1.6 * 1024 * 1024 / 8 bytes/s.
const NET = {
  offline: false,
  latency: 150, // ms, added to every request
  downloadThroughput: (1.6 * 1024 * 1024) / 8, // 209,715.2 bytes/s
  uploadThroughput: (750 * 1024) / 8, // 96,000 bytes/s
};
const CPU_RATE = 4;
const DEVICE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const KB = 1024; // sizes and budgets in KB of 1024 bytes

const BUDGETS = {
  coldPaint: 1.5, // × floor
  coldQuestion: 5, // × floor
  warmQuestion: 2, // × floor
  lhPerformance: 95,
  lhAccessibility: 100,
  lhBestPractices: 100,
  wasmGzipKB: 560,
  wireBeforeQuestionKB: 350,
};

// ---------------------------------------------------------------- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const ms = (n) => (n == null ? 'n/a' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const withTimeout = (p, t, what) =>
  Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`timed out after ${t / 1000} s waiting for ${what}`)), t))]);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const servers = [];
async function serve(dir) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/static-server.mjs'), dir, String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  servers.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const r = await fetch(`${base}/`);
      if (r.ok) break;
    } catch {}
    if (child.exitCode != null || Date.now() > deadline) throw new Error(`static server for ${dir} did not start: ${err}`);
    await sleep(100);
  }
  return base;
}
function stopServers() {
  for (const s of servers) if (s.exitCode == null) s.kill();
}
process.on('exit', stopServers);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

// ---------------------------------------------------------------- sizes
function sizesOf(dir, filter) {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  const set = new Set(names);
  return names
    // precompressed siblings (x.js.br, x.js.gz) are the same asset again
    .filter((n) => !(/\.(br|gz)$/.test(n) && set.has(n.replace(/\.(br|gz)$/, ''))))
    .filter(filter)
    .sort()
    .map((name) => {
      const raw = readFileSync(join(dir, name));
      return {
        name,
        raw: raw.length,
        gzip: gzipSync(raw, { level: 9 }).length,
        brotli: brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
      };
    });
}
function wasmFiles(dir, acc = []) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) wasmFiles(p, acc);
    else if (extname(n) === '.wasm') acc.push(p);
  }
  return acc;
}

// ---------------------------------------------------------------- floor page
// One quiz question as plain HTML: what the fastest possible page showing a
// question costs on this server, device and network.
const FLOOR_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Question 1 of 10 · PharmQuiz floor</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;line-height:1.5}ul{list-style:none;padding:0}li{margin:.5rem 0}</style>
</head>
<body>
<header><p><strong>PharmQuiz</strong></p></header>
<main>
<p>Question 1 of 10</p>
<form>
<fieldset>
<legend><h2 class="stem">A prescription calls for 120 g of a 2% hydrocortisone cream to be compounded from a 5% stock cream and a cream base. How many grams of the 5% stock cream are needed, and which record must document the preparation?</h2></legend>
<ul>
<li><label><input type="radio" name="a" value="a"> 48 g, recorded on the compounding record</label></li>
<li><label><input type="radio" name="a" value="b"> 24 g, recorded on the master formulation record</label></li>
<li><label><input type="radio" name="a" value="c"> 60 g, recorded on the compounding record</label></li>
<li><label><input type="radio" name="a" value="d"> 72 g, recorded on the prescription label only</label></li>
</ul>
</fieldset>
<button type="button">Check answer</button>
</form>
</main>
</body>
</html>
`;

// ---------------------------------------------------------------- in-page recorder
// Runs before any page script on every document. Reports (name, epoch ms):
//   doc      the document's navigation start (performance.timeOrigin)
//   fcp      first-contentful-paint
//   content  first frame after a heading "Compounding" exists
//   link     first frame after the "Start a quiz on Compounding" link exists
//   stem     first frame after a question stem (.stem) exists
//   ready    <html data-app="ready"> set (the app has mounted)
//   wasm     a WebAssembly module finished instantiating
// "First frame after" = the requestAnimationFrame callback that follows the
// DOM change, i.e. the frame that paints it.
function recorder() {
  if (window !== window.top || location.protocol === 'about:') return;
  const origin = performance.timeOrigin;
  const at = () => origin + performance.now();
  const queue = [];
  const send = (name, t) => {
    queue.push([name, t, origin]);
    flush();
  };
  const flush = () => {
    if (typeof window.__benchMark !== 'function') return void setTimeout(flush, 20);
    while (queue.length) window.__benchMark(...queue.shift());
  };
  queue.push(['doc', origin, location.href]);
  flush();
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') send('fcp', origin + e.startTime);
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  const wrap = (k) => {
    const f = WebAssembly[k];
    if (typeof f !== 'function') return;
    WebAssembly[k] = function (...a) {
      const p = f.apply(this, a);
      p.then(() => send('wasm', at()), () => {});
      return p;
    };
  };
  wrap('instantiateStreaming');
  wrap('instantiate');
  const name = (el) => (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
  const probes = {
    content: () => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')].some((h) => name(h) === 'Compounding'),
    link: () => [...document.querySelectorAll('a[href]')].some((a) => name(a) === 'Start a quiz on Compounding'),
    stem: () => !!document.querySelector('.stem'),
  };
  const seen = {};
  let readySent = false;
  const check = () => {
    if (!readySent && document.documentElement && document.documentElement.dataset.app === 'ready') {
      readySent = true;
      send('ready', at());
    }
    for (const k in probes) {
      if (seen[k] || !probes[k]()) continue;
      seen[k] = true;
      requestAnimationFrame(() => {
        const t = at();
        window[`__first${k[0].toUpperCase()}${k.slice(1)}`] = t - origin; // __firstContent etc., as performance.now()
        send(k, t);
      });
    }
    if (readySent && Object.keys(probes).every((k) => seen[k])) mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-app'], characterData: true });
  check();
}

// A page with throttling, byte counting and marks. Marks arrive as
// name → epoch ms; `origin` is the first document's navigation start.
async function instrumentedPage(ctx, { throttle = true } = {}) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const state = { marks: {}, origin: null, docs: 0, docUrls: [], bytes: 0, encodings: new Set(), waiters: [] };
  await page.exposeBinding('__benchMark', (_src, name, t, extra) => {
    if (name === 'doc') {
      state.docs++;
      state.docUrls.push(extra);
      if (state.origin == null) state.origin = t;
      return;
    }
    if (name === 'fcp' && state.docs > 1) return; // only the first document's FCP
    if (state.marks[name] == null) state.marks[name] = t;
    state.waiters = state.waiters.filter((w) => (w.name === name ? (w.resolve(t), false) : true));
  });
  await cdp.send('Network.enable');
  cdp.on('Network.loadingFinished', (e) => (state.bytes += e.encodedDataLength));
  cdp.on('Network.responseReceived', (e) => {
    const enc = Object.entries(e.response.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-encoding');
    if (enc) state.encodings.add(enc[1]);
  });
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', NET);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  }
  state.swStart = ctx.swBytes;
  state.swBytes = () => ctx.swBytes - state.swStart;
  const mark = (name, timeout = TIMEOUT) =>
    state.marks[name] != null
      ? Promise.resolve(state.marks[name])
      : withTimeout(new Promise((resolve) => state.waiters.push({ name, resolve })), timeout, `"${name}" mark`);
  const since = (t) => (t == null || state.origin == null ? null : t - state.origin);
  return { page, cdp, state, mark, since };
}

// Clicks `locator` until `done` shows up: a click made before the app has
// taken over a pre-rendered page can be lost when the app replaces the DOM.
async function clickUntil(page, locator, done, deadline, what) {
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out clicking ${what}`);
    if (await done.isVisible().catch(() => false)) return;
    try {
      await locator.click({ timeout: left });
    } catch (e) {
      if (await done.isVisible().catch(() => false)) return;
      if (Date.now() >= deadline) throw new Error(`timed out clicking ${what}`);
      continue;
    }
    try {
      await done.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, deadline - Date.now())) });
      return;
    } catch {}
  }
}

// a, b: `/` left alone until the app has taken over.
async function measureHomeLoad(ctx, base) {
  const r = { paint: null, interactive: null, interactiveHow: null, wire: null, error: null };
  const { page, state, since } = await instrumentedPage(ctx);
  const deadline = Date.now() + TIMEOUT;
  try {
    await page.goto(`${base}/`, { waitUntil: 'commit', timeout: TIMEOUT });
    // Prefer <html data-app="ready">; without it, give it 5 s more after the
    // link is shown and the wasm is instantiated, then use those.
    let fallbackSince = null;
    for (;;) {
      const m = state.marks;
      if (m.ready != null && m.content != null) break;
      if (m.link != null && m.wasm != null && m.content != null) {
        fallbackSince ??= Date.now();
        if (Date.now() - fallbackSince > 5000) break;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT / 1000} s: no data-app="ready"${m.content == null ? ', no "Compounding" heading' : ''}`);
      await sleep(50);
    }
    r.wire = state.bytes;
  } catch (e) {
    r.error = e.message.split('\n')[0];
  }
  const m = state.marks;
  if (m.content != null) r.paint = Math.max(since(m.content), m.fcp != null ? since(m.fcp) : 0);
  if (m.ready != null) [r.interactive, r.interactiveHow] = [since(m.ready), 'data-app=ready'];
  else if (m.link != null && m.wasm != null) [r.interactive, r.interactiveHow] = [since(Math.max(m.link, m.wasm)), 'fallback: link shown + wasm instantiated'];
  r.encodings = [...state.encodings];
  await page.close();
  return r;
}

// c: `/`, then Start a quiz on Compounding → Start quiz → first stem, each
// clicked as soon as it can be.
async function measureHomeQuestion(ctx, base) {
  const r = { question: null, wire: null, docs: null, error: null };
  const { page, state, mark, since } = await instrumentedPage(ctx);
  const deadline = Date.now() + TIMEOUT;
  const left = () => Math.max(1, deadline - Date.now());
  try {
    await page.goto(`${base}/`, { waitUntil: 'commit', timeout: TIMEOUT });
    const link = page.getByRole('link', { name: 'Start a quiz on Compounding' });
    const available = page.getByText(/^\s*[1-9]\d* questions available with these choices/);
    const start = page.getByRole('button', { name: 'Start quiz' });
    await clickUntil(page, link, start, deadline, 'the "Start a quiz on Compounding" link');
    await available.waitFor({ timeout: left() });
    await start.click({ timeout: left() });
    const stem = await mark('stem', left());
    r.question = since(stem);
    r.wire = state.bytes;
    r.swWire = state.swBytes();
  } catch (e) {
    r.error = e.message.split('\n')[0];
  }
  r.docs = state.docs;
  r.docUrls = state.docUrls;
  r.encodings = [...state.encodings];
  await page.close();
  return r;
}

// d: a shared-quiz link → Start → first stem.
async function measureLink(ctx, link) {
  const r = { question: null, wire: null, error: null };
  const { page, state, mark, since } = await instrumentedPage(ctx);
  const deadline = Date.now() + TIMEOUT;
  try {
    await page.goto(link, { waitUntil: 'commit', timeout: TIMEOUT });
    const start = page.getByRole('button', { name: 'Start', exact: true });
    await start.waitFor({ timeout: TIMEOUT });
    await start.click({ timeout: Math.max(1, deadline - Date.now()) });
    const stem = await mark('stem', Math.max(1, deadline - Date.now()));
    r.question = since(stem);
    r.wire = state.bytes;
    r.swWire = state.swBytes();
  } catch (e) {
    r.error = e.message.split('\n')[0];
  }
  r.encodings = [...state.encodings];
  await page.close();
  return r;
}

// Floor: the question text painted.
async function measureFloor(ctx, url) {
  const r = { paint: null, wire: null, error: null };
  const { page, state, mark, since } = await instrumentedPage(ctx);
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT });
    const stem = await mark('stem');
    const fcp = await mark('fcp', 5000).catch(() => null);
    r.paint = Math.max(since(stem), fcp != null ? since(fcp) : 0);
    r.wire = state.bytes;
  } catch (e) {
    r.error = e.message.split('\n')[0];
  }
  await page.close();
  return r;
}

async function newContext(browser) {
  const ctx = await browser.newContext({ ...DEVICE, serviceWorkers: 'allow' });
  await ctx.addInitScript(recorder);
  // Bytes a service worker fetches itself (precaching, network fallbacks).
  ctx.swBytes = 0;
  ctx.on('requestfinished', (req) => {
    if (!req.serviceWorker()) return;
    req.sizes().then((s) => (ctx.swBytes += s.responseBodySize + s.responseHeadersSize), () => {});
  });
  return ctx;
}

// Note: CDP network emulation on the page does not reach requests a service
// worker makes itself (setting it on the worker target was tried and has no
// effect in Chromium 148), so those run unthrottled; their bytes are counted
// apart (ctx.swBytes) and reported on their own lines.

// Removes any quiz in progress (so each measure starts from the same state).
async function clearQuizState(ctx, base) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  try {
    const storageId = { storageKey: `${base}/`, isLocalStorage: true };
    await cdp.send('DOMStorage.enable');
    const { entries } = await cdp.send('DOMStorage.getDOMStorageItems', { storageId });
    for (const [key] of entries) {
      if (key === 'pharmquiz.quiz' || key.startsWith('pharmquiz.backup.quiz.')) await cdp.send('DOMStorage.removeDOMStorageItem', { storageId, key });
    }
  } catch {}
  await page.close();
}

// The first visit: `/` unthrottled until the service worker controls the
// page. Returns 'sw' or 'http-cache' (no service worker), or throws.
let swAbsent = false;
async function firstVisit(ctx, base) {
  const page = await ctx.newPage();
  try {
    await page.goto(`${base}/`, { waitUntil: 'load', timeout: 60000 });
    await page.getByRole('link', { name: 'Start a quiz on Compounding' }).waitFor({ timeout: 60000 });
    if (swAbsent) return 'http-cache';
    const registered = await page
      .waitForFunction(async () => 'serviceWorker' in navigator && !!(await navigator.serviceWorker.getRegistration()), null, { timeout: 10000, polling: 250 })
      .then(() => true, () => false);
    if (!registered) {
      swAbsent = true;
      return 'http-cache';
    }
    // A registration that never activates or never controls the page is
    // treated as no service worker (noted), not as a failure.
    const ready = await withTimeout(page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), 30000, 'ready').catch(() => false);
    let controlled = ready && (await page.evaluate(() => !!navigator.serviceWorker.controller));
    if (ready && !controlled) {
      await page.reload({ waitUntil: 'load', timeout: 30000 });
      controlled = await page
        .waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000, polling: 250 })
        .then(() => true, () => false);
    }
    if (!controlled) {
      swAbsent = true;
      notes.add(ready ? 'a service worker is registered but never controlled the page (30 s after a reload)' : 'a service worker was registered but navigator.serviceWorker.ready never resolved (30 s)');
      return 'http-cache';
    }
    return 'sw';
  } finally {
    await page.close();
  }
}

// The share link: 10 random questions from Compounding, built in the Trainer.
async function makeShareLink(browser, base) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  try {
    await page.goto(`${base}/trainer`);
    await page.getByLabel('Quiz title').fill('Compounding check', { timeout: 60000 });
    await page.getByLabel('Your name (trainer)').fill('Dana Whitfield');
    await page.getByRole('checkbox', { name: 'Compounding', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Hazardous drugs', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Inventory management', exact: true }).uncheck();
    await page.getByRole('radio', { name: /^A random set/ }).check();
    await page.getByLabel('Number of questions').fill('10');
    const box = page.getByRole('textbox', { name: 'Quiz link' });
    await box.waitFor({ timeout: 30000 });
    const link = await box.inputValue();
    if (!/\/take#.+/.test(link)) throw new Error(`unexpected quiz link: ${link}`);
    return link;
  } finally {
    await ctx.close();
  }
}

// ---------------------------------------------------------------- Lighthouse
async function lighthouseRuns(urls) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...FLAGS] });
  const out = {};
  try {
    for (const [key, url] of Object.entries(urls)) {
      try {
        const res = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        });
        const lhr = res.lhr;
        const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
        const num = (a) => lhr.audits[a]?.numericValue ?? null;
        const failing = (c) =>
          (lhr.categories[c]?.auditRefs ?? [])
            .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score != null && lhr.audits[r.id].score < 1)
            .map((r) => r.id);
        out[key] = {
          url,
          finalDisplayedUrl: lhr.finalDisplayedUrl,
          hashKept: !url.includes('#') || lhr.finalDisplayedUrl.includes(url.slice(url.indexOf('#'))),
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          lcp: num('largest-contentful-paint'),
          tbt: num('total-blocking-time'),
          cls: num('cumulative-layout-shift'),
          fcp: num('first-contentful-paint'),
          failingAccessibility: failing('accessibility'),
          failingBestPractices: failing('best-practices'),
          runtimeError: lhr.runtimeError?.message ?? null,
          warnings: lhr.runWarnings ?? [],
          lighthouseVersion: lhr.lighthouseVersion,
          benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
        };
      } catch (e) {
        out[key] = { url, error: e.message.split('\n')[0] };
      }
    }
  } finally {
    await chrome.kill();
  }
  return out;
}

// ---------------------------------------------------------------- main
const started = new Date();
const loadBefore = loadavg()[0];
const floorDir = mkdtempSync(join(tmpdir(), 'pharmquiz-floor-'));
writeFileSync(join(floorDir, 'index.html'), FLOOR_HTML);
process.on('exit', () => rmSync(floorDir, { recursive: true, force: true }));

const shell = sizesOf(DIST, () => true);
const banks = sizesOf(join(DIST, 'questions'), (n) => /\.(toml|json)$/.test(n));
const wasm = wasmFiles(DIST).map((p) => {
  const raw = readFileSync(p);
  return { path: p.slice(DIST.length + 1), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
});
// The whole app is pharmquiz-<hash>_bg.wasm; the study app (study-<hash>) is a
// smaller build of part of it, loaded instead on the study pages, not as well.
const whole = wasm.find((w) => /(^|\/)pharmquiz-[0-9a-f]+_bg\.wasm$/.test(w.path))
  ?? wasm.reduce((a, w) => (!a || w.gzip > a.gzip ? w : a), null);
const wasmGzip = whole ? whole.gzip : 0;

const base = await serve(DIST);
const floorBase = await serve(floorDir);
const floorUrl = `${floorBase}/index.html`;
const hasSwFile = existsSync(join(DIST, 'sw.js'));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
const chromiumVersion = browser.version();
const notes = new Set();
let shareLink = null;
try {
  shareLink = await makeShareLink(browser, base);
} catch (e) {
  notes.add(`share link not made: ${e.message.split('\n')[0]}`);
}
process.stderr.write(`load bench: ${RUNS} runs against ${DIST} (${base})\n`);

const cold = { load: [], home: [], link: [], floor: [] };
const warm = { load: [], home: [], link: [], floor: [], via: [] };
const noLink = async () => ({ question: null, error: 'no share link' });
const t0 = Date.now();
for (let run = 1; run <= RUNS; run++) {
  process.stderr.write(`  run ${run}/${RUNS}:`);
  const phase = async (label, f) => {
    const t = Date.now();
    const r = await f();
    process.stderr.write(` ${label} ${((Date.now() - t) / 1000).toFixed(0)}s`);
    return r;
  };
  // cold: a fresh context each (empty cache, no service worker)
  for (const [k, f] of [
    ['floor', (c) => measureFloor(c, floorUrl)],
    ['load', (c) => measureHomeLoad(c, base)],
    ['home', (c) => measureHomeQuestion(c, base)],
    ['link', (c) => (shareLink ? measureLink(c, shareLink) : noLink())],
  ]) {
    await phase(`cold-${k}`, async () => {
      const ctx = await newContext(browser);
      cold[k].push(await f(ctx));
      await ctx.close();
    });
  }
  // warm floor: a second navigation in the same context
  await phase('warm-floor', async () => {
    const ctx = await newContext(browser);
    await measureFloor(ctx, floorUrl);
    warm.floor.push(await measureFloor(ctx, floorUrl));
    await ctx.close();
  });
  // warm app: a first visit installs the service worker, then measure
  await phase('warm-app', async () => {
    const ctx = await newContext(browser);
    let via = null;
    try {
      via = await firstVisit(ctx, base);
    } catch (e) {
      const error = `first visit failed: ${e.message.split('\n')[0]}`;
      for (const k of ['load', 'home', 'link']) warm[k].push({ error });
    }
    if (via) {
      warm.via.push(via);
      await clearQuizState(ctx, base);
      warm.load.push(await measureHomeLoad(ctx, base));
      warm.home.push(await measureHomeQuestion(ctx, base));
      await clearQuizState(ctx, base);
      warm.link.push(shareLink ? await measureLink(ctx, shareLink) : await noLink());
    }
    await ctx.close();
  });
  process.stderr.write('\n');
}
process.stderr.write(`  measured in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
await browser.close();

let lh = null;
if (!NO_LH) {
  process.stderr.write('  lighthouse…\n');
  const urls = { home: `${base}/` };
  if (shareLink) urls.link = shareLink;
  lh = await lighthouseRuns(urls);
}

// ---------------------------------------------------------------- report
function stat(results, field) {
  const ok = results.map((r) => r[field]).filter((v) => typeof v === 'number');
  const errors = [...new Set(results.filter((r) => typeof r[field] !== 'number').map((r) => r.error ?? `no ${field}`))];
  if (!ok.length) return { median: null, min: null, max: null, n: 0, errors };
  return { median: median(ok), min: Math.min(...ok), max: Math.max(...ok), n: ok.length, errors };
}
const floorCold = stat(cold.floor, 'paint');
const floorWarm = stat(warm.floor, 'paint');
const warmVia = warm.via.length ? (warm.via.every((v) => v === 'sw') ? 'sw' : warm.via.includes('sw') ? 'mixed' : 'http-cache') : 'n/a';
const warmLabel = warmVia === 'sw' ? 'warm (service worker)' : warmVia === 'http-cache' ? 'warm (no service worker: HTTP cache only)' : `warm (${warmVia})`;

const rows = [];
function row(label, s, floor, budget) {
  const ratio = s.median != null && floor.median ? s.median / floor.median : null;
  let verdict = '';
  if (budget != null) {
    if (ratio == null) verdict = 'n/a';
    else if (ratio <= budget) verdict = 'meets';
    else verdict = `misses by ${(ratio - budget).toFixed(2)}× floor (${ms(s.median - budget * floor.median)})`;
  }
  rows.push({ label, ...s, ratio, budget: budget != null ? `≤ ${budget}× floor` : null, verdict });
}
row('cold  floor: question painted', floorCold, floorCold, null);
row('cold  home: first paint of content', stat(cold.load, 'paint'), floorCold, BUDGETS.coldPaint);
row('cold  home: interactive', stat(cold.load, 'interactive'), floorCold, null);
row('cold  first question from home', stat(cold.home, 'question'), floorCold, BUDGETS.coldQuestion);
row('cold  first question from link', stat(cold.link, 'question'), floorCold, BUDGETS.coldQuestion);
row('warm  floor: question painted', floorWarm, floorWarm, null);
row('warm  home: first paint of content', stat(warm.load, 'paint'), floorWarm, null);
row('warm  home: interactive', stat(warm.load, 'interactive'), floorWarm, null);
row('warm  first question from home', stat(warm.home, 'question'), floorWarm, BUDGETS.warmQuestion);
row('warm  first question from link', stat(warm.link, 'question'), floorWarm, BUDGETS.warmQuestion);

const wire = {
  coldHome: stat(cold.home, 'wire'),
  coldLink: stat(cold.link, 'wire'),
  warmHome: stat(warm.home, 'wire'),
  warmLink: stat(warm.link, 'wire'),
  floor: stat(cold.floor, 'wire'),
  swColdHome: stat(cold.home, 'swWire'),
  swColdLink: stat(cold.link, 'swWire'),
};
const encodings = [...new Set([...cold.home, ...cold.link].flatMap((r) => r.encodings ?? []))];
const howInteractive = [...new Set([...cold.load, ...warm.load].map((r) => r.interactiveHow).filter(Boolean))];
const reloads = (rs) => rs.filter((r) => r.docs > 1).length;

const L = [];
const p = (s = '') => L.push(s);
p(`PharmQuiz load benchmark — ${started.toISOString()}`);
p(`dist: ${DIST}`);
p(`Chromium ${chromiumVersion} (headless, ${CHROMIUM}); viewport 390×844 @3x, mobile, touch`);
p(`throttling (CDP): latency ${NET.latency} ms, down 1.6 Mbit/s (= 1.6·1024·1024/8 = ${NET.downloadThroughput.toFixed(1)} B/s), up 750 kbit/s (= 750·1024/8 = ${NET.uploadThroughput} B/s), CPU ×${CPU_RATE}`);
p(`host: ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end (other work on the machine slows every figure)`);
p(`runs: ${RUNS} per measure; figures are median (min–max) in ms from navigation start; KB = 1024 bytes`);
p(`floor: static HTML, one question (${FLOOR_HTML.match(/class="stem">([^<]*)/)[1].length}-char stem, 4 options), no JS, same server`);
p();
p('Sizes (compressed here with zlib: gzip -9, brotli q11)');
const sizeTable = (title, list) => {
  p(`  ${title}`);
  if (!list.length) return p('    (none)');
  const w = Math.max(...list.map((f) => f.name.length));
  for (const f of list) p(`    ${f.name.padEnd(w)}  raw ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip).padStart(10)}  br ${kb(f.brotli).padStart(10)}`);
  const t = list.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  p(`    ${'total'.padEnd(w)}  raw ${kb(t.raw).padStart(10)}  gzip ${kb(t.gzip).padStart(10)}  br ${kb(t.brotli).padStart(10)}`);
};
sizeTable('shell (dist/)', shell);
sizeTable('banks (dist/questions/)', banks);
for (const d of readdirSync(DIST).filter((n) => n !== 'questions' && statSync(join(DIST, n)).isDirectory())) {
  const files = sizesOf(join(DIST, d), () => true);
  const t = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
  p(`  ${d}/: ${files.length} files, raw ${kb(t.raw)}, gzip ${kb(t.gzip)}`);
}
const wasmVerdict = wasmGzip <= BUDGETS.wasmGzipKB * KB ? 'meets' : `misses by ${kb(wasmGzip - BUDGETS.wasmGzipKB * KB)}`;
p(`  whole-app wasm: ${kb(wasmGzip)} gzip (${whole ? whole.path : 'none'})   budget ≤ ${BUDGETS.wasmGzipKB} KB gzip: ${wasmVerdict}`);
for (const w of wasm) if (w !== whole) p(`  other wasm: ${kb(w.gzip)} gzip (${w.path})`);
p();
p(`Bytes on the wire before the first question (CDP Network.loadingFinished encodedDataLength, page requests; served encodings: ${encodings.join(', ') || 'identity'})`);
const wireBudget = BUDGETS.wireBeforeQuestionKB * KB;
let swNoted = false;
for (const [label, s, budget] of [
  ['cold, from home', wire.coldHome, true],
  ['cold, from link', wire.coldLink, true],
  ['warm, from home', wire.warmHome, false],
  ['warm, from link', wire.warmLink, false],
  ['floor page', wire.floor, false],
  ['cold, from home, by the service worker', wire.swColdHome, false],
  ['cold, from link, by the service worker', wire.swColdLink, false],
  // (a service worker's own requests are not throttled by the page's CDP emulation)
]) {
  if (label.includes('service worker') && !s.max) continue;
  if (label.includes('service worker') && !swNoted) {
    swNoted = true;
    p('  the service worker\'s own requests (precaching, pass-through fetches): not throttled by the page\'s CDP emulation, not in the figures above');
  }
  const v = s.median == null ? 'n/a' : s.median <= wireBudget ? 'meets' : `misses by ${kb(s.median - wireBudget)}`;
  p(`  ${label.padEnd(38)} ${s.median == null ? 'n/a'.padStart(10) : kb(s.median).padStart(10)}  (${s.median == null ? '–' : `${kb(s.min)}–${kb(s.max)}`})${budget ? `   budget ≤ ${BUDGETS.wireBeforeQuestionKB} KB: ${v}` : ''}`);
}
p();
p(`Timings (${warmLabel} for the warm rows)`);
const w = Math.max(...rows.map((r) => r.label.length));
for (const r of rows) {
  const fig = r.median == null ? 'n/a' : `${ms(r.median)} (${ms(r.min)}–${ms(r.max)})${r.n < RUNS ? ` [${r.n}/${RUNS} runs]` : ''}`;
  const ratio = r.ratio == null ? '' : ` = ${r.ratio.toFixed(2)}× floor`;
  const budget = r.budget ? `   budget ${r.budget}: ${r.verdict}` : '';
  p(`  ${r.label.padEnd(w)}  ${fig}${ratio}${budget}`);
  if (r.n < RUNS && r.errors.length) p(`  ${''.padEnd(w)}    n/a because: ${r.errors.join('; ')}`);
}
p(`  interactive = ${howInteractive.join(' / ') || 'n/a (no data-app="ready", and no link + wasm instantiation seen)'}`);
for (const [k, rs] of [['cold', cold.home], ['warm', warm.home]]) {
  if (reloads(rs)) p(`  note: in ${reloads(rs)}/${rs.length} ${k} "first question from home" runs the link was clicked before the app took over, so it loaded ${rs.find((r) => r.docs > 1).docUrls[1]?.replace(base, '') ?? 'a new page'} as a new page (as a tap would)`);
}
if (warmVia !== 'sw') p(`  note: warm = ${warmVia === 'http-cache' ? `no service worker${hasSwFile ? ' registered (dist has sw.js)' : ''}; second visit with whatever the HTTP cache keeps` : warmVia}`);
p();
if (lh) {
  p('Lighthouse (mobile, simulated throttling; categories performance, accessibility, best-practices)');
  for (const [k, r] of Object.entries(lh)) {
    const label = k === 'home' ? '/' : '/take#…';
    if (r.error || r.runtimeError) {
      p(`  ${label.padEnd(8)} n/a: ${r.error ?? r.runtimeError}`);
      continue;
    }
    const v = (got, want, atLeast) => (got == null ? 'n/a' : (atLeast ? got >= want : got === want) ? 'meets' : `misses by ${want - got}`);
    p(`  ${label.padEnd(8)} performance ${r.performance} (≥ ${BUDGETS.lhPerformance}: ${v(r.performance, BUDGETS.lhPerformance, true)}), accessibility ${r.accessibility} (= 100: ${v(r.accessibility, 100)}), best practices ${r.bestPractices} (= 100: ${v(r.bestPractices, 100)})`);
    p(`  ${''.padEnd(8)} LCP ${ms(r.lcp)}, TBT ${ms(r.tbt)}, CLS ${r.cls == null ? 'n/a' : r.cls.toFixed(3)}, FCP ${ms(r.fcp)}${k === 'link' ? `; hash kept: ${r.hashKept ? 'yes' : `NO (${r.finalDisplayedUrl})`}` : ''}`);
    const fails = [...r.failingAccessibility, ...r.failingBestPractices];
    if (fails.length) p(`  ${''.padEnd(8)} failing audits: ${fails.join(', ')}`);
    if (r.benchmarkIndex != null) p(`  ${''.padEnd(8)} Lighthouse ${r.lighthouseVersion}, host benchmarkIndex ${Math.round(r.benchmarkIndex)}`);
    for (const wn of r.warnings) p(`  ${''.padEnd(8)} warning: ${String(wn).split('\n')[0]}`);
  }
  p();
}
for (const n of notes) p(`note: ${n}`);
console.log(L.join('\n'));

try {
  mkdirSync(dirname(JSON_OUT), { recursive: true });
  writeFileSync(
    JSON_OUT,
    JSON.stringify(
      { date: started.toISOString(), dist: DIST, chromium: chromiumVersion, throttling: { ...NET, cpuRate: CPU_RATE, device: DEVICE }, runs: RUNS, budgets: BUDGETS,
        sizes: { shell, banks, wasm, wasmGzip }, wire, encodings, timings: rows, warmVia, shareLink, lighthouse: lh, raw: { cold, warm } },
      null,
      2,
    ),
  );
  console.log(`(JSON written to ${JSON_OUT})`);
} catch (e) {
  console.log(`(JSON not written: ${e.message})`);
}
// The servers' pipes would keep Node running: stop them and leave.
stopServers();
process.exit(0);
