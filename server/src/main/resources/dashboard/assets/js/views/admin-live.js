// Admin live view: last 24 hours from the usage series, then live requests, load and account changes from the
// event stream (GET /admin/events).
import { h, replace, table, badge, stat } from '../dom.js';
import { admin, items } from '../endpoints.js';
import { subscribe } from '../sse.js';
import { pageHeader } from '../layout.js';
import { money, tokens, time, duration, count } from '../format.js';
import { bars, live, num } from '../charts.js';

export const title = 'Live';
export const adminOnly = true;
const TICK_MS = 5000;
const KEEP_ROWS = 30;
const names = { users: new Map(), accounts: new Map() };
const userName = id => names.users.get(id) ?? `#${id}`;
const accountName = id => id == null ? '—' : (names.accounts.get(id) ?? `#${id}`);

export async function render(main) {
  const since = new Date(Date.now() - 23 * 3600000);
  since.setUTCMinutes(0, 0, 0);
  const [series, users, accounts] = await Promise.all([
    admin.series({ bucket: 'hour', from: since.toISOString() }).then(items).catch(() => []),
    admin.users({ size: 500 }).then(items).catch(() => []),
    admin.accounts({ size: 500 }).then(items).catch(() => [])]);
  names.users = new Map(users.map(u => [u.id, u.displayName || u.email]));
  names.accounts = new Map(accounts.map(a => [a.id, a.name]));
  const totals = series.reduce((t, b) => ({ requests: t.requests + Number(b.requests), errors: t.errors + Number(b.errors), cost: t.cost + num(b.cost),
    tokens: t.tokens + Number(b.inputTokens) + Number(b.outputTokens) }), { requests: 0, errors: 0, cost: 0, tokens: 0 });

  const liveState = { requests: totals.requests, cost: totals.cost, window: 0, windowErrors: 0, rows: [] };
  const status = h('span', { class: 'stream-state', id: 'stream-state' }, badge('connecting', 'pending'));
  const requestsStat = h('strong', { class: 'stat-value', id: 'live-requests-count' }, count(totals.requests));
  const costStat = h('strong', { class: 'stat-value', id: 'live-cost' }, money(totals.cost.toFixed(6)));
  const queueStat = h('strong', { class: 'stat-value', id: 'live-queue' }, '0');
  const liveCanvas = h('canvas', { id: 'live-chart', role: 'img', 'aria-label': 'Requests per 5 seconds' });
  const hourCanvas = h('canvas', { id: 'hour-chart', role: 'img', 'aria-label': 'Requests per hour' });
  const rows = h('div', { id: 'live-table' });
  const load = h('div', { id: 'live-load', class: 'load-list' }, h('p', { class: 'muted' }, 'Waiting for the first snapshot…'));
  const changes = h('ul', { id: 'live-changes', class: 'feed' });

  replace(main, pageHeader('Live', 'Requests as they finish, account load and state changes.', status),
    h('div', { class: 'stats' },
      h('article', { class: 'stat' }, h('span', { class: 'stat-label' }, 'Requests, 24 h'), requestsStat),
      h('article', { class: 'stat' }, h('span', { class: 'stat-label' }, 'Charged, 24 h'), costStat),
      stat('Errors, 24 h', count(totals.errors)),
      h('article', { class: 'stat' }, h('span', { class: 'stat-label' }, 'Waiting for a slot'), queueStat)),
    h('div', { class: 'chart-row' },
      h('article', {}, h('header', {}, h('strong', {}, 'Requests per 5 s (live)')), h('div', { class: 'chart-box' }, liveCanvas)),
      h('article', {}, h('header', {}, h('strong', {}, 'Requests per hour')), h('div', { class: 'chart-box' }, hourCanvas))),
    h('div', { class: 'chart-row' },
      h('article', {}, h('header', {}, h('strong', {}, 'Account load')), load),
      h('article', {}, h('header', {}, h('strong', {}, 'Account changes')), changes)),
    h('article', {}, h('header', {}, h('strong', {}, 'Latest requests')), rows));

  const hourChart = bars(hourCanvas, series.map(b => new Date(b.start).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })),
    [{ label: 'Requests', data: series.map(b => Number(b.requests) - Number(b.errors)) }, { label: 'Errors', data: series.map(b => Number(b.errors)) }]);
  const liveChart = live(liveCanvas, ['Requests', 'Errors']);
  drawRows(rows, liveState.rows);
  const timer = setInterval(() => {
    liveChart.push(time(new Date().toISOString()), [liveState.window, liveState.windowErrors]);
    liveState.window = 0;
    liveState.windowErrors = 0;
  }, TICK_MS);

  const stop = subscribe(admin.eventsPath, (name, data) => {
    if (name === 'request') {
      liveState.requests++;
      liveState.cost += num(data.cost);
      liveState.window++;
      if (data.status >= 400) liveState.windowErrors++;
      liveState.rows = [data, ...liveState.rows].slice(0, KEEP_ROWS);
      requestsStat.textContent = count(liveState.requests);
      costStat.textContent = money(liveState.cost.toFixed(6));
      drawRows(rows, liveState.rows);
    } else if (name === 'snapshot') {
      queueStat.textContent = String(data.queueDepth ?? 0);
      drawLoad(load, data.accounts ?? []);
    } else if (name === 'account') {
      changes.prepend(h('li', {}, h('span', { class: 'muted' }, time(data.at)), ' ', accountName(data.accountId), ' ', badge(data.change.replace('_', ' '), data.change),
        data.reason ? h('small', { class: 'muted' }, ` ${data.reason}`) : null));
      while (changes.children.length > 20) changes.lastChild.remove();
    }
  }, state => replace(status, badge(state === 'open' ? 'live' : state, state === 'open' ? 'ok' : 'pending')));

  return () => { stop(); clearInterval(timer); hourChart.destroy(); liveChart.chart.destroy(); };
}

function drawRows(el, rows) {
  replace(el, table([
    { label: 'Time', cell: r => time(r.at) },
    { label: 'Request', cell: r => h('code', { class: 'request-id' }, r.requestId) },
    { label: 'User', cell: r => userName(r.userId) },
    { label: 'Account', cell: r => accountName(r.accountId) },
    { label: 'Model', cell: r => h('code', {}, r.model) },
    { label: 'Tokens in/out', class: 'num', cell: r => `${tokens(Number(r.inputTokens) + Number(r.cacheReadTokens) + Number(r.cacheWriteTokens))} / ${tokens(r.outputTokens)}` },
    { label: 'Cost', class: 'num cost', cell: r => money(r.cost) },
    { label: 'Latency', class: 'num', cell: r => duration(r.latencyMs) },
    { label: 'Status', cell: r => badge(String(r.status), r.status < 400 ? 'ok' : 'error') },
  ], rows, { empty: 'No requests since this page opened. They appear here as they finish.', id: 'live-requests' }));
}

function drawLoad(el, accounts) {
  if (!accounts.length) { replace(el, h('p', { class: 'muted' }, 'No active accounts.')); return; }
  replace(el, accounts.map(a => h('div', { class: 'window' },
    h('div', { class: 'window-line' }, h('span', {}, accountName(a.accountId), ' ', a.coolingDown ? badge('cooling down', 'cooldown') : null),
      h('span', {}, `${a.inUse} / ${a.limit}`)),
    h('progress', { value: a.inUse, max: Math.max(a.limit, 1) }))));
}
