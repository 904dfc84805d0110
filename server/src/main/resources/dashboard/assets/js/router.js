// Client routes under /app/… (the server answers index.html for all of them). Views render into <main> and may
// return a cleanup function (streams, timers, charts), run before the next view.
let routes = [];
let fallback = null;
let cleanup = null;
let renderer = null;
let sequence = 0;

/** table: { '/app/keys': view, ... }; render(view, path) draws it. */
export function start(table, fallbackPath, render) {
  routes = Object.entries(table);
  fallback = fallbackPath;
  renderer = render;
  addEventListener('popstate', () => show(location.pathname));
  document.addEventListener('click', event => {
    const link = event.target.closest?.('a[href^="/app"]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
  return show(location.pathname + location.search);
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else if (path !== location.pathname + location.search) history.pushState(null, '', path);
  return show(path);
}

export function current() {
  return location.pathname;
}

async function show(fullPath) {
  const path = fullPath.split('?')[0].replace(/\/+$/, '') || '/';
  const match = routes.find(([p]) => p === path);
  if (!match) return navigate(fallback, { replace: true });
  if (cleanup) { try { cleanup(); } catch { /* a failing cleanup must not block navigation */ } }
  cleanup = null;
  const mine = ++sequence;
  const result = await renderer(match[1], path);
  const stop = typeof result === 'function' ? result : null;
  if (mine === sequence) cleanup = stop;
  else if (stop) stop(); // a newer navigation won while this view was loading
}
