// Sign in (with a TOTP code when the account asks for one) and, where the operator allows it, sign up.
import { h, replace, busy, formValues } from '../dom.js';
import * as session from '../session.js';
import { homeOf } from '../layout.js';

export const title = 'Sign in';

export function render(main, { navigate }) {
  let mode = 'login';
  const message = h('p', { class: 'form-error', id: 'login-error', role: 'alert', hidden: true });
  const totp = h('label', { hidden: true }, 'Authenticator code',
    h('input', { name: 'totpCode', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6 }));
  const invitation = h('label', { hidden: true }, 'Invitation code (if you were given one)',
    h('input', { name: 'invitationCode', autocomplete: 'off' }));
  const submit = h('button', { type: 'submit', id: 'login-submit' }, 'Sign in');
  const heading = h('h1', {}, 'Sign in');
  const toggle = h('a', { href: '#', id: 'toggle-register' }, 'Create an account');
  const password = h('input', { type: 'password', name: 'password', id: 'password', required: true, autocomplete: 'current-password', minlength: 1 });

  const form = h('form', { id: 'login-form', novalidate: false },
    h('label', {}, 'E-mail', h('input', { type: 'email', name: 'email', id: 'email', required: true, autocomplete: 'username', autofocus: true })),
    h('label', {}, 'Password', password),
    totp, invitation, message, submit);

  const setMode = next => {
    mode = next;
    heading.textContent = mode === 'login' ? 'Sign in' : 'Create an account';
    submit.textContent = mode === 'login' ? 'Sign in' : 'Create account';
    toggle.textContent = mode === 'login' ? 'Create an account' : 'I already have an account';
    password.autocomplete = mode === 'login' ? 'current-password' : 'new-password';
    password.minLength = mode === 'login' ? 1 : 8;
    invitation.hidden = mode === 'login';
    message.hidden = true;
  };
  toggle.addEventListener('click', event => { event.preventDefault(); setMode(mode === 'login' ? 'register' : 'login'); });

  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = formValues(form);
    message.hidden = true;
    busy(submit, async () => {
      try {
        const user = mode === 'login'
          ? await session.login(values.email, values.password, values.totpCode)
          : await session.register(values.email, values.password, values.invitationCode);
        const next = new URLSearchParams(location.search).get('next');
        navigate(next && next.startsWith('/app') && !next.startsWith('/app/login') ? next : homeOf(user), { replace: true });
      } catch (error) {
        if (error.code === 'totp_required') { totp.hidden = false; totp.querySelector('input').focus(); }
        message.textContent = explain(error);
        message.hidden = false;
      }
    });
  });

  replace(main, h('section', { class: 'auth' },
    h('article', { class: 'auth-card' },
      h('div', { class: 'auth-brand' }, h('img', { src: '/assets/favicon.svg', alt: '', width: 40, height: 40 }), h('span', {}, 'Relaypool')),
      heading,
      form,
      h('p', { class: 'auth-switch' }, toggle))));
}

function explain(error) {
  switch (error.code) {
    case 'invalid_credentials': return 'That e-mail and password do not match an account.';
    case 'totp_required': return 'Enter the 6-digit code from your authenticator app.';
    case 'invalid_totp_code': return 'That code is wrong or was already used.';
    case 'too_many_attempts': return 'Too many attempts. Wait a few minutes and try again.';
    case 'registration_closed': return 'Sign-up is closed on this server. Ask the operator for an account.';
    case 'invalid_invitation': return 'That invitation code is not valid.';
    case 'email_taken': return 'An account with that e-mail already exists.';
    case 'totp_setup_required': return 'Admins must set up two-factor sign-in first (use the desktop app or the API).';
    default: return error.message || 'Sign-in failed.';
  }
}
