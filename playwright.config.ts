import { defineConfig } from '@playwright/test';

// End-to-end tests run against the release build in dist/ (scripts/test builds
// it first), served with a single-page fallback, in Debian's Chromium. The
// sub-path project runs against a second build made with
// `--public-url /pharmquiz/` in target/subpath-dist, served under /pharmquiz/.
// PQ_E2E_PORT lets two checkouts run the suite side by side.
const port = Number(process.env.PQ_E2E_PORT ?? 8090);
const subPort = port + 2;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  webServer: [
    {
      command: `node scripts/static-server.mjs dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: `node scripts/static-server.mjs target/subpath-dist ${subPort} /pharmquiz/`,
      url: `http://127.0.0.1:${subPort}/pharmquiz/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
  projects: [
    { name: 'site root', testIgnore: /subpath\.spec\.ts/ },
    { name: 'sub-path', testMatch: /subpath\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${subPort}` } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // The service worker would answer requests that tests route or count;
    // the offline specs allow it with test.use({ serviceWorkers: 'allow' }).
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
