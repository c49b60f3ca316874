// Every spec imports `test` and `expect` from here, not from
// '@playwright/test' (scripts/check enforces it), so every test runs under
// the same guard: any Content-Security-Policy violation Chromium reports, in
// any page of the test's browser context, fails the test.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export { expect };
export type { Browser, BrowserContext, Locator, Page } from '@playwright/test';

/** Listens for CSP reports on a page: the console line Chromium writes for a
 * blocked resource or script, and the `securitypolicyviolation` DOM event. */
function watch(page: Page, seen: string[]) {
  page.on('console', m => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
}

const REPORTER = () => {
  document.addEventListener('securitypolicyviolation', e => {
    console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
  });
};

/** Guards a context: the reporter script in every document, a console
 * listener on every page. */
async function guard(context: BrowserContext, seen: string[]) {
  await context.addInitScript(REPORTER);
  context.pages().forEach(p => watch(p, seen));
  context.on('page', p => watch(p, seen));
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }: { browser: Browser; context: BrowserContext }, use: (v: string[]) => Promise<void>) => {
      const seen: string[] = [];
      await guard(context, seen);
      // Contexts a test opens itself (a trainer and a trainee) are guarded too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const made = await newContext(...args);
        await guard(made, seen);
        return made;
      };
      try {
        await use(seen);
      } finally {
        browser.newContext = newContext;
      }
      expect(seen, 'the page reported Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
