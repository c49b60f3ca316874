// PharmQuiz service worker: the app works offline once it has been opened.
// This file is a template. scripts/pwa.mjs writes the real sw.js into the
// built folder, filling in VERSION (a hash of every precached file) and
// PRECACHE (every file of the build except compressed copies, sw.js and
// bank sources that have a precompiled .json). Paths are relative to the
// folder that holds sw.js, which is also the scope, so a build for a
// sub-path (--public-url /pharmquiz/) works unchanged.
const VERSION = 'dev'; // @pwa:version
const PRECACHE = []; // @pwa:precache

const SCOPE = new URL('./', self.location.href);
const PREFIX = `pharmquiz:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
// Trunk's content-hashed names (pharmquiz-1a2b3c4d5e6f7a8b_bg.wasm): the same
// name always means the same bytes, so the HTTP cache or an older version's
// cache may supply them.
const HASHED = /-[0-9a-f]{8,16}(?:_bg)?\.[a-z0-9]+$|(?:^|\/)snippets\//;
const MATCH = { ignoreVary: true };

const urlOf = path => new URL(path, SCOPE).href;

async function precacheOne(cache, path) {
  const url = urlOf(path);
  if (HASHED.test(path)) {
    const old = await caches.match(url, MATCH);
    if (old) return cache.put(url, old);
  }
  // Hashed files may come from the HTTP cache (the page has just downloaded
  // them); anything else is revalidated with the server.
  let response = await fetch(new Request(url, { cache: HASHED.test(path) ? 'default' : 'no-cache' }));
  if (!response.ok) throw new Error(`precache: ${url} answered HTTP ${response.status}`);
  // A redirected response cannot answer a navigation: store a clean copy.
  if (response.redirected) {
    response = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  return cache.put(url, response);
}

self.addEventListener('install', event => {
  // No skipWaiting() here: an update waits until the user chooses to reload
  // (web/sw-register.js posts SKIP_WAITING), so a quiz is never interrupted.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map(path => precacheOne(cache, path)));
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // Control the page that installed us, so it works offline at once.
    await self.clients.claim();
  })());
});

self.addEventListener('message', event => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

/** The precached page for a route: `/` → index.html, `/progress` → progress.html, other routes → 404.html (the app shell). */
function pagesFor(url) {
  const rel = url.pathname.slice(SCOPE.pathname.length).replace(/\/+$/, '');
  if (rel === '') return ['index.html'];
  const last = rel.slice(rel.lastIndexOf('/') + 1);
  if (last.includes('.')) return [rel];
  return [`${rel}.html`, '404.html', 'index.html'];
}

async function fromCache(keys) {
  const cache = await caches.open(CACHE);
  for (const key of keys) {
    const hit = await cache.match(key, MATCH);
    if (hit) return hit;
  }
  return undefined;
}

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  if (request.mode === 'navigate') {
    if (!url.pathname.startsWith(SCOPE.pathname)) return;
    // Query and hash do not choose the page (a shared quiz travels after the #).
    event.respondWith(fromCache(pagesFor(url).map(urlOf)).then(hit => hit ?? fetch(request)));
    return;
  }
  event.respondWith(fromCache([request]).then(hit => hit ?? fetch(request)));
});
