// The page frame: top bar with the navigation for the user's role, the signed-in user and sign-out.
import { h, replace } from './dom.js';
import * as session from './session.js';
import { navigate } from './router.js';

const MEMBER_NAV = [
  ['/app', 'Overview'],
  ['/app/keys', 'API keys'],
  ['/app/usage', 'Usage'],
  ['/app/redeem', 'Redeem'],
];

const ADMIN_NAV = [
  ['/app/admin', 'Live'],
  ['/app/admin/accounts', 'Accounts'],
  ['/app/admin/users', 'Users'],
  ['/app/admin/keys', 'Keys'],
  ['/app/admin/groups', 'Groups'],
  ['/app/admin/codes', 'Redeem codes'],
];

export function homeOf(user) {
  return user?.role === 'admin' ? '/app/admin' : '/app';
}

export function drawTopbar(user, path) {
  const bar = document.getElementById('topbar');
  if (!user) { bar.hidden = true; replace(bar); return; }
  bar.hidden = false;
  const link = ([href, label]) => h('li', {},
    h('a', { href, 'aria-current': href === path ? 'page' : null, class: href === path ? 'active' : null }, label));
  const menu = h('details', { class: 'dropdown account-menu' },
    h('summary', { 'data-test': 'account-menu' }, user.displayName || user.email),
    h('ul', { dir: 'rtl' },
      h('li', {}, h('span', { class: 'muted' }, user.email)),
      h('li', {}, h('a', { href: '#', id: 'sign-out', onclick: signOut }, 'Sign out'))));
  replace(bar, h('nav', { class: 'container-fluid' },
    h('ul', {}, h('li', {}, h('a', { href: homeOf(user), class: 'brand' },
      h('img', { src: '/assets/favicon.svg', alt: '', width: 26, height: 26 }), h('span', {}, 'Relaypool')))),
    h('ul', { class: 'nav-links' },
      user.role === 'admin' ? ADMIN_NAV.map(link) : null,
      user.role === 'admin' ? h('li', { class: 'nav-sep', 'aria-hidden': 'true' }, '·') : null,
      MEMBER_NAV.map(link)),
    h('ul', {}, h('li', {}, menu))));
}

async function signOut(event) {
  event.preventDefault();
  await session.logout().catch(() => {});
  navigate('/app/login', { replace: true });
}

/** Page heading with optional actions on the right. */
export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-head' },
    h('hgroup', {}, h('h1', {}, title), subtitle ? h('p', {}, subtitle) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}
