// Before the app has started, a tap on a link to a study page (home's
// "Start a quiz", the "New quiz" tab) would load a new document and start
// the app's download again. Instead this changes the address and shows that
// page's heading and loading line (the link's data-pq-* attributes, written
// by the build from src/shell.rs); the app draws the page when it starts.
// The skip link only moves focus to <main>, as the app's does: followed, its
// "#main" would resolve against <base href> to the home page's address.
// Once the app runs (<html data-app="ready">) its router handles links and
// this does nothing.
(() => {
  const started = () => !!document.documentElement.dataset.app;
  document.addEventListener('click', event => {
    if (started() || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const skip = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
    if (skip) {
      event.preventDefault();
      document.querySelector('#pq-shell main')?.focus();
      return;
    }
    const link = event.target instanceof Element ? event.target.closest('a[data-pq-heading]') : null;
    const main = document.querySelector('#pq-shell main');
    if (!link || !main || new URL(link.href).origin !== location.origin) return;
    event.preventDefault();
    history.pushState(null, '', link.href);
    const section = document.createElement('section');
    section.className = 'page';
    const heading = document.createElement('h1');
    heading.textContent = link.dataset.pqHeading;
    const loading = document.createElement('p');
    loading.className = 'loading';
    loading.setAttribute('role', 'status');
    loading.textContent = link.dataset.pqLoading;
    section.append(heading, loading);
    main.replaceChildren(section);
    document.title = `${link.dataset.pqTitle} · PharmQuiz`;
    for (const a of document.querySelectorAll('#pq-shell nav a[aria-current]')) a.removeAttribute('aria-current');
    window.scrollTo(0, 0);
    main.focus();
  });
  // Back or Forward before the app runs: show the page for the address.
  addEventListener('popstate', () => { if (!started()) location.reload(); });
})();
