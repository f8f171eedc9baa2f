// @ts-check
// What users left for the counsellors: a callback, a referral to a network
// partner, an appointment request. Each shows the language, the contact as a
// link, and what can be done with it (done deletes the contact).
import { el } from '../dom.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').RequestTab} RequestTab */
/** @typedef {import('../api.js').ContactView} ContactView */
/**
 * @typedef {(
 *   | import('../api.js').CallbackRequest
 *   | import('../api.js').ReferralRequest
 *   | import('../api.js').AppointmentRequest
 * )} UserRequest
 */

/** The service point's time zone: appointment times are told as the service point keeps them. */
const TIME_ZONE = 'Europe/Berlin';

/**
 * The contact as a mailto: or tel: link (its text as the user typed it).
 * @param {ContactView} request
 */
function contactLink(request) {
  if (
    request.contactType === 'email' &&
    /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(request.contact)
  ) {
    return el('a', { href: `mailto:${request.contact}`, dir: 'ltr', text: request.contact });
  }
  const digits = request.contact.replace(/[^\d+]/g, '');
  return el('a', { href: `tel:${digits}`, dir: 'ltr', text: request.contact });
}

/**
 * A referral's partner, or an appointment's time, place and status.
 * @param {UserRequest} request
 * @param {ViewContext} ctx
 */
function headline(request, { t, i18n }) {
  if ('partner' in request) {
    return el('strong', { text: t('referral.to', { partner: request.partner }) });
  }
  if ('start' in request) {
    const time = new Date(request.start).toLocaleString(i18n.language, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: TIME_ZONE,
    });
    return el(
      'strong',
      {},
      `${time} · ${request.place} `,
      el('span', {
        class: request.status === 'requested' ? 'badge warn' : 'badge',
        text: t(`appointment.${request.status}`),
      }),
    );
  }
  return null;
}

/**
 * The buttons: confirm or decline a requested appointment; mark a callback
 * or referral done. Each asks first where it cannot be undone.
 * @param {RequestTab} kind
 * @param {UserRequest} request
 * @param {ViewContext} ctx
 */
function actions(kind, request, { t, commands }) {
  /**
   * @param {string} label
   * @param {'done' | 'confirm' | 'decline'} action
   * @param {string | null} question
   * @param {boolean} [primary]
   */
  const button = (label, action, question, primary) =>
    el('button', {
      type: 'button',
      class: primary ? 'primary' : null,
      'data-action': action,
      text: label,
      onclick() {
        if (question && !window.confirm(question)) return;
        void commands.settle(kind, request.id, action);
      },
    });
  const box = el('div', { class: 'actions' });
  if ('start' in request) {
    if (request.status === 'requested') {
      box.append(
        button(t('actions.confirm'), 'confirm', null, true),
        button(t('actions.decline'), 'decline', t('actions.confirmDecline')),
      );
    }
  } else {
    const label = kind === 'referrals' ? t('actions.forwarded') : t('actions.done');
    box.append(button(label, 'done', t('actions.confirmDone')));
  }
  return box;
}

/**
 * One request in the list.
 * @param {RequestTab} kind
 * @param {UserRequest} request
 * @param {ViewContext} ctx
 */
export function renderRequest(kind, request, ctx) {
  const { t, i18n } = ctx;
  return el(
    'li',
    { class: 'request', 'data-request': request.id },
    el(
      'div',
      { style: 'padding:0.6rem 0.8rem;display:grid;gap:0.3rem' },
      headline(request, ctx),
      el(
        'span',
        { class: 'meta' },
        el('span', { class: 'badge', text: i18n.languageName(request.language) }),
        request.audience
          ? el('span', { class: 'badge', text: t(`audience.${request.audience}`) })
          : null,
        el('span', {
          text: t('callback.requested', {
            date: new Date(request.createdAt).toLocaleString(i18n.language),
          }),
        }),
      ),
      el(
        'span',
        {},
        `${t(request.contactType === 'email' ? 'callback.email' : 'callback.phone')}: `,
        contactLink(request),
      ),
      'start' in request
        ? null
        : el('span', {
            class: 'summary',
            dir: 'auto',
            lang: request.language,
            text: request.summary || t('ticket.noSummary'),
          }),
      actions(kind, request, ctx),
    ),
  );
}
