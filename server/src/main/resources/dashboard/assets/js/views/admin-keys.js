// Every relay key: owner, group, use against quota; disable or enable.
import { h, replace, table, badge, busy } from '../dom.js';
import { admin, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money, relative } from '../format.js';

export const title = 'Keys';
export const adminOnly = true;

export async function render(main) {
  const list = h('div', { id: 'admin-keys' });
  async function refresh() {
    // keys are listed per user; a team's few hundred users are read in parallel
    const users = items(await admin.users({ size: 200 }));
    const perUser = await Promise.all(users.map(u => admin.userKeys(u.id).then(items).catch(() => [])));
    const email = new Map(users.map(u => [u.id, u.email]));
    const keys = perUser.flat().map(k => ({ ...k, email: email.get(k.userId) }))
      .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    draw(list, keys, refresh);
  }
  replace(main, pageHeader('Keys', 'Relay keys of all members. Members create their own keys.'), h('article', {}, list));
  await refresh();
}

function draw(list, keys, refresh) {
  replace(list, table([
    { label: 'Name', cell: k => h('strong', {}, k.name) },
    { label: 'Key', cell: k => h('code', {}, `${k.prefix}…`) },
    { label: 'User', cell: k => k.email ?? `#${k.userId}` },
    { label: 'Group', cell: k => k.groupName || `#${k.groupId}` },
    { label: 'Status', cell: k => badge(k.status) },
    { label: 'Used', class: 'num', cell: k => k.quotaUsd == null ? money(k.usedUsd) : `${money(k.usedUsd)} / ${money(k.quotaUsd)}` },
    { label: 'Last used', cell: k => k.lastUsedAt ? relative(k.lastUsedAt) : 'never' },
    { label: '', class: 'actions', cell: k => {
      if (k.status === 'revoked') return '';
      const b = h('button', { class: 'outline secondary small' }, k.status === 'active' ? 'Disable' : 'Enable');
      b.addEventListener('click', () => busy(b, async () => { await admin.setKeyStatus(k.userId, k.id, k.status === 'active' ? 'disabled' : 'active'); await refresh(); }));
      return b;
    } },
  ], keys, { empty: 'No keys yet.', id: 'admin-keys-table' }));
}
