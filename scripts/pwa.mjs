// Makes a built PharmQuiz folder installable, offline-capable and
// precompressed. Runs as the last post-build step, over the finished folder:
//
//   node scripts/pwa.mjs <dir> [<public-url>]
//   (as a trunk post_build hook, both default to $TRUNK_STAGING_DIR and $TRUNK_PUBLIC_URL)
//
// <public-url> is what the build was made with (`trunk build --public-url`);
// without it, the <base href> of <dir>/index.html is used, else "/". Steps:
//   1. every top-level *.html: trunk's inline module script (which a strict
//      CSP would refuse) moves to one content-hashed file boot-<hash>.js, and
//      the head gets the manifest link, theme colours, apple-touch-icon and
//      sw-register.js;
//   2. icons/, sw-register.js (from web/) and manifest.webmanifest;
//   3. sw.js from the template web/sw.js, with the list of files to precache
//      taken from the folder itself and a version that hashes their contents;
//   4. <file>.br (brotli 11) and <file>.gz (gzip -9) beside every text and
//      wasm file, when smaller, with the source's modification time.
// Running it twice changes nothing: files are only written when their
// content changes, and compressed copies whose source kept its modification
// time are reused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..', 'web');

const BRAND = '#0b5cad'; // --accent in style/main.css (light)
const LIGHT_BG = '#f7f8fa'; // --bg, light
const DARK_BG = '#12161b'; // --bg, dark
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.toml', '.md', '.svg', '.webmanifest', '.txt']);

// As a trunk post_build hook, the arguments may be left out: trunk sets these.
const dirArg = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
const dir = resolve(dirArg ?? '');
if (!dirArg || !existsSync(join(dir, 'index.html'))) {
  console.error('usage: node scripts/pwa.mjs <dir with index.html> [<public-url>]');
  process.exit(2);
}
const pub = publicUrl(process.argv[3] ?? process.env.TRUNK_PUBLIC_URL);

/** "/", "/pharmquiz/": always with leading and trailing slash. */
function publicUrl(arg) {
  let url = arg;
  if (!url) url = /<base\s+href="([^"]*)"/i.exec(readFileSync(join(dir, 'index.html'), 'utf8'))?.[1] ?? '/';
  if (!url.startsWith('/') && !/^https?:\/\//.test(url)) url = '/' + url;
  return url.endsWith('/') ? url : url + '/';
}

const sha = (data, alg = 'sha256') => createHash(alg).update(data).digest('hex');

/** Writes only when the content differs, so modification times (and compressed copies) survive a re-run. */
function writeIfChanged(file, data) {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (existsSync(file) && readFileSync(file).equals(buf)) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, buf);
  return true;
}

/** Every file under `root`, as forward-slash paths relative to it, sorted. */
function walk(root) {
  const out = [];
  const visit = d => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const full = join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  visit(root);
  return out.sort();
}

// --- 1. HTML: boot script out of line, head links ---
const INLINE_MODULE = /<script\b(?![^>]*\bsrc\s*=)[^>]*\btype\s*=\s*["']?module["']?[^>]*>([\s\S]*?)<\/script>/gi;
const headTags = [
  [/<link\b[^>]*\brel\s*=\s*["']?manifest\b/i, `<link rel="manifest" href="${pub}manifest.webmanifest">`],
  [/<meta\b[^>]*\bname\s*=\s*["']?theme-color\b[^>]*prefers-color-scheme:\s*light/i, `<meta name="theme-color" content="${BRAND}" media="(prefers-color-scheme: light)">`],
  [/<meta\b[^>]*\bname\s*=\s*["']?theme-color\b[^>]*prefers-color-scheme:\s*dark/i, `<meta name="theme-color" content="${DARK_BG}" media="(prefers-color-scheme: dark)">`],
  [/<link\b[^>]*\brel\s*=\s*["']?apple-touch-icon\b/i, `<link rel="apple-touch-icon" href="${pub}icons/apple-touch-icon.png">`],
  [/<script\b[^>]*\bsrc\s*=\s*["'][^"']*sw-register\.js["']/i, `<script src="${pub}sw-register.js" defer></script>`],
];
const pages = readdirSync(dir).filter(n => n.endsWith('.html')).sort();
const boots = new Map(); // boot file name -> content
for (const name of pages) {
  const file = join(dir, name);
  let html = readFileSync(file, 'utf8');
  html = html.replace(INLINE_MODULE, (whole, body) => {
    // Only trunk's loader (it imports the wasm-bindgen module and calls init).
    if (!/\bimport\s+init\b/.test(body)) return whole;
    const code = body.trim() + '\n';
    const boot = `boot-${sha(code).slice(0, 16)}.js`;
    boots.set(boot, code);
    return `<script type="module" src="${pub}${boot}"></script>`;
  });
  const missing = headTags.filter(([present]) => !present.test(html)).map(([, tag]) => tag);
  if (missing.length) {
    if (!/<\/head>/i.test(html)) throw new Error(`${name}: no </head>`);
    html = html.replace(/<\/head>/i, `\n${missing.join('\n')}\n</head>`);
  }
  writeIfChanged(file, html);
}
for (const [boot, code] of boots) writeIfChanged(join(dir, boot), code);
const bootNames = readdirSync(dir).filter(n => /^boot-[0-9a-f]{16}\.js$/.test(n));
if (!bootNames.length) console.warn('pwa: warning: no boot-<hash>.js: trunk\'s inline loader script was not found in any page');

// --- 2. icons, sw-register.js, manifest.webmanifest ---
for (const icon of readdirSync(join(web, 'icons')).filter(n => n.endsWith('.png'))) {
  writeIfChanged(join(dir, 'icons', icon), readFileSync(join(web, 'icons', icon)));
}
writeIfChanged(join(dir, 'sw-register.js'), readFileSync(join(web, 'sw-register.js')));
const manifest = {
  id: pub,
  name: 'PharmQuiz',
  short_name: 'PharmQuiz',
  description: 'Study compounding, hazardous drugs and inventory management for pharmacy technician practice, online or offline.',
  lang: 'en',
  start_url: pub,
  scope: pub,
  display: 'standalone',
  theme_color: BRAND,
  background_color: LIGHT_BG,
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
writeIfChanged(join(dir, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2) + '\n');

// --- 3. sw.js with a precache list and version taken from the folder ---
const all = walk(dir);
const has = new Set(all);
const precache = all.filter(p => {
  if (/\.(br|gz)$/.test(p) || p === 'sw.js') return false;
  // Bank sources: the app reads the precompiled .json when there is one.
  if (p.startsWith('questions/') && p.endsWith('.md')) return false;
  if (p.startsWith('questions/') && p.endsWith('.toml') && has.has(p.replace(/\.toml$/, '.json'))) return false;
  return true;
});
const versionHash = createHash('sha256');
let precacheBytes = 0;
for (const p of precache) {
  const data = readFileSync(join(dir, p));
  precacheBytes += data.length;
  versionHash.update(`${p}\0${sha(data)}\n`);
}
const version = versionHash.digest('hex').slice(0, 16);
const template = readFileSync(join(web, 'sw.js'), 'utf8');
const versionLine = /^const VERSION = .*\/\/ @pwa:version$/m;
const precacheLine = /^const PRECACHE = .*\/\/ @pwa:precache$/m;
if (!versionLine.test(template) || !precacheLine.test(template)) throw new Error('web/sw.js: the @pwa:version or @pwa:precache line is missing');
const sw = template
  .replace(versionLine, () => `const VERSION = '${version}'; // @pwa:version`)
  .replace(precacheLine, () => `const PRECACHE = [\n${precache.map(p => `  ${JSON.stringify(p)},`).join('\n')}\n]; // @pwa:precache`);
writeIfChanged(join(dir, 'sw.js'), sw);

// --- 4. precompressed copies ---
let compressed = 0, plain = 0, br = 0, gz = 0;
const files = walk(dir);
const present = new Set(files);
for (const p of files) {
  const m = /^(.*)\.(br|gz)$/.exec(p);
  // A compressed copy whose source is gone.
  if (m && COMPRESSIBLE.has(extname(m[1])) && !present.has(m[1])) rmSync(join(dir, p));
}
for (const p of files) {
  if (!COMPRESSIBLE.has(extname(p))) continue;
  const file = join(dir, p);
  let st = statSync(file);
  // Whole seconds, so the source and its copies carry exactly the same time.
  const time = Math.floor(st.mtimeMs / 1000);
  // A time with a fraction of a second is one this script has not set: the file is new or changed.
  const changed = st.mtimeMs !== time * 1000;
  if (changed) {
    utimesSync(file, time, time);
    st = statSync(file);
  }
  let data = null;
  for (const [suffix, compress] of [
    ['.br', d => brotliCompressSync(d, { params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: p.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: d.length,
    } })],
    ['.gz', d => gzipSync(d, { level: 9 })],
  ]) {
    const target = file + suffix;
    let size;
    if (!changed && existsSync(target) && statSync(target).mtimeMs === st.mtimeMs) {
      size = statSync(target).size; // made from this very version of the file
    } else {
      data ??= readFileSync(file);
      const out = compress(data);
      if (out.length >= data.length) {
        rmSync(target, { force: true });
        continue;
      }
      writeFileSync(target, out);
      utimesSync(target, time, time);
      size = out.length;
    }
    if (suffix === '.br') br += size; else gz += size;
  }
  compressed++;
  plain += st.size;
}

console.log(`pwa: ${dir} for ${pub}: ${pages.length} pages, ${bootNames.join(', ') || 'no boot script'}`);
console.log(`pwa: precache ${precache.length} files (${precacheBytes} bytes), version ${version}`);
console.log(`pwa: ${compressed} compressible files, ${plain} bytes: ${br} as .br, ${gz} as .gz`);
