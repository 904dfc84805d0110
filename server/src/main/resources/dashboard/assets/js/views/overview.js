// Member home: balance, subscription windows with their reset times, and the last two weeks of spend.
import { h, replace, stat } from '../dom.js';
import { member, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money, relative, dateTime, isoDay, sumMoney } from '../format.js';
import { bars, num } from '../charts.js';

export const title = 'Overview';

export async function render(main, { user }) {
  const since = isoDay(new Date(Date.now() - 13 * 86400000));
  const [balance, keys, days] = await Promise.all([
    member.balance(), member.keys().then(items).catch(() => []), member.usageDaily({ from: since }).then(items).catch(() => []),
  ]);
  const spent = sumMoney(days.map(d => d.cost));
  const requests = days.reduce((sum, d) => sum + Number(d.requests ?? 0), 0);
  const canvas = h('canvas', { id: 'overview-chart', 'aria-label': 'Spend per day, last 14 days', role: 'img' });

  replace(main,
    pageHeader(`Hello${user.displayName ? ', ' + user.displayName : ''}`, 'Your balance, plans and recent use.',
      h('a', { href: '/app/keys', role: 'button' }, 'Create an API key')),
    h('div', { class: 'stats' },
      stat('Balance', money(balance.balance), { id: 'balance' }),
      stat('Spent, 14 days', money(spent)),
      stat('Requests, 14 days', requests.toLocaleString('en-US')),
      stat('Active keys', String(keys.filter(k => k.status === 'active').length))),
    subscriptions(balance.subscriptions ?? []),
    h('article', {}, h('header', {}, h('strong', {}, 'Spend per day')), h('div', { class: 'chart-box' }, canvas)));

  const labels = fillDays(since, 14);
  const byDay = new Map(days.map(d => [String(d.day), num(d.cost)]));
  const chart = bars(canvas, labels.map(shortDay), [{ label: 'Cost (USD)', data: labels.map(d => byDay.get(d) ?? 0) }], { money: true });
  return () => chart.destroy();
}

function subscriptions(list) {
  if (!list.length) return null;
  return h('section', { class: 'subscriptions' },
    h('h2', {}, 'Subscriptions'),
    h('div', { class: 'grid-cards' }, list.map(s => h('article', { class: 'subscription' },
      h('header', {}, h('strong', {}, s.groupName), h('small', { class: 'muted' }, ` until ${dateTime(s.expiresAt)}`)),
      windowBar('Today', s.dailyUsageUsd, s.dailyLimitUsd, s.dailyResetsAt),
      windowBar('This week', s.weeklyUsageUsd, s.weeklyLimitUsd, s.weeklyResetsAt),
      windowBar('This month', s.monthlyUsageUsd, s.monthlyLimitUsd, s.monthlyResetsAt)))));
}

export function windowBar(label, used, limit, resetsAt) {
  if (limit === null || limit === undefined) {
    return h('div', { class: 'window' }, h('div', { class: 'window-line' }, h('span', {}, label), h('span', {}, `${money(used)} · no limit`)));
  }
  const ratio = num(limit) > 0 ? Math.min(num(used) / num(limit), 1) : 0;
  return h('div', { class: 'window' },
    h('div', { class: 'window-line' }, h('span', {}, label), h('span', {}, `${money(used)} of ${money(limit)}`)),
    h('progress', { value: ratio.toFixed(4), max: 1, class: ratio >= 0.9 ? 'warn' : null }),
    h('small', { class: 'muted' }, resetsAt ? `resets ${relative(resetsAt)}` : 'starts with the first request'));
}

export function fillDays(from, n) {
  const start = new Date(`${from}T00:00:00Z`).getTime();
  return Array.from({ length: n }, (_, i) => isoDay(new Date(start + i * 86400000)));
}

export function shortDay(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
