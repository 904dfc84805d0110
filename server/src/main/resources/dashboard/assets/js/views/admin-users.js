// Users: balance (adjust with a reason), concurrency limit, status.
import { h, replace, table, badge, busy, toast, formValues } from '../dom.js';
import { admin, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money, relative } from '../format.js';

export const title = 'Users';
export const adminOnly = true;

export async function render(main) {
  const list = h('div', { id: 'users' });
  const search = h('input', { type: 'search', name: 'q', placeholder: 'Search e-mail', 'aria-label': 'Search users' });
  async function refresh() {
    draw(list, items(await admin.users({ q: search.value.trim(), size: 100 })), refresh);
  }
  search.addEventListener('change', () => refresh());
  replace(main, pageHeader('Users', 'Balances, limits and status of every account holder.', search), h('article', {}, list));
  await refresh();
}

function draw(list, users, refresh) {
  replace(list, table([
    { label: 'User', cell: u => h('div', {}, h('strong', {}, u.email), u.displayName ? h('br') : null, h('small', { class: 'muted' }, u.displayName)) },
    { label: 'Role', cell: u => badge(u.role) },
    { label: 'Status', cell: u => badge(u.status) },
    { label: 'Balance', class: 'num', cell: u => money(u.balance) },
    { label: 'Concurrency', class: 'num', cell: u => u.concurrencyLimit == null || u.concurrencyLimit === 0 ? 'no limit' : String(u.concurrencyLimit) },
    { label: 'Last sign-in', cell: u => u.lastLoginAt ? relative(u.lastLoginAt) : 'never' },
    { label: '', class: 'actions', cell: u => actions(u, refresh) },
  ], users, { empty: 'No users match.', id: 'users-table' }));
}

function actions(user, refresh) {
  const edit = h('button', { class: 'outline secondary small' }, 'Edit');
  edit.addEventListener('click', () => openEdit(user, refresh));
  const toggle = h('button', { class: 'outline secondary small' }, user.status === 'active' ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => busy(toggle, async () => {
    await admin.setUserEnabled(user.id, user.status !== 'active');
    await refresh();
  }));
  return h('div', { class: 'row-actions' }, edit, toggle);
}

function openEdit(user, refresh) {
  const save = h('button', { type: 'submit' }, 'Save');
  const form = h('form', {},
    h('fieldset', {},
      h('legend', {}, 'Adjust balance'),
      h('div', { class: 'grid' },
        h('label', {}, 'Amount in USD (negative takes)', h('input', { name: 'amount', inputmode: 'decimal', pattern: '-?[0-9]+(\\.[0-9]+)?', placeholder: '10.00' })),
        h('label', {}, 'Reason', h('input', { name: 'reason', placeholder: 'top-up' })))),
    h('label', {}, 'Concurrency limit (0 = no limit)', h('input', { name: 'concurrencyLimit', type: 'number', min: 0, value: user.concurrencyLimit ?? 0 })),
    h('footer', {}, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'), save));
  const dialog = h('dialog', {}, h('article', {}, h('header', {}, h('strong', {}, user.email), h('p', { class: 'muted' }, `Balance ${money(user.balance)}`)), form));
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', event => {
    event.preventDefault();
    const v = formValues(form);
    busy(save, async () => {
      if (v.amount) await admin.adjustBalance(user.id, v.amount, v.reason || 'adjusted in the dashboard');
      if (Number(v.concurrencyLimit) !== (user.concurrencyLimit ?? 0)) await admin.updateUser(user.id, { concurrencyLimit: Number(v.concurrencyLimit) });
      dialog.close();
      toast('Saved');
      await refresh();
    });
  });
  document.body.append(dialog);
  dialog.showModal();
}
