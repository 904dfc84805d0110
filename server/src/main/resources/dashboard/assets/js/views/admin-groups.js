// Groups: platform, billing, multiplier, limits and how many accounts serve them (read-only here).
import { h, replace, table, badge } from '../dom.js';
import { admin, items } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money } from '../format.js';

export const title = 'Groups';
export const adminOnly = true;

export async function render(main) {
  const groups = items(await admin.groups());
  const limit = v => v == null ? '—' : money(v);
  replace(main, pageHeader('Groups', 'Which accounts serve whom, how use is billed. Edit groups in the desktop app.'),
    h('article', {}, table([
      { label: 'Name', cell: g => h('div', {}, h('strong', {}, g.name), g.description ? h('br') : null, h('small', { class: 'muted' }, g.description)) },
      { label: 'Platform', cell: g => String(g.platform).toLowerCase() },
      { label: 'Billing', cell: g => badge(g.billingType) },
      { label: 'Multiplier', class: 'num', cell: g => `×${g.rateMultiplier}` },
      { label: 'Daily / weekly / monthly', cell: g => `${limit(g.dailyLimitUsd)} / ${limit(g.weeklyLimitUsd)} / ${limit(g.monthlyLimitUsd)}` },
      { label: 'Accounts', class: 'num', cell: g => String(g.accountCount) },
      { label: 'Access', cell: g => g.exclusive ? badge('exclusive') : 'everyone' },
      { label: 'Status', cell: g => badge(g.status) },
    ], groups, { empty: 'No groups yet.', id: 'groups-table' })));
}
