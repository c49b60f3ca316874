// The static server (scripts/static-server.mjs), as documented for hosting:
// bad paths are refused without killing it, nothing outside the served
// folder is reachable, and every response carries the security headers.
// Run with `node --test tests/server.test.mjs` (scripts/test does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(repo, 'scripts', 'static-server.mjs');

/** The meta policy of the source page (the prerender adds only a style hash). */
async function sourcePolicy() {
  const html = await readFile(join(repo, 'index.html'), 'utf8');
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
}

const HASH = "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='";
let dir;
let policy;
const servers = [];

/** Starts the server on a free port; resolves to its base address. */
function start(folder, prefix) {
  const child = spawn(process.execPath, [server, folder, '0', ...(prefix ? [prefix] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', d => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', code => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

/** A GET of `path` exactly as written (no normalising or re-encoding). */
function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, res => {
      let body = '';
      res.on('data', d => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root;
let sub;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-server-'));
  policy = (await sourcePolicy()).replace("style-src 'self'", `style-src 'self' ${HASH}`);
  const page = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}" /></head><body>home</body></html>`;
  await mkdir(join(dir, 'www', 'questions'), { recursive: true });
  await writeFile(join(dir, 'www', 'index.html'), page);
  await writeFile(join(dir, 'www', '404.html'), page.replace('home', 'shell'));
  await writeFile(join(dir, 'www', 'app-0123456789abcdef.js'), 'export {};');
  await writeFile(join(dir, 'www', 'questions', 'manifest.json'), '{}');
  // A sibling whose name starts with the served folder's name.
  await mkdir(join(dir, 'www-secret'));
  await writeFile(join(dir, 'www-secret', 'secret.txt'), 'SECRET');
  root = await start(join(dir, 'www'));
  sub = await start(join(dir, 'www'), '/pharmquiz/');
});

after(async () => {
  for (const s of servers) s.kill();
  await rm(dir, { recursive: true, force: true });
});

test('a badly encoded path is a 400 and the server keeps serving', async () => {
  for (const { port } of [root, sub]) {
    for (const path of ['/%E0%A4%A', '/pharmquiz/%E0%A4%A', '//%E0%A4%A', '/%', '/a%00b']) {
      const res = await get(port, path);
      assert.equal(res.status, 400, path);
    }
    assert.equal((await get(port, '/pharmquiz/')).status, 200, 'still up');
  }
  assert.equal(root.child.exitCode, null);
  assert.equal(sub.child.exitCode, null);
});

test('nothing outside the served folder is reachable', async () => {
  const paths = [
    '/..%2fwww-secret%2fsecret.txt',
    '/..%2Fwww-secret/secret.txt',
    '/%2e%2e/www-secret/secret.txt',
    '/..%5cwww-secret%5csecret.txt',
    '/questions/..%2f..%2fwww-secret%2fsecret.txt',
  ];
  for (const path of paths) {
    for (const [{ port }, p] of [[root, path], [sub, `/pharmquiz${path}`]]) {
      const res = await get(port, p);
      assert.notEqual(res.status, 200, p);
      assert.ok(!res.body.includes('SECRET'), p);
    }
  }
  // Inside the folder still works, `..` included.
  const ok = await get(root.port, '/questions/..%2findex.html');
  assert.equal(ok.status, 200);
  assert.match(ok.body, /home/);
});

test('every response carries the security headers', async () => {
  const responses = {
    page: await get(root.port, '/'),
    shell: await get(root.port, '/quiz/3'),
    script: await get(root.port, '/app-0123456789abcdef.js'),
    json: await get(root.port, '/questions/manifest.json'),
    missing: await get(root.port, '/nothing.js'),
    bad: await get(root.port, '/%E0%A4%A'),
    redirect: await get(sub.port, '/pharmquiz'),
  };
  const expected = `${policy}; frame-ancestors 'none'`;
  for (const [name, res] of Object.entries(responses)) {
    assert.equal(res.headers['content-security-policy'], expected, name);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', name);
    assert.equal(res.headers['referrer-policy'], 'no-referrer', name);
    assert.equal(res.headers['x-frame-options'], 'DENY', name);
  }
  assert.equal(responses.page.status, 200);
  assert.equal(responses.shell.status, 200);
  assert.equal(responses.missing.status, 404);
  assert.equal(responses.redirect.status, 301);
});

test("the page's header policy is its meta policy, which the header can't weaken", async () => {
  const res = await get(root.port, '/');
  const header = res.headers['content-security-policy'];
  const meta = /content="([^"]*)"/.exec(res.body)[1];
  assert.equal(header, `${meta}; frame-ancestors 'none'`);
  for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'self'"]) {
    assert.ok(header.split(/;\s*/).includes(d), d);
  }
});

test("the README's hosting headers keep in step with the page's policy", async () => {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const m = /add_header Content-Security-Policy "([^"]*)" always;/.exec(readme);
  assert.ok(m, 'the nginx snippet sends a Content-Security-Policy');
  // The header leaves the inlined stylesheet to the page's own policy,
  // which allows it by a hash that changes with the stylesheet.
  const documented = m[1].replace("style-src 'self' 'unsafe-inline'", "style-src 'self'");
  assert.equal(documented, `${await sourcePolicy()}; frame-ancestors 'none'`);
  for (const h of ['X-Content-Type-Options nosniff', 'Referrer-Policy no-referrer', 'X-Frame-Options DENY']) {
    assert.ok(readme.includes(`add_header ${h} always;`), h);
  }
});
