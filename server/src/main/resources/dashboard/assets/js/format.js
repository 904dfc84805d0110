// Display formatting. Money arrives as exact decimal strings (see http.js) and is rounded as text, never as a float.

/** Rounds a decimal string half-up to `places` digits without floating point. */
export function roundDecimal(value, places) {
  const text = String(value ?? '0').trim();
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  if (/e/i.test(text)) return Number(text).toFixed(places); // exponent form: only ever tiny display values
  const padded = (fraction + '0'.repeat(places + 1)).slice(0, places + 1);
  let digits = BigInt((whole || '0') + padded.slice(0, places));
  if (Number(padded[places]) >= 5) digits += 1n;
  let out = digits.toString().padStart(places + 1, '0');
  out = places > 0 ? `${out.slice(0, -places)}.${out.slice(-places)}` : out;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/** "$12.34", or more digits for small amounts so a cheap request does not read as free. */
export function money(value) {
  if (value === null || value === undefined) return '—';
  const abs = String(value).replace(/^-/, '');
  const small = Number(abs) !== 0 && Number(abs) < 0.01;
  // under a cent: up to 6 places, trailing zeros dropped ("$0.0045", not "$0.004500")
  const text = roundDecimal(value, small ? 6 : 2).replace(/(\.\d\d\d*?)0+$/, '$1');
  const [whole, fraction] = text.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${text.startsWith('-') ? '-' : ''}$${grouped}${fraction ? '.' + fraction : ''}`;
}

export function count(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

/** 1234567 → "1.23M". */
export function tokens(value) {
  const n = Number(value ?? 0);
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return n.toLocaleString('en-US');
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—';
}

/** "in 3 h 20 min" / "5 min ago". */
export function relative(iso, now = Date.now()) {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60000);
  let text;
  if (abs < 60000) text = `${Math.max(1, Math.round(abs / 1000))} s`;
  else if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  else text = `${Math.round(minutes / 1440)} days`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** yyyy-mm-dd of a Date in UTC (the server's usage days are UTC days). */
export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

const UNIT_PLACES = 10; // the database keeps money to 10 decimal places

function toUnits(value) {
  let text = String(value ?? '0').trim();
  if (/e/i.test(text)) text = Number(text).toFixed(UNIT_PLACES); // exponent form: only for tiny amounts
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const units = BigInt((whole || '0') + (fraction + '0'.repeat(UNIT_PLACES)).slice(0, UNIT_PLACES));
  return negative ? -units : units;
}

/** Exact sum of decimal strings (money totals shown on pages), as a decimal string. */
export function sumMoney(values) {
  let total = 0n;
  for (const value of values) total += toUnits(value);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(UNIT_PLACES + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -UNIT_PLACES)}.${digits.slice(-UNIT_PLACES)}`;
}
