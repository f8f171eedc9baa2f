// @ts-check
// The tabs with their counts, and the list of the chosen tab: tickets
// (waiting, mine, closed), requests users left, or the statistics' period.
import { el, whenChanged } from '../dom.js';
import { renderRequest } from './requests.js';
import { statsForm } from './stats.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */
/** @typedef {import('../store.js').Tab} Tab */
/** @typedef {import('../api.js').TicketView} TicketView */

/** @type {readonly Tab[]} */
const TABS = ['waiting', 'active', 'callbacks', 'referrals', 'appointments', 'closed'];

/**
 * @param {string} iso
 * @param {number} now
 */
const minutesSince = (iso, now) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));

/**
 * A ticket's language, audience, waiting time, counsellor and escalation, as badges.
 * @param {TicketView} ticket
 * @param {number} now
 * @param {ViewContext} ctx
 */
export function ticketMeta(ticket, now, { t, i18n }) {
  const minutes =
    ticket.status === 'waiting'
      ? minutesSince(ticket.createdAt, now)
      : Math.round(ticket.waitingSeconds / 60);
  return el(
    'span',
    { class: 'meta' },
    el('span', {
      class: 'badge',
      lang: ticket.language,
      text: i18n.languageName(ticket.language),
    }),
    ticket.audience ? el('span', { class: 'badge', text: t(`audience.${ticket.audience}`) }) : null,
    el('span', {
      text: t(ticket.status === 'waiting' ? 'ticket.waitingFor' : 'ticket.waitedFor', { minutes }),
    }),
    ticket.counsellor && ticket.status !== 'waiting'
      ? el('span', { text: t('ticket.with', { name: ticket.counsellor }) })
      : null,
    ticket.escalated ? el('span', { class: 'badge warn', text: t('ticket.escalated') }) : null,
  );
}

/**
 * The tab bar (the statistics only for leads).
 * @param {HTMLElement} node
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
export function tabsView(node, { t, commands }) {
  return whenChanged(
    (state) => [state.lists, state.tab, state.me],
    ({ lists, tab: current, me }) => {
      /** @type {Partial<Record<Tab, number>>} */
      const counts = {
        waiting: lists.waiting.length,
        active: lists.active.length,
        callbacks: lists.callbacks.length,
        referrals: lists.referrals.length,
        appointments: lists.appointments.filter((entry) => entry.status === 'requested').length,
      };
      const tabs = me?.role === 'lead' ? [...TABS, /** @type {Tab} */ ('stats')] : TABS;
      node.replaceChildren(
        ...tabs.map((tab) =>
          el('button', {
            type: 'button',
            role: 'tab',
            'aria-selected': String(current === tab),
            'data-tab': tab,
            text: t(`tabs.${tab}`, { count: counts[tab] }),
            onclick: () => commands.selectTab(tab),
          }),
        ),
      );
    },
  );
}

/**
 * One ticket in the list: a button that opens it.
 * @param {TicketView} ticket
 * @param {State} state
 * @param {ViewContext} ctx
 */
function ticketItem(ticket, state, ctx) {
  return el(
    'li',
    {},
    el(
      'button',
      {
        type: 'button',
        'data-ticket': ticket.id,
        'aria-current': state.selected?.id === ticket.id ? 'true' : false,
        onclick: () => void ctx.commands.selectTicket(ticket),
      },
      ticketMeta(ticket, state.now, ctx),
      el('span', {
        class: 'summary',
        dir: 'auto',
        lang: ticket.language,
        text: ticket.summary || ctx.t('ticket.noSummary'),
      }),
    ),
  );
}

/**
 * The list of the chosen tab. Redrawn when its tickets, the selection or the
 * clock move on; the statistics' period form is kept while the lists refresh,
 * so a period being typed is not lost.
 * @param {HTMLElement} node
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
export function listView(node, ctx) {
  return whenChanged(
    (state) =>
      state.tab === 'stats'
        ? [state.tab]
        : [state.tab, state.lists, state.selected?.id, state.now, state.me],
    (state) => {
      const { tab } = state;
      if (tab === 'stats') {
        node.replaceChildren(el('li', {}, statsForm(state, ctx)));
        return;
      }
      const items =
        tab === 'waiting' || tab === 'active' || tab === 'closed'
          ? state.lists[tab].map((ticket) => ticketItem(ticket, state, ctx))
          : state.lists[tab].map((request) => renderRequest(tab, request, ctx));
      node.replaceChildren(
        ...(items.length > 0 ? items : [el('li', { class: 'empty', text: ctx.t(`empty.${tab}`) })]),
      );
    },
  );
}
