// Redeem a code: balance top-up, subscription or extra concurrency.
import { h, replace, busy, formValues } from '../dom.js';
import { member } from '../endpoints.js';
import { pageHeader } from '../layout.js';
import { money } from '../format.js';

export const title = 'Redeem';

export async function render(main) {
  const balance = await member.balance();
  const shown = h('strong', { class: 'stat-value', id: 'balance' }, money(balance.balance));
  const result = h('div', { id: 'redeem-result', role: 'status' });
  const submit = h('button', { type: 'submit', id: 'redeem-submit' }, 'Redeem');
  const form = h('form', { id: 'redeem-form', class: 'inline-form' },
    h('fieldset', { role: 'group' },
      h('input', { name: 'code', id: 'redeem-code', required: true, autocomplete: 'off', placeholder: 'Code', 'aria-label': 'Code' }),
      submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const { code } = formValues(form);
    busy(submit, async () => {
      try {
        const done = await member.redeem(code);
        shown.textContent = money(done.balance);
        replace(result, h('p', { class: 'success' }, describe(done)));
        form.reset();
      } catch (error) {
        replace(result, h('p', { class: 'form-error' }, error.code === 'not_found' || error.status === 404
          ? 'That code does not exist.' : error.message));
      }
    });
  });
  replace(main, pageHeader('Redeem a code', 'Top up your balance or start a plan with a code from your operator.'),
    h('div', { class: 'stats' }, h('article', { class: 'stat' }, h('span', { class: 'stat-label' }, 'Balance'), shown)),
    h('article', {}, form, result));
}

function describe(done) {
  switch (done.type) {
    case 'balance': return `Added ${money(done.value)} to your balance.`;
    case 'subscription': return 'Your subscription is active. See the overview for its limits.';
    case 'concurrency': return `Your concurrency went up by ${done.value}.`;
    default: return 'Code redeemed.';
  }
}
