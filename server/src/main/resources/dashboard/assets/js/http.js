// JSON over fetch with the in-memory access token; a 401 "unauthenticated" refreshes once and retries.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

/** JSON.parse keeping decimals exact: a number with a fraction or exponent stays its source text. */
export function parseJson(text) {
  return JSON.parse(text, (key, value, context) =>
    typeof value === 'number' && typeof context?.source === 'string' && /[.eE]/.test(context.source)
      ? context.source : value);
}

function url(path, query) {
  const u = new URL(`/api/v1/${path}`, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== null && v !== undefined && v !== '') u.searchParams.set(k, v);
  }
  return u;
}

export async function request(method, path, { body, query, signal } = {}, retried = false) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token()) headers.Authorization = `Bearer ${session.token()}`;
  const response = await fetch(url(path, query), {
    method, headers, signal, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (response.ok) return json;
  const code = json?.error?.code ?? `http_${response.status}`;
  if (response.status === 401 && code === 'unauthenticated' && !retried && await session.refresh()) {
    return request(method, path, { body, query, signal }, true);
  }
  throw new ApiError(response.status, code, json?.error?.message);
}

function safeParse(text) {
  try { return parseJson(text); } catch { return null; }
}

export const get = (path, query, signal) => request('GET', path, { query, signal });
export const post = (path, body = {}) => request('POST', path, { body });
export const patch = (path, body) => request('PATCH', path, { body });
export const put = (path, body) => request('PUT', path, { body });
export const del = path => request('DELETE', path);
