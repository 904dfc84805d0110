// Boot: restore the session from the refresh cookie, then route. Signed-out visitors see the sign-in page.
import * as session from './session.js';
import * as router from './router.js';
import { h, replace } from './dom.js';
import { drawTopbar, homeOf } from './layout.js';
import * as login from './views/login.js';
import * as overview from './views/overview.js';
import * as keys from './views/keys.js';
import * as usage from './views/usage.js';
import * as redeem from './views/redeem.js';
import * as live from './views/admin-live.js';
import * as accounts from './views/admin-accounts.js';
import * as users from './views/admin-users.js';
import * as adminKeys from './views/admin-keys.js';
import * as groups from './views/admin-groups.js';
import * as codes from './views/admin-codes.js';

const ROUTES = {
  '/app/login': login,
  '/app': overview,
  '/app/keys': keys,
  '/app/usage': usage,
  '/app/redeem': redeem,
  '/app/admin': live,
  '/app/admin/accounts': accounts,
  '/app/admin/users': users,
  '/app/admin/keys': adminKeys,
  '/app/admin/groups': groups,
  '/app/admin/codes': codes,
};

const main = document.getElementById('main');

async function render(view, path) {
  const user = session.user();
  if (!user && view !== login) {
    const back = path === '/' ? '' : `?next=${encodeURIComponent(path)}`;
    return router.navigate(`/app/login${back}`, { replace: true });
  }
  if (user && view === login) return router.navigate(homeOf(user), { replace: true });
  if (view.adminOnly && user.role !== 'admin') return router.navigate(homeOf(user), { replace: true });
  if (path === '/') return router.navigate(homeOf(user), { replace: true });
  drawTopbar(user, path);
  document.title = `${view.title} · Relaypool`;
  replace(main, h('p', { class: 'loading', 'aria-busy': 'true' }, 'Loading…'));
  try {
    return await view.render(main, { user, navigate: router.navigate });
  } catch (error) {
    replace(main, h('article', { class: 'error-box' }, h('h2', {}, 'Could not load this page'),
      h('p', {}, error.message ?? String(error))));
    return undefined;
  }
}

await session.refresh();
ROUTES['/'] = overview; // "/" itself: redirected to the user's home in render()
await router.start(ROUTES, '/app', render);
// A session that ends later (sign-out, revoked refresh token) sends the user back to the sign-in page.
session.onChange(user => { if (!user && router.current() !== '/app/login') router.navigate('/app/login', { replace: true }); });
