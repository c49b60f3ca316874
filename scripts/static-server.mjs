// A small static file server for the release build, behaving like the
// production hosts described in README.md ("Deploying").
// Usage: node scripts/static-server.mjs <dir> <port> [<prefix>]
//   <port> 0 picks a free port; the first line printed names the address.
//   With a prefix (e.g. /pharmquiz/) the folder is served under that path
//   only, as a build made with `trunk build --public-url <prefix>` expects;
//   the prefix without its slash redirects to it.
// Routes: `/` → index.html; `/x` → x.html when it exists; a missing path
// with a file extension → 404; any other path → 404.html with status 200
// (the app shell, which routes on the client), else index.html.
// Encoding: <file>.br when the request accepts br, else <file>.gz when it
// accepts gzip (as scripts/pwa.mjs writes them), else the file itself,
// gzipped on the fly when compressible (so a plain trunk dist works too).
// Caching: names with trunk's content hash (pharmquiz-<hash>_bg.wasm,
// main-<hash>.css, boot-<hash>.js) are immutable for a year; everything
// else (HTML, questions/, sw.js, the manifest) is `no-cache`, revalidated
// by ETag.
// Security: a path that is badly encoded, or not a path, is a 400; one
// that leads outside the folder is a 404. Every response carries the
// security headers of README.md ("Deploying"): the page's own
// Content-Security-Policy (read from its meta tag, which the prerender
// writes, so the two never drift) plus `frame-ancestors 'none'`, which a
// meta tag cannot set; nosniff; no referrer; no framing.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8090);
const prefix = process.argv[4] ?? '/';
const compressible = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.toml', '.json', '.md', '.svg', '.webmanifest', '.txt']);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.toml': 'text/plain; charset=utf-8',
  '.json': 'application/json', '.md': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png',
  '.ico': 'image/x-icon', '.webp': 'image/webp', '.woff2': 'font/woff2',
};
const HASHED = /-[0-9a-f]{8,16}(?:_bg)?\.[a-z0-9]+$|(?:^|\/)snippets\//;
const gzipped = new Map(); // on-the-fly gzip, per file and modification time
const policies = new Map(); // a page's meta CSP, per file and modification time

const isFile = async f => { try { return (await stat(f)).isFile(); } catch { return false; } };

/** Whether `file` is the folder or inside it (a bare prefix check would let
 * `../www-secret` through for a folder named `www`). */
function inside(file) {
  const rel = relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** The file for a path inside the folder, or null for 404. */
async function resolveFile(path) {
  const rel = path.replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  if (!inside(file)) return null;
  if (rel === '' || rel.endsWith('/')) {
    if (await isFile(join(file, 'index.html'))) return join(file, 'index.html');
  } else {
    if (await isFile(file)) return file;
    if (extname(rel)) return null;
    if (await isFile(file + '.html')) return file + '.html';
  }
  if (await isFile(join(root, '404.html'))) return join(root, '404.html');
  return join(root, 'index.html');
}

/** The Content-Security-Policy of an HTML file's meta tag, or null. */
async function metaPolicy(file) {
  let info;
  try { info = await stat(file); } catch { return null; }
  const key = `${file}:${info.mtimeMs}`;
  if (!policies.has(key)) {
    const html = await readFile(file, 'utf8');
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    policies.set(key, m ? m[1] : null);
  }
  return policies.get(key);
}

/** The security headers for a response: the served page's policy, or for
 * any other response the home page's (or, with no page, nothing allowed),
 * with framing refused. */
async function securityHeaders(file) {
  const page = file && extname(file) === '.html' ? file : join(root, 'index.html');
  const policy = (await metaPolicy(page))?.trim().replace(/;$/, '') || "default-src 'none'";
  return {
    'content-security-policy': `${policy}; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** The request's path, decoded; null when it is not a path or is badly
 * encoded (`%E0%A4%A`), which is a 400. */
function requestPath(target) {
  if (!target.startsWith('/')) return null;
  try {
    const path = decodeURIComponent(target.replace(/[?#].*$/s, ''));
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

function accepts(header, coding) {
  const m = new RegExp(`(?:^|,)\\s*${coding}\\s*(?:;\\s*q\\s*=\\s*([0-9.]+))?\\s*(?:,|$)`, 'i').exec(header);
  return !!m && (m[1] === undefined || Number(m[1]) > 0);
}

const server = createServer(async (req, res) => {
  try {
    const plain = async (status, text, extra = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...extra, ...await securityHeaders(null) });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      await plain(405, 'method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    const full = requestPath(req.url ?? '');
    if (full === null) {
      await plain(400, 'bad request');
      return;
    }
    if (prefix !== '/' && full === prefix.replace(/\/$/, '')) {
      const query = /\?.*$/s.exec(req.url)?.[0] ?? '';
      await plain(301, 'moved', { location: prefix + query });
      return;
    }
    if (!full.startsWith(prefix)) {
      await plain(404, 'not found');
      return;
    }
    const file = await resolveFile(full.slice(prefix.length));
    if (!file) {
      await plain(404, 'not found');
      return;
    }
    const ext = extname(file);
    const relName = relative(root, file).split(sep).join('/');
    const headers = {
      'content-type': types[ext] ?? 'application/octet-stream',
      'cache-control': HASHED.test(relName) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...await securityHeaders(file),
    };
    let body;
    let info = await stat(file);
    if (compressible.has(ext)) {
      headers.vary = 'Accept-Encoding';
      const accept = req.headers['accept-encoding'] ?? '';
      for (const [coding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (accepts(accept, coding) && await isFile(file + suffix)) {
          body = await readFile(file + suffix);
          info = await stat(file + suffix);
          headers['content-encoding'] = coding;
          break;
        }
      }
      if (!body && accepts(accept, 'gzip')) {
        const key = `${file}:${info.mtimeMs}`;
        if (!gzipped.has(key)) {
          const plain = await readFile(file);
          const packed = gzipSync(plain, { level: 9 });
          gzipped.set(key, packed.length < plain.length ? packed : null);
        }
        if (gzipped.get(key)) {
          body = gzipped.get(key);
          headers['content-encoding'] = 'gzip';
        }
      }
    }
    body ??= await readFile(file);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${headers['content-encoding'] ? '-' + headers['content-encoding'] : ''}"`;
    headers.etag = etag;
    headers['last-modified'] = info.mtime.toUTCString();
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    // The details go to the console, not to the client.
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('internal error');
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${root} at http://127.0.0.1:${server.address().port}${prefix}`);
});
