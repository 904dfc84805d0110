// The member's usage: cost per day and per model, and the request records with filters and paging.
import { h, replace, table, badge, formValues, stat } from '../dom.js';
import { member, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money, tokens, dateTime, duration, isoDay, count, sumMoney } from '../format.js';
import { bars, doughnut, num } from '../charts.js';
import { fillDays, shortDay } from './overview.js';

export const title = 'Usage';
const PAGE_SIZE = 25;

export async function render(main, ctx, api = member) {
  const state = { from: isoDay(new Date(Date.now() - 29 * 86400000)), to: isoDay(new Date()), model: '', keyId: '', page: 0 };
  const keys = api === member ? await member.keys().then(items).catch(() => []) : [];
  const summary = h('div', { class: 'stats', id: 'usage-summary' });
  const dayCanvas = h('canvas', { id: 'usage-days', role: 'img', 'aria-label': 'Cost per day' });
  const modelCanvas = h('canvas', { id: 'usage-models', role: 'img', 'aria-label': 'Cost per model' });
  const records = h('div', { id: 'usage-records' });
  const modelSelect = h('select', { name: 'model', id: 'filter-model' }, h('option', { value: '' }, 'All models'));
  const form = h('form', { class: 'filters', id: 'usage-filters' },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: state.from })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: state.to })),
    h('label', {}, 'Model', modelSelect),
    keys.length ? h('label', {}, 'Key', h('select', { name: 'keyId', id: 'filter-key' }, h('option', { value: '' }, 'All keys'),
      keys.map(k => h('option', { value: k.id }, k.name)))) : null,
    h('button', { type: 'submit' }, 'Apply'));
  let charts = [];

  async function load() {
    const range = { from: state.from, to: state.to, model: state.model, keyId: state.keyId };
    const [days, models] = await Promise.all([api.usageDaily(range).then(items), api.usageModels(range).then(items)]);
    const spent = sumMoney(models.map(m => m.cost));
    replace(summary,
      stat('Cost', money(spent), { id: 'usage-cost' }),
      stat('Requests', count(models.reduce((s, m) => s + Number(m.requests), 0))),
      stat('Input tokens', tokens(models.reduce((s, m) => s + Number(m.inputTokens) + Number(m.cacheReadTokens) + Number(m.cacheWriteTokens), 0))),
      stat('Output tokens', tokens(models.reduce((s, m) => s + Number(m.outputTokens), 0))));
    const chosen = state.model;
    replace(modelSelect, h('option', { value: '' }, 'All models'), models.map(m => h('option', { value: m.model, selected: m.model === chosen }, m.model)));
    charts.forEach(c => c.destroy());
    const n = Math.min(Math.max(1, Math.round((Date.parse(state.to) - Date.parse(state.from)) / 86400000) + 1), 366);
    const labels = fillDays(state.from, n);
    const byDay = new Map(days.map(d => [String(d.day), num(d.cost)]));
    charts = [
      bars(dayCanvas, labels.map(shortDay), [{ label: 'Cost (USD)', data: labels.map(d => byDay.get(d) ?? 0) }], { money: true }),
      doughnut(modelCanvas, models.map(m => m.model), models.map(m => num(m.cost)), { money: true }),
    ];
    await loadRecords();
  }

  async function loadRecords() {
    const page = await api.usage({ from: state.from, to: state.to, model: state.model, keyId: state.keyId, page: state.page, size: PAGE_SIZE });
    const rows = items(page);
    const total = page?.total ?? rows.length;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const prev = h('button', { class: 'outline secondary small', disabled: state.page === 0, onclick: () => { state.page--; loadRecords(); } }, '← Newer');
    const next = h('button', { class: 'outline secondary small', disabled: state.page + 1 >= pages, onclick: () => { state.page++; loadRecords(); } }, 'Older →');
    replace(records, recordsTable(rows, keys), h('div', { class: 'pager' }, prev, h('span', { class: 'muted' }, `Page ${state.page + 1} of ${pages} · ${count(total)} requests`), next));
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    Object.assign(state, formValues(form), { page: 0 });
    load();
  });

  replace(main, pageHeader('Usage', 'What your requests cost, by day and by model. Times are shown in your time zone; days are UTC days.'),
    h('article', {}, form), summary,
    h('div', { class: 'chart-row' },
      h('article', {}, h('header', {}, h('strong', {}, 'Cost per day')), h('div', { class: 'chart-box' }, dayCanvas)),
      h('article', {}, h('header', {}, h('strong', {}, 'Cost per model')), h('div', { class: 'chart-box' }, modelCanvas))),
    h('article', {}, h('header', {}, h('strong', {}, 'Requests')), records));
  await load();
  return () => charts.forEach(c => c.destroy());
}

export function recordsTable(rows, keys = []) {
  const keyName = id => keys.find(k => k.id === id)?.name ?? `#${id}`;
  return table([
    { label: 'Time', cell: r => dateTime(r.createdAt) },
    { label: 'Key', cell: r => keyName(r.keyId) },
    { label: 'Model', cell: r => h('code', {}, r.model) },
    { label: 'Input', class: 'num', cell: r => tokens(r.inputTokens) },
    { label: 'Output', class: 'num', cell: r => tokens(r.outputTokens) },
    { label: 'Cache w/r', class: 'num', cell: r => `${tokens(Number(r.cacheWrite5mTokens) + Number(r.cacheWrite1hTokens))} / ${tokens(r.cacheReadTokens)}` },
    { label: 'Cost', class: 'num cost', cell: r => money(r.cost) },
    { label: 'Time taken', class: 'num', cell: r => duration(r.durationMs) },
    { label: 'Status', cell: r => badge(String(r.status), r.status < 400 ? 'ok' : 'error') },
  ], rows, { empty: 'No requests in this period.', id: 'usage-table' });
}
