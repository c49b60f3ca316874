// The recovery screen. When PharmQuiz breaks (a panic in the app, which
// calls pqShowError from its panic hook, an uncaught error or a promise
// rejection nobody handled), the page is replaced by a plain screen: what
// happened, a Reload button, and "Export your data", which downloads every
// pharmquiz.* key of this browser's storage as a JSON file. Plain DOM and
// classes from the stylesheet (the CSP allows no inline style), no app
// code: it works when the app has stopped.
(() => {
  let screen = null;
  let details = null;

  function today() {
    const d = new Date();
    const two = n => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  // Every stored value as it is, read or not: nothing is parsed, so a
  // damaged value is kept too.
  function exportData(status) {
    try {
      const keys = {};
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith('pharmquiz.')) keys[key] = localStorage.getItem(key);
      }
      const file = JSON.stringify({
        app: 'PharmQuiz',
        kind: 'stored data, exported from the error screen',
        exported_at: new Date().toISOString(),
        keys,
      }, null, 2);
      const url = URL.createObjectURL(new Blob([file], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `pharmquiz-data-${today()}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      const n = Object.keys(keys).length;
      status.textContent = `Downloaded ${n} stored item${n === 1 ? '' : 's'}. Keep the file until PharmQuiz works again.`;
    } catch (e) {
      status.textContent = `The browser did not let PharmQuiz read its stored data (${e && e.message ? e.message : e}).`;
    }
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function show(detail) {
    const text = String(detail || 'No details were given.');
    if (!document.body) {
      addEventListener('DOMContentLoaded', () => show(detail), { once: true });
      return;
    }
    if (screen) {
      // A second failure (a panic is followed by the error it raises): keep both.
      if (!details.textContent.includes(text)) details.textContent += `\n${text}`;
      return;
    }
    screen = element('div', 'error-screen');
    screen.id = 'pq-error';
    const heading = element('h1', '', 'PharmQuiz stopped working');
    heading.tabIndex = -1;
    const what = element('p', '', 'Something went wrong inside PharmQuiz, and this page cannot carry on. What you saved before this is still in this browser; an answer given in the last few seconds may not be.');
    const next = element('p', '', 'Reload the page to carry on. If this happens again, export your data first and keep the file: it holds everything PharmQuiz keeps in this browser.');
    const actions = element('div', 'actions');
    const reload = element('button', '', 'Reload');
    reload.type = 'button';
    reload.addEventListener('click', () => location.reload());
    const save = element('button', 'secondary', 'Export your data');
    save.type = 'button';
    const status = element('p', '');
    status.setAttribute('role', 'status');
    save.addEventListener('click', () => exportData(status));
    actions.append(reload, save);
    const more = element('details');
    more.append(element('summary', '', 'Technical details'));
    details = element('pre', 'error-details', text);
    more.append(details);
    screen.append(heading, what, next, actions, status, more);
    // The app's page (if any is left) is hidden by the stylesheet.
    document.documentElement.classList.add('pq-failed');
    document.body.append(screen);
    heading.focus();
  }

  window.pqShowError = show;
  addEventListener('error', event => {
    // Chromium reports this benign layout notice as an error.
    if (/ResizeObserver loop/.test(event.message || '')) return;
    const e = event.error;
    show(e && e.stack ? e.stack : event.message);
  });
  addEventListener('unhandledrejection', event => {
    const r = event.reason;
    show(r && r.stack ? r.stack : `Unhandled rejection: ${r}`);
  });
})();
