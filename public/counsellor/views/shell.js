// @ts-check
// The console's frame: a bar with the counsellor's name, the connection
// state, the sound switch and logout; beside it the tabs and list, and the
// detail of what is selected.
import { el } from '../dom.js';
import { setSound, soundOn } from '../notify.js';
import { listView, tabsView } from './lists.js';
import { detailView } from './detail.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */

/**
 * Builds the frame in `root` for the logged-in counsellor; returns the
 * function that brings it up to date with a state.
 * @param {HTMLElement} root
 * @param {import('../api.js').Me} me
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
export function mountShell(root, me, ctx) {
  const { t, commands } = ctx;
  const presence = el('span', { id: 'presence', class: 'presence off', text: t('offline') });
  const tabs = el('div', { class: 'tabs', role: 'tablist', id: 'tabs' });
  const list = el('ul', { class: 'list', id: 'list' });
  const detail = el('section', { class: 'detail', id: 'detail', 'aria-live': 'polite' });
  root.replaceChildren(
    el(
      'header',
      { class: 'bar' },
      el('h1', { text: `${t('title')} – ${me.name}` }),
      presence,
      el(
        'label',
        { for: 'sound' },
        el('input', {
          type: 'checkbox',
          id: 'sound',
          checked: soundOn(),
          onchange(event) {
            setSound(/** @type {HTMLInputElement} */ (event.currentTarget).checked);
          },
        }),
        ` ${t('sound')}`,
      ),
      el('button', { type: 'button', onclick: () => commands.logout(), text: t('logout') }),
    ),
    el(
      'div',
      { class: 'layout' },
      el('nav', { class: 'side', 'aria-label': t('title') }, tabs, list),
      detail,
    ),
  );
  const views = [tabsView(tabs, ctx), listView(list, ctx), detailView(detail, ctx)];
  /** @type {boolean | null} */
  let online = null;
  return (state) => {
    if (state.online !== online) {
      online = state.online;
      presence.className = online ? 'presence' : 'presence off';
      presence.textContent = online ? t('online') : t('offline');
    }
    for (const view of views) view(state);
  };
}
