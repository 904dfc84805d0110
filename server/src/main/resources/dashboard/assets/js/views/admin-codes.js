// Redeem codes: generate a batch (balance, subscription or concurrency) and list codes with their state.
import { h, replace, table, badge, busy, formValues, copyButton, toast } from '../dom.js';
import { admin, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money, dateTime } from '../format.js';

export const title = 'Redeem codes';
export const adminOnly = true;

export async function render(main) {
  const groups = await admin.groups().then(items).catch(() => []);
  const list = h('div', { id: 'codes' });
  const batch = h('div', { id: 'code-batch' });
  async function refresh() {
    draw(list, items(await admin.redeemCodes({ size: 100 })));
  }
  const submit = h('button', { type: 'submit', id: 'generate-codes' }, 'Generate');
  const type = h('select', { name: 'type', id: 'code-type' }, ['balance', 'subscription', 'concurrency'].map(t => h('option', { value: t }, t)));
  const group = h('label', { hidden: true }, 'Group', h('select', { name: 'groupId' }, groups.map(g => h('option', { value: g.id }, g.name))));
  const days = h('label', { hidden: true }, 'Valid days', h('input', { name: 'validityDays', type: 'number', min: 1, value: 30 }));
  type.addEventListener('change', () => { group.hidden = days.hidden = type.value !== 'subscription'; });
  const form = h('form', { id: 'codes-form', class: 'filters' },
    h('label', {}, 'Type', type),
    h('label', {}, 'Value (USD or slots)', h('input', { name: 'value', inputmode: 'decimal', required: true, value: '10' })),
    h('label', {}, 'How many', h('input', { name: 'count', type: 'number', min: 1, max: 1000, value: 1 })),
    group, days, submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const v = formValues(form);
    busy(submit, async () => {
      const body = { type: v.type, value: v.value, count: Number(v.count || 1) };
      if (v.type === 'subscription') Object.assign(body, { groupId: Number(v.groupId), validityDays: Number(v.validityDays) });
      const created = await admin.generateCodes(body);
      const text = created.codes.map(c => c.code).join('\n');
      replace(batch, h('article', { class: 'key-reveal' }, h('header', {}, h('strong', {}, `${created.codes.length} new code(s)`)),
        h('div', { class: 'snippet' }, h('pre', {}, h('code', {}, text)), copyButton(text))));
      toast('Codes generated');
      await refresh();
    });
  });
  replace(main, pageHeader('Redeem codes', 'Hand these out to top up balances, grant plans or raise concurrency.'),
    h('article', {}, form), batch, h('article', {}, list));
  await refresh();
}

function draw(list, codes) {
  const value = c => c.type === 'balance' ? money(c.value) : c.type === 'subscription' ? `${c.validityDays} days` : `+${c.value} slots`;
  replace(list, table([
    { label: 'Code', cell: c => h('code', {}, c.code) },
    { label: 'Type', cell: c => c.type },
    { label: 'Value', class: 'num', cell: value },
    { label: 'Status', cell: c => badge(c.status) },
    { label: 'Used by', cell: c => c.usedBy == null ? '—' : `#${c.usedBy} · ${dateTime(c.usedAt)}` },
    { label: 'Created', cell: c => dateTime(c.createdAt) },
  ], codes, { empty: 'No codes yet.', id: 'codes-table' }));
}
