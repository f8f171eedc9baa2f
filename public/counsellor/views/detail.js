// @ts-check
// The right-hand side: the open ticket (what it is about, what can be done
// with it, the conversation and the reply box), the statistics for a lead,
// or a hint to select something.
import { el, whenChanged } from '../dom.js';
import { isMine, ticketActions } from './actions.js';
import { renderComposer } from './composer.js';
import { ticketMeta } from './lists.js';
import { statsView } from './stats.js';
import { transcriptView } from './transcript.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */
/** @typedef {import('../api.js').TicketView} TicketView */

/**
 * What the bot knows of the request, in the console's language: who asks,
 * the language, the topics asked, the readiness check, what the user
 * requested and their own words (in their language).
 * @param {import('../store.js').SummaryLine[]} lines
 * @param {ViewContext} ctx
 */
function summaryList(lines, { t }) {
  return el(
    'dl',
    { class: 'ticket-summary', 'aria-label': t('summary.heading') },
    ...lines.flatMap((line) => [
      el('dt', { text: line.label }),
      el('dd', {
        'data-field': line.field,
        dir: line.lang ? 'auto' : null,
        lang: line.lang ?? null,
        text: line.value,
      }),
    ]),
  );
}

/**
 * The ticket's head: badges, the summary (the user's description until it
 * is loaded), actions.
 * @param {TicketView} ticket
 * @param {State} state
 * @param {ViewContext} ctx
 */
function ticketHead(ticket, state, ctx) {
  const { t } = ctx;
  return el(
    'div',
    { class: 'detail-head' },
    ticketMeta(ticket, state.now, ctx),
    state.summary.length > 0
      ? summaryList(state.summary, ctx)
      : el('p', {
          class: 'summary',
          dir: 'auto',
          lang: ticket.language,
          style: 'margin:0',
          text: ticket.summary || t('ticket.noSummary'),
        }),
    ticketActions(ticket, state, ctx),
  );
}

/**
 * The open ticket in `node`: its head, conversation and (when it is the
 * counsellor's own) the reply box, each redrawn only when what it shows
 * changed, so a reply being typed survives live updates.
 * @param {HTMLElement} node
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
function ticketView(node, ctx) {
  /** @type {HTMLElement} */
  let head = el('div');
  /** @type {HTMLElement} */
  let composer = el('div');
  const box = el('div', {
    class: 'transcript',
    id: 'transcript',
    role: 'log',
    'aria-label': ctx.t('transcript.heading'),
  });
  node.replaceChildren(head, box, composer);
  /** @param {HTMLElement} next */
  const replaceHead = (next) => {
    head.replaceWith(next);
    head = next;
  };
  /** @param {HTMLElement} next */
  const replaceComposer = (next) => {
    composer.replaceWith(next);
    composer = next;
  };
  const parts = [
    whenChanged(
      (state) => [state.selected, state.me, state.counsellors, state.partners, state.summary],
      (state) => state.selected && replaceHead(ticketHead(state.selected, state, ctx)),
    ),
    transcriptView(box, ctx),
    whenChanged(
      (state) => [
        state.selected?.id,
        state.selected && isMine(state.selected, state),
        state.me,
        state.translations.problem,
        state.own,
      ],
      (state) =>
        replaceComposer(
          state.selected && isMine(state.selected, state)
            ? renderComposer(state.selected, state, ctx)
            : el('div'),
        ),
    ),
  ];
  return (state) => parts.forEach((part) => part(state));
}

/**
 * The detail pane: the statistics while a lead has them open (once loaded),
 * else the selected ticket, else a hint.
 * @param {HTMLElement} node
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
export function detailView(node, ctx) {
  const stats = statsView(node, ctx);
  let shown = '';
  /** @type {(state: State) => void} */
  let update = () => undefined;
  return (state) => {
    const { selected, tab } = state;
    const mode =
      tab === 'stats' && (state.stats.report || state.stats.failed)
        ? 'stats'
        : selected
          ? `ticket:${selected.id}`
          : 'empty';
    if (mode !== shown) {
      if (shown === 'stats') stats.clear();
      shown = mode;
      if (mode === 'stats') update = stats.mount();
      else if (selected) update = ticketView(node, ctx);
      else {
        node.replaceChildren(el('p', { class: 'empty', text: ctx.t('empty.selection') }));
        update = () => undefined;
      }
    }
    update(state);
  };
}
