// Upstream accounts: status, cooldown, concurrency bar, enable/disable scheduling, clear cooldown, test.
import { h, replace, table, badge, busy, toast } from '../dom.js';
import { admin, items } from '../endpoints.js';
import { postStream } from '../sse.js';
import { pageHeader } from '../layout.js';
import { relative, duration } from '../format.js';

export const title = 'Accounts';
export const adminOnly = true;

export async function render(main) {
  const list = h('div', { id: 'accounts' });
  const output = h('div', { id: 'account-test' });
  async function refresh() {
    draw(list, items(await admin.accounts()), refresh, output);
  }
  replace(main, pageHeader('Accounts', 'Upstream accounts in the pool. Add or edit them in the desktop app.',
    h('button', { class: 'outline secondary', onclick: event => busy(event.currentTarget, refresh) }, 'Refresh')), output, h('article', {}, list));
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 15000); // cooldowns count down
  return () => clearInterval(timer);
}

function draw(list, accounts, refresh, output) {
  replace(list, table([
    { label: 'Name', cell: a => h('div', {}, h('strong', {}, a.name), h('br'), h('small', { class: 'muted' }, `${a.platform.toLowerCase()} · ${a.type.replace('_', ' ')}`)) },
    { label: 'Status', cell: a => h('div', { class: 'badges' }, badge(a.status), a.schedulable ? null : badge('paused', 'disabled'),
      a.cooldownUntil && Date.parse(a.cooldownUntil) > Date.now() ? badge('cooling down', 'cooldown') : null) },
    { label: 'Cooldown', cell: a => a.cooldownUntil && Date.parse(a.cooldownUntil) > Date.now()
      ? h('span', {}, `ends ${relative(a.cooldownUntil)}`, a.cooldownReason ? h('br') : null, h('small', { class: 'muted' }, a.cooldownReason ?? '')) : '—' },
    { label: 'Load', cell: a => h('div', { class: 'window' }, h('div', { class: 'window-line' }, h('span', {}, `${a.concurrencyInUse} / ${a.concurrencyLimit}`)),
      h('progress', { value: a.concurrencyInUse, max: Math.max(a.concurrencyLimit, 1) })) },
    { label: 'Priority', class: 'num', cell: a => String(a.priority) },
    { label: 'Last used', cell: a => a.lastUsedAt ? relative(a.lastUsedAt) : 'never' },
    { label: 'Error', cell: a => a.errorMessage ? h('small', { class: 'error-text' }, a.errorMessage) : '—' },
    { label: '', class: 'actions', cell: a => actions(a, refresh, output) },
  ], accounts, { empty: 'No accounts yet. Add one in the desktop app.', id: 'accounts-table' }));
}

function actions(account, refresh, output) {
  const enabled = account.status !== 'disabled';
  const toggle = h('button', { class: 'outline secondary small' }, enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => busy(toggle, async () => { await admin.setAccountEnabled(account.id, !enabled); await refresh(); }));
  const clear = h('button', { class: 'outline secondary small', disabled: !account.cooldownUntil }, 'Clear cooldown');
  clear.addEventListener('click', () => busy(clear, async () => { await admin.clearCooldown(account.id); toast('Cooldown cleared'); await refresh(); }));
  const test = h('button', { class: 'outline small' }, 'Test');
  test.addEventListener('click', () => busy(test, () => runTest(account, output)));
  return h('div', { class: 'row-actions' }, toggle, clear, test);
}

async function runTest(account, output) {
  const log = h('ol', { class: 'test-log' });
  replace(output, h('article', { class: 'test-box' }, h('header', {}, h('strong', {}, `Testing ${account.name}`),
    h('button', { class: 'close-x', 'aria-label': 'Close', onclick: () => replace(output) }, '×')), log));
  await postStream(admin.testPath(account.id), (stage, event) => {
    const e = typeof event === 'object' && event ? event : { message: String(event) };
    log.append(h('li', { class: `stage-${stage}` }, badge(stage, stage === 'failed' ? 'error' : stage === 'succeeded' ? 'ok' : 'pending'), ' ',
      e.message ?? '', e.status ? ` (HTTP ${e.status})` : '', e.elapsedMs != null ? h('small', { class: 'muted' }, ` ${duration(e.elapsedMs)}`) : ''));
  });
}
