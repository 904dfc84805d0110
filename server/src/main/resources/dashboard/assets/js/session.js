// The signed-in session. The access token lives in this module's memory only; the refresh token is the HttpOnly
// cookie the server sets (Path=/api/v1/auth), so nothing readable by script survives a reload.

let accessToken = null;
let currentUser = null;
let inFlight = null;
const listeners = new Set();

export function user() { return currentUser; }
export function token() { return accessToken; }
export function onChange(listener) { listeners.add(listener); }

function accept(answer) {
  accessToken = answer?.accessToken ?? null;
  currentUser = answer?.user ?? null;
  listeners.forEach(l => l(currentUser));
  return currentUser;
}

async function post(path, body) {
  const response = await fetch(`/api/v1/auth/${path}`, {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json?.error?.message || `HTTP ${response.status}`);
    error.code = json?.error?.code ?? 'http_' + response.status;
    error.status = response.status;
    throw error;
  }
  return json;
}

/**
 * Trades the refresh cookie for a new access token; concurrent callers share one request. Across tabs the Web Locks
 * API (where available) serialises refreshes, since a refresh token presented twice revokes the whole session.
 */
export function refresh() {
  if (!inFlight) {
    const run = () => post('refresh', {}).then(accept, () => accept(null));
    inFlight = (navigator.locks ? navigator.locks.request('relaypool-refresh', run) : run())
      .finally(() => { inFlight = null; });
  }
  return inFlight;
}

export async function login(email, password, totpCode) {
  return accept(await post('login', { email, password, totpCode: totpCode || null }));
}

export async function register(email, password, invitationCode) {
  return accept(await post('register', { email, password, invitationCode: invitationCode || null }));
}

export async function logout() {
  try {
    await post('logout', {});
  } finally {
    accept(null);
  }
}
