// @ts-check
// The reply box of one's own conversation: quick replies in the person's
// language (signed with the counsellor's name, each with its meaning in the
// console's language), a text field, and, where the service point translates,
// "write in German, send translated"; Enter sends, Shift+Enter makes a new line.
import { el } from '../dom.js';
import { ownQuickButtons, ownRepliesEditor } from './ownReplies.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */
/** @typedef {import('../api.js').TicketView} TicketView */

/** The server takes at most this many characters in one message. */
const MAX_MESSAGE_CHARS = 2000;

/**
 * @param {TicketView} ticket
 * @param {State} state
 * @param {ViewContext} ctx
 */
export function renderComposer(ticket, state, ctx) {
  const { t, i18n, commands } = ctx;
  const { me } = state;
  // Machine translation is offered when the service point runs an engine and
  // the counsellor does not speak the user's language (then it is on at first).
  const offerTranslation =
    Boolean(me?.translation) && ticket.language.replace('-simple', '') !== i18n.language;
  const translate = el('input', {
    type: 'checkbox',
    id: 'translate',
    checked: offerTranslation && !me?.languages.includes(ticket.language),
  });
  const input = el('textarea', {
    id: 'reply',
    dir: 'auto',
    maxlength: String(MAX_MESSAGE_CHARS),
    placeholder: t('reply.placeholder'),
    'aria-label': t('reply.label'),
  });
  const writtenIn = () => (translate.checked ? i18n.language : ticket.language);
  input.lang = writtenIn();
  translate.addEventListener('change', () => {
    input.lang = writtenIn();
  });

  async function send() {
    const text = input.value.trim();
    if (!text) return;
    input.disabled = true;
    if (await commands.send(ticket.id, text, translate.checked)) input.value = '';
    input.disabled = false;
    input.focus();
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  /** A quick reply is already in the user's language: it is sent as it is. */
  const insert = (/** @type {string} */ text) => {
    translate.checked = false;
    input.lang = writtenIn();
    input.value = input.value ? `${input.value} ${text}` : text;
    input.focus();
  };
  const quick = i18n
    .quickReplies(ticket.language, ticket.audience, me?.name ?? '')
    .map(({ text, gloss }) =>
      el(
        'button',
        {
          type: 'button',
          title: gloss,
          onclick: () => insert(text),
        },
        el('span', { dir: 'auto', lang: ticket.language, text }),
        gloss && gloss !== text && el('span', { class: 'gloss', lang: i18n.language, text: gloss }),
      ),
    );
  return el(
    'form',
    {
      class: 'composer',
      onsubmit(event) {
        event.preventDefault();
        void send();
      },
    },
    el(
      'div',
      { class: 'quick', role: 'group', 'aria-label': t('reply.quick') },
      ...quick,
      ...ownQuickButtons(state, ticket.language, ctx, insert),
    ),
    input,
    el(
      'div',
      { class: 'composer-foot' },
      offerTranslation &&
        el(
          'label',
          { class: 'translate' },
          translate,
          t('reply.translate', { language: i18n.languageName(ticket.language) }),
        ),
      el('button', { type: 'submit', class: 'primary', id: 'send', text: t('actions.send') }),
    ),
    ownRepliesEditor(state, ctx),
  );
}
