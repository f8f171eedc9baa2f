// @ts-check
// The reply box of one's own conversation: quick replies in the person's
// language (signed with the counsellor's name) and a text field; Enter
// sends, Shift+Enter makes a new line.
import { el } from '../dom.js';

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
export function renderComposer(ticket, state, { t, i18n, commands }) {
  const input = el('textarea', {
    id: 'reply',
    dir: 'auto',
    lang: ticket.language,
    maxlength: String(MAX_MESSAGE_CHARS),
    placeholder: t('reply.placeholder'),
    'aria-label': t('reply.label'),
  });

  async function send() {
    const text = input.value.trim();
    if (!text) return;
    input.disabled = true;
    if (await commands.send(ticket.id, text)) input.value = '';
    input.disabled = false;
    input.focus();
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  const quick = i18n
    .quickReplies(ticket.language, ticket.audience, state.me?.name ?? '')
    .map((text) =>
      el('button', {
        type: 'button',
        dir: 'auto',
        lang: ticket.language,
        text,
        onclick() {
          input.value = input.value ? `${input.value} ${text}` : text;
          input.focus();
        },
      }),
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
    el('div', { class: 'quick', role: 'group', 'aria-label': t('reply.quick') }, ...quick),
    input,
    el(
      'div',
      {},
      el('button', { type: 'submit', class: 'primary', id: 'send', text: t('actions.send') }),
    ),
  );
}
