// @ts-check
// The one render function, subscribed to the store: it shows the login or
// the console and lets every view bring itself up to date. Views redraw only
// what changed (see `whenChanged` in dom.js).
import { renderLogin } from './views/login.js';
import { mountShell } from './views/shell.js';

/** @typedef {import('./store.js').State} State */

/**
 * What every view gets: the strings, the language helpers and the commands.
 * @typedef {{
 *   t: import('./i18n.js').I18n['t'],
 *   i18n: import('./i18n.js').I18n,
 *   commands: import('./commands.js').Commands,
 * }} ViewContext
 */

/**
 * The tab's title: the console's name, with the count of new requests the
 * counsellor has not seen yet.
 * @param {State} state
 * @param {ViewContext['t']} t
 */
function title({ unseen }, t) {
  return unseen > 0 ? `(${unseen}) ${t('notify.newTicket')} – ${t('title')}` : t('title');
}

/**
 * @param {HTMLElement} root
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
export function createRenderer(root, ctx) {
  /** @type {unknown[]} what the screen was built for */
  let built = [];
  /** @type {(state: State) => void} */
  let update = () => undefined;
  return (state) => {
    const heading = title(state, ctx.t);
    if (document.title !== heading) document.title = heading;
    const { screen, me, loginMessage } = state;
    if (screen === 'login') {
      if (built[0] !== screen || built[1] !== loginMessage) {
        built = [screen, loginMessage];
        update = () => undefined;
        renderLogin(root, loginMessage, ctx);
      }
    } else if (screen === 'console' && me) {
      if (built[0] !== screen || built[1] !== me) {
        built = [screen, me];
        update = mountShell(root, me, ctx);
      }
    }
    update(state);
  };
}
