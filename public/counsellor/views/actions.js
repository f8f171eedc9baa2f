// @ts-check
// What can be done with the open ticket: accept it (waiting); transfer it to
// a colleague or a network partner, or close it (one's own); delete the
// person's data on request (one's own, or for a lead any that is not waiting).
import { el } from '../dom.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */
/** @typedef {import('../api.js').TicketView} TicketView */

/**
 * Whom the counsellor can give the ticket to: colleagues (online or not,
 * with their languages) and the network partners.
 * @param {State} state
 * @param {ViewContext} ctx
 */
function transferSelect({ counsellors, partners, me }, { t }) {
  const select = el(
    'select',
    { id: 'transfer-to', 'aria-label': t('actions.transferTo') },
    el('option', { value: '', text: t('actions.transferTo') }),
  );
  const colleagues = el('optgroup', { label: t('actions.counsellors') });
  for (const counsellor of counsellors) {
    if (counsellor.username === me?.username) continue;
    colleagues.appendChild(
      el('option', {
        value: counsellor.username,
        text: `${counsellor.online ? '● ' : '○ '}${counsellor.name} (${counsellor.languages.join(', ')})`,
      }),
    );
  }
  select.appendChild(colleagues);
  if (partners.length > 0) {
    select.appendChild(
      el(
        'optgroup',
        { label: t('actions.partners') },
        ...partners.map((partner) => el('option', { value: partner.id, text: partner.name })),
      ),
    );
  }
  return select;
}

/**
 * Whether the ticket is the counsellor's own active conversation.
 * @param {TicketView} ticket
 * @param {State} state
 */
export const isMine = (ticket, state) =>
  ticket.status === 'active' && ticket.counsellor === state.me?.username;

/**
 * Accept (waiting); transfer and close (one's own); delete the person's data
 * on request (one's own, or for a lead any that is not waiting).
 * @param {TicketView} ticket
 * @param {State} state
 * @param {ViewContext} ctx
 */
export function ticketActions(ticket, state, ctx) {
  const { t, commands } = ctx;
  const mine = isMine(ticket, state);
  const actions = el('div', { class: 'actions' });
  if (ticket.status === 'waiting') {
    actions.appendChild(
      el('button', {
        type: 'button',
        class: 'primary',
        id: 'accept',
        text: t('actions.accept'),
        onclick: () => void commands.accept(ticket.id),
      }),
    );
  }
  if (mine) {
    const target = transferSelect(state, ctx);
    actions.append(
      target,
      el('button', {
        type: 'button',
        id: 'transfer',
        text: t('actions.transfer'),
        onclick() {
          if (!target.value) return target.focus();
          const label = target.options[target.selectedIndex]?.textContent ?? target.value;
          void commands.transfer(ticket.id, target.value, label);
        },
      }),
      el('button', {
        type: 'button',
        id: 'close',
        text: t('actions.close'),
        onclick() {
          if (window.confirm(t('actions.confirmClose'))) void commands.close(ticket.id);
        },
      }),
    );
  }
  if (mine || (ticket.status !== 'waiting' && state.me?.role === 'lead')) {
    // At the person's request (by phone, in person): everything of them and this chat is deleted.
    actions.appendChild(
      el('button', {
        type: 'button',
        id: 'forget',
        text: t('actions.forget'),
        onclick() {
          if (window.confirm(t('actions.confirmForget'))) void commands.forget(ticket.id);
        },
      }),
    );
  }
  return actions;
}
