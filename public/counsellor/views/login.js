// @ts-check
// The login form. A refused login says why (wrong name or password, or
// locked for some minutes) and empties the password field.
import { ApiError } from '../api.js';
import { el } from '../dom.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */

/**
 * What the form says when a login failed.
 * @param {unknown} failure
 * @param {ViewContext['t']} t
 */
function reason(failure, t) {
  if (!(failure instanceof ApiError)) return t('error.generic');
  if (failure.status === 429) {
    return t('login.locked', { minutes: Math.ceil((failure.retryAfter || 60) / 60) });
  }
  return t('login.failed');
}

/**
 * Shows the login form in `root`, with `message` (a string key) above the button.
 * @param {HTMLElement} root
 * @param {string | null} message
 * @param {ViewContext} ctx
 */
export function renderLogin(root, message, { t, commands }) {
  const error = el('p', { class: 'error', role: 'alert', text: message ? t(message) : '' });
  const username = el('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
  });
  const password = el('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = el(
    'form',
    {
      class: 'login',
      onsubmit(event) {
        event.preventDefault();
        commands.login(username.value.trim(), password.value).catch((failure) => {
          error.textContent = reason(failure, t);
          password.value = '';
          password.focus();
        });
      },
    },
    el('h1', { text: t('login.heading') }),
    el('label', { for: 'username' }, t('login.username'), username),
    el('label', { for: 'password' }, t('login.password'), password),
    error,
    el('button', { type: 'submit', class: 'primary', text: t('login.submit') }),
  );
  root.replaceChildren(form);
  username.focus();
}
