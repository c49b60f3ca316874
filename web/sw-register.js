// Registers PharmQuiz's service worker (sw.js, beside the pages) and offers
// updates. It waits for the page's load event and an idle moment, so the
// precache download does not compete with the app's own first downloads.
// A first install needs no prompt. When a new version is installed while an
// older one controls the page, a banner offers "Reload"; nothing reloads by
// itself, so a quiz in progress is never interrupted (its answers are saved,
// so a reload the user chooses resumes it at the same question).
(() => {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const scope = new URL('./', document.baseURI).href;
  const script = new URL('sw.js', document.baseURI).href;
  let userAskedReload = false;
  let banner = null;

  sw.addEventListener('controllerchange', () => {
    // Only the tab whose user pressed Reload reloads, and only once.
    if (!userAskedReload) return;
    userAskedReload = false;
    location.reload();
  });

  function showBanner(registration) {
    if (banner) return;
    banner = document.createElement('div');
    banner.className = 'sw-update no-print';
    banner.setAttribute('role', 'status');
    document.body.append(banner);
    // Fill the live region after it is in the page, so it is announced.
    setTimeout(() => {
      const text = document.createElement('p');
      text.textContent = 'A new version is ready — reload';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Reload';
      button.addEventListener('click', () => {
        button.disabled = true;
        userAskedReload = true;
        const waiting = registration.waiting;
        if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
        else location.reload(); // another tab already switched to the new version
      });
      banner.append(text, button);
    }, 50);
  }

  function watch(registration) {
    if (registration.waiting && sw.controller) showBanner(registration);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        // With no controller this is the first install: nothing to offer.
        if (worker.state === 'installed' && sw.controller) showBanner(registration);
      });
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => {});
    });
  }

  function register() {
    sw.register(script, { scope }).then(watch).catch(error => {
      console.warn('PharmQuiz: offline use is not available:', error);
    });
  }

  function whenIdle() {
    // A short pause, then an idle moment: the first bank downloads go first.
    setTimeout(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 5000 });
      else register();
    }, 1000);
  }

  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
})();
