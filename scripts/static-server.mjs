// A minimal static file server for the release build, with the single-page
// fallback a router needs: unknown paths without a file extension get
// index.html. Usage: node scripts/static-server.mjs <dir> <port> [<prefix>]
// With a prefix (e.g. /pharmquiz/) the folder is served under that path
// only, as a build made with `trunk build --public-url <prefix>` expects.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8090);
const prefix = process.argv[4] ?? '/';
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
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`Serving ${root} at http://127.0.0.1:${port}${prefix}`));
