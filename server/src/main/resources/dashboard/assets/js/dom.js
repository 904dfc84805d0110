// A tiny element builder: text goes in as text nodes, never as HTML, so server data cannot inject markup.

/** h('button', {class: 'x', onclick: fn, disabled: true}, 'Save') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'value') el.value = value;
    else if (name === 'style') throw new Error('inline styles are refused by the CSP; use a class');
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table that scrolls sideways on a phone. columns: [{label, cell: row => node|text, class?}] */
export function table(columns, rows, { empty = 'Nothing yet.', id } = {}) {
  if (!rows.length) return h('p', { class: 'empty', id }, empty);
  return h('div', { class: 'overflow-auto' },
    h('table', { class: 'striped', id },
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c => h('td', { class: c.class, 'data-label': c.label }, c.cell(row))))))));
}

/** A headline number: label above, value below. */
export function stat(label, value, { id, hint } = {}) {
  return h('article', { class: 'stat' },
    h('span', { class: 'stat-label' }, label),
    h('strong', { class: 'stat-value', id }, value),
    hint ? h('small', { class: 'stat-hint' }, hint) : null);
}

export function badge(text, kind = text) {
  return h('span', { class: `badge badge-${String(kind).toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }, text);
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const note = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  box.append(note);
  setTimeout(() => note.remove(), kind === 'error' ? 8000 : 4000);
}

/** Resolves true when the user confirms; uses a real <dialog>, so it works without window.confirm. */
export function confirmDialog(question, { confirmLabel = 'Confirm', danger = false } = {}) {
  return new Promise(resolve => {
    const done = answer => { dialog.close(); dialog.remove(); resolve(answer); };
    const dialog = h('dialog', { class: 'confirm' },
      h('article', {},
        h('p', {}, question),
        h('footer', {},
          h('button', { class: 'secondary', onclick: () => done(false) }, 'Cancel'),
          h('button', { class: danger ? 'danger' : '', onclick: () => done(true), 'data-test': 'confirm' }, confirmLabel))));
    dialog.addEventListener('cancel', () => done(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Copies text; over plain HTTP (no clipboard API) it selects the text so Ctrl+C works. */
export async function copy(text, fallbackField) {
  try {
    await navigator.clipboard.writeText(text);
    toast('Copied to the clipboard');
  } catch {
    if (fallbackField) { fallbackField.focus(); fallbackField.select(); }
    toast('Select and copy it with Ctrl+C', 'warn');
  }
}

export function copyButton(text, label = 'Copy') {
  return h('button', { type: 'button', class: 'outline secondary copy', onclick: () => copy(text) }, label);
}

/** Runs an async action with the button marked busy; errors become a toast. */
export async function busy(button, action) {
  button.setAttribute('aria-busy', 'true');
  button.disabled = true;
  try {
    return await action();
  } catch (error) {
    toast(error.message ?? String(error), 'error');
    return undefined;
  } finally {
    button.removeAttribute('aria-busy');
    button.disabled = false;
  }
}

/** Form fields by name → trimmed strings. */
export function formValues(form) {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
}
