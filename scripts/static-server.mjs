// A minimal static file server for the release build, with the single-page
// fallback a router needs: unknown paths without a file extension get
// index.html. Usage: node scripts/static-server.mjs <dir> <port> [<prefix>]
// With a prefix (e.g. /pharmquiz/) the folder is served under that path
// only, as a build made with `trunk build --public-url <prefix>` expects.
// Responses are gzipped when the browser accepts it, as any production host
// would; compressed bodies are cached per file and modification time.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8090);
const prefix = process.argv[4] ?? '/';
const compressible = new Set(['.html', '.js', '.wasm', '.css', '.toml', '.json', '.md', '.svg']);
const gzipped = new Map();
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.toml': 'text/plain; charset=utf-8', '.json': 'application/json',
  '.md': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
};

createServer(async (req, res) => {
  const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!(full + '/').startsWith(prefix)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
  const path = '/' + full.slice(prefix.length);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
  } catch {
    if (extname(path)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    file = join(root, 'index.html');
  }
  try {
    let body = await readFile(file);
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', vary: 'accept-encoding' };
    if (compressible.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const key = `${file}:${(await stat(file)).mtimeMs}`;
      if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
      body = gzipped.get(key);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`Serving ${root} at http://127.0.0.1:${port}${prefix}`));
