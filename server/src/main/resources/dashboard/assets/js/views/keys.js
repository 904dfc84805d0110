// The member's relay keys: create (the full key is shown once, with client settings), disable/enable, delete.
import { h, replace, table, badge, busy, toast, confirmDialog, formValues, copy } from '../dom.js';
import { member, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money, dateTime, relative } from '../format.js';
import { settingsBlocks } from './client-settings.js';

export const title = 'API keys';

export async function render(main) {
  const [keys, listed] = await Promise.all([member.keys().then(items), member.groups().then(items).catch(() => null)]);
  const groups = listed ?? groupsOfKeys(keys);
  const reveal = h('div', { id: 'new-key-slot' });
  const newButton = h('button', { id: 'new-key', onclick: () => openCreate(groups, reveal, refreshList) }, 'New key');
  const list = h('div', { id: 'key-list' });

  async function refreshList() {
    drawList(list, items(await member.keys()), refreshList);
  }
  drawList(list, keys, refreshList);
  replace(main, pageHeader('API keys', 'Keys for Claude Code, Codex CLI, Gemini CLI and the SDKs. A key is shown in full only once.', newButton),
    reveal, h('article', {}, list));
}

function drawList(list, keys, refreshList) {
  replace(list, table([
    { label: 'Name', cell: k => h('strong', {}, k.name) },
    { label: 'Key', cell: k => h('code', {}, `${k.prefix}…`) },
    { label: 'Group', cell: k => k.groupName || `#${k.groupId}` },
    { label: 'Status', cell: k => badge(k.status) },
    { label: 'Used', class: 'num', cell: k => k.quotaUsd == null ? money(k.usedUsd) : `${money(k.usedUsd)} / ${money(k.quotaUsd)}` },
    { label: 'Last used', cell: k => k.lastUsedAt ? relative(k.lastUsedAt) : 'never' },
    { label: 'Created', cell: k => dateTime(k.createdAt) },
    { label: '', class: 'actions', cell: k => actions(k, refreshList) },
  ], keys, { empty: 'No keys yet. Create one to point your client at this relay.', id: 'keys-table' }));
}

function actions(key, refreshList) {
  const toggle = h('button', { class: 'outline secondary small', 'data-action': 'toggle' }, key.status === 'active' ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => busy(toggle, async () => {
    await member.setKeyStatus(key.id, key.status === 'active' ? 'disabled' : 'active');
    await refreshList();
  }));
  const remove = h('button', { class: 'outline danger small', 'data-action': 'delete' }, 'Delete');
  remove.addEventListener('click', async () => {
    if (!(await confirmDialog(`Delete the key "${key.name}"? Clients using it stop working at once.`, { confirmLabel: 'Delete', danger: true }))) return;
    await busy(remove, async () => { await member.deleteKey(key.id); toast('Key deleted'); await refreshList(); });
  });
  return h('div', { class: 'row-actions' }, key.status === 'revoked' ? null : toggle, remove);
}

function openCreate(groups, reveal, refreshList) {
  const submit = h('button', { type: 'submit', id: 'create-key' }, 'Create key');
  const form = h('form', { id: 'key-form' },
    h('label', {}, 'Name', h('input', { name: 'name', id: 'key-name', required: true, maxlength: 100, placeholder: 'laptop, CI, …' })),
    groups.length ? h('label', {}, 'Group', h('select', { name: 'groupId', id: 'key-group' },
      groups.map(g => h('option', { value: g.id }, g.platform ? `${g.name} (${String(g.platform).toLowerCase()})` : g.name))))
      : h('label', {}, 'Group number (ask your operator)', h('input', { name: 'groupId', id: 'key-group', type: 'number', min: 1, required: true })),
    h('label', {}, 'Spending limit in USD (optional)', h('input', { name: 'quotaUsd', inputmode: 'decimal', pattern: '[0-9]+(\\.[0-9]+)?' })),
    h('footer', {}, h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'), submit));
  const dialog = h('dialog', { id: 'key-dialog' }, h('article', {}, h('header', {}, h('strong', {}, 'New API key')), form));
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', event => {
    event.preventDefault();
    const v = formValues(form);
    busy(submit, async () => {
      const created = await member.createKey({ name: v.name, groupId: v.groupId ? Number(v.groupId) : null, quotaUsd: v.quotaUsd || null });
      dialog.close();
      const platform = groups.find(g => g.id === created.view.groupId)?.platform?.toLowerCase();
      showOnce(reveal, created, platform);
      await refreshList();
    });
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** Without a group list from the server, the groups the member already has keys in. */
function groupsOfKeys(keys) {
  const seen = new Map();
  keys.filter(k => k.status !== 'revoked').forEach(k => seen.set(k.groupId, { id: k.groupId, name: k.groupName || `Group ${k.groupId}` }));
  return [...seen.values()];
}

function showOnce(reveal, created, platform) {
  const field = h('input', { readonly: true, value: created.key, id: 'new-key-value', 'aria-label': 'The new key' });
  replace(reveal, h('article', { class: 'key-reveal', id: 'key-reveal' },
    h('header', {}, h('strong', {}, `Key "${created.view.name}" created`),
      h('button', { class: 'close-x', 'aria-label': 'Close', onclick: () => replace(reveal) }, '×')),
    h('p', {}, 'Copy it now: it is not shown again. The relay keeps only a hash of it.'),
    h('div', { class: 'key-line', role: 'group' }, field,
      h('button', { type: 'button', onclick: () => copy(created.key, field) }, 'Copy key')),
    h('h3', {}, 'Client settings'),
    settingsBlocks(location.origin, created.key, platform)));
  reveal.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
