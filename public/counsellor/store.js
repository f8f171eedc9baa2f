// @ts-check
// The console's one store: the whole state, changed only by dispatching an
// action (one of the `Action` types below) through `reduce`. Every change
// gives a new state object, and a part that did not change keeps its identity,
// so each view can tell whether it has anything to redraw.

/** @typedef {import('./api.js').Me} Me */
/** @typedef {import('./api.js').TicketView} TicketView */
/** @typedef {import('./api.js').Colleague} Colleague */
/** @typedef {import('./api.js').Partner} Partner */
/** @typedef {import('./api.js').CallbackRequest} CallbackRequest */
/** @typedef {import('./api.js').ReferralRequest} ReferralRequest */
/** @typedef {import('./api.js').AppointmentRequest} AppointmentRequest */
/** @typedef {import('./api.js').RelayedMessage} RelayedMessage */
/** @typedef {import('./api.js').StatsReport} StatsReport */
/** @typedef {import('./api.js').Period} Period */
/** @typedef {Extract<import('./events.js').HandoverEvent, { type: 'ticket' }>} TicketEvent */

/** @typedef {'callbacks' | 'referrals' | 'appointments'} RequestTab */
/** @typedef {'waiting' | 'active' | 'closed' | RequestTab | 'stats'} Tab */

/**
 * @typedef {{
 *   waiting: TicketView[],
 *   active: TicketView[],
 *   closed: TicketView[],
 *   callbacks: CallbackRequest[],
 *   referrals: ReferralRequest[],
 *   appointments: AppointmentRequest[],
 * }} Lists
 */

/** One line of a conversation as the console shows it (the server's line, or a live message). */
/** @typedef {import('./api.js').TranscriptLine} TranscriptEntry */
/** @typedef {import('./api.js').SummaryLine} SummaryLine */

/** A notice under a ticket's conversation: a string key of the console, with its values. */
/** @typedef {{ key: string, vars?: Record<string, string> }} Note */

/**
 * @typedef {{
 *   screen: 'starting' | 'login' | 'console',
 *   loginMessage: string | null,
 *   token: string | null,
 *   me: Me | null,
 *   counsellors: Colleague[],
 *   partners: Partner[],
 *   own: import('./api.js').OwnQuickReply[],
 *   tab: Tab,
 *   lists: Lists,
 *   offered: string[] | null,
 *   selected: TicketView | null,
 *   transcript: TranscriptEntry[],
 *   summary: SummaryLine[],
 *   translations: { ticketId: string | null, texts: Record<string, string>, problem: string | null },
 *   notes: Record<string, Note[]>,
 *   online: boolean,
 *   unseen: number,
 *   now: number,
 *   stats: { period: Period, report: StatsReport | null, failed: boolean },
 * }} State
 */

/**
 * Everything that can happen to the state.
 * @typedef {(
 *   | { type: 'session/started', token: string }
 *   | { type: 'session/ready', me: Me, counsellors: Colleague[], partners: Partner[] }
 *   | { type: 'session/failed' }
 *   | { type: 'own/loaded', own: import('./api.js').OwnQuickReply[] }
 *   | { type: 'session/ended' }
 *   | { type: 'connection/changed', online: boolean }
 *   | { type: 'lists/loaded', lists: Lists, now: number }
 *   | { type: 'tickets/arrived', count: number, unnoticed: boolean }
 *   | { type: 'tickets/seen' }
 *   | { type: 'clock/ticked', now: number }
 *   | { type: 'tab/selected', tab: Tab }
 *   | { type: 'ticket/selected', ticket: TicketView }
 *   | { type: 'ticket/updated', ticket: TicketView }
 *   | { type: 'ticket/changed', event: TicketEvent }
 *   | { type: 'ticket/forgotten', id: string }
 *   | { type: 'transcript/loaded', ticketId: string, lines: TranscriptEntry[], summary: SummaryLine[] }
 *   | { type: 'translations/loaded', ticketId: string, translations: import('./api.js').Translations }
 *   | { type: 'transcript/message', ticketId: string, message: RelayedMessage }
 *   | { type: 'note/added', ticketId: string, note: Note }
 *   | { type: 'stats/requested', period: Period }
 *   | { type: 'stats/loaded', report: StatsReport }
 *   | { type: 'stats/failed' }
 * )} Action
 */

/** @type {State['translations']} */
const NO_TRANSLATIONS = { ticketId: null, texts: {}, problem: null };

/** How many closed tickets are listed (the newest first). */
const CLOSED_SHOWN = 50;

/**
 * The state before anyone logged in.
 * @param {{ token: string | null, period: Period, now: number }} start
 * @returns {State}
 */
export function initialState({ token, period, now }) {
  return {
    screen: token ? 'starting' : 'login',
    loginMessage: null,
    token,
    me: null,
    counsellors: [],
    partners: [],
    own: [],
    tab: 'waiting',
    lists: { waiting: [], active: [], closed: [], callbacks: [], referrals: [], appointments: [] },
    offered: null,
    selected: null,
    transcript: [],
    summary: [],
    translations: NO_TRANSLATIONS,
    notes: {},
    online: false,
    unseen: 0,
    now,
    stats: { period, report: null, failed: false },
  };
}

/**
 * A line of the transcript from a message relayed while a counsellor has the ticket.
 * @param {RelayedMessage} message
 * @returns {TranscriptEntry}
 */
export function fromRelayed(message) {
  return {
    role: message.from === 'user' ? 'user' : 'counsellor',
    name: message.counsellor || '',
    text: message.text,
  };
}

/**
 * @param {Record<string, Note[]>} notes
 * @param {string} ticketId
 * @param {Note} note
 */
const withNote = (notes, ticketId, note) => ({
  ...notes,
  [ticketId]: [...(notes[ticketId] ?? []), note],
});

/**
 * What a ticket's live change means for the open ticket: a note when the
 * user left, someone else took it, or it ended.
 * @param {State} state
 * @param {TicketEvent} event
 * @returns {State}
 */
function ticketChanged(state, event) {
  const selected = state.selected;
  if (!selected || selected.id !== event.id) return state;
  /** @type {string[]} */
  const keys = [];
  if (event.status === 'cancelled' && selected.status === 'active') keys.push('status.userLeft');
  if (
    event.status === 'active' &&
    selected.status === 'waiting' &&
    event.counsellor !== state.me?.username
  ) {
    keys.push('status.taken');
  }
  if (event.status === 'closed') keys.push('status.closed');
  const counsellor = event.counsellor || selected.counsellor;
  const same = event.status === selected.status && counsellor === selected.counsellor;
  return {
    ...state,
    selected: same ? selected : { ...selected, status: event.status, counsellor },
    notes: keys.reduce((notes, key) => withNote(notes, selected.id, { key }), state.notes),
  };
}

/**
 * The state after `action`.
 * @param {State} state
 * @param {Action} action
 * @returns {State}
 */
export function reduce(state, action) {
  const open = (/** @type {string} */ id) => state.selected?.id === id;
  switch (action.type) {
    case 'session/started':
      return { ...state, token: action.token };
    case 'session/ready': {
      const { me, counsellors, partners } = action;
      return { ...state, screen: 'console', loginMessage: null, me, counsellors, partners };
    }
    case 'own/loaded':
      return { ...state, own: action.own };
    case 'session/failed':
      return { ...state, screen: 'login', loginMessage: 'error.generic' };
    case 'session/ended':
      return initialState({ token: null, period: state.stats.period, now: state.now });
    case 'connection/changed':
      return { ...state, online: action.online };
    case 'lists/loaded': {
      const { lists, now } = action;
      return {
        ...state,
        now,
        lists: { ...lists, closed: lists.closed.slice(-CLOSED_SHOWN).reverse() },
        offered: lists.waiting.map((ticket) => ticket.id),
      };
    }
    case 'tickets/arrived':
      return action.unnoticed ? { ...state, unseen: state.unseen + action.count } : state;
    case 'tickets/seen':
      return state.unseen === 0 ? state : { ...state, unseen: 0 };
    case 'clock/ticked':
      return { ...state, now: action.now };
    case 'tab/selected':
      return { ...state, tab: action.tab };
    case 'ticket/selected':
      return {
        ...state,
        selected: { ...action.ticket },
        transcript: [],
        summary: [],
        translations: NO_TRANSLATIONS,
      };
    case 'ticket/updated':
      return open(action.ticket.id)
        ? { ...state, selected: { ...state.selected, ...action.ticket } }
        : state;
    case 'ticket/changed':
      return ticketChanged(state, action.event);
    case 'ticket/forgotten':
      return open(action.id) ? { ...state, selected: null, transcript: [], summary: [] } : state;
    case 'transcript/loaded':
      if (!open(action.ticketId)) return state;
      return { ...state, transcript: action.lines, summary: action.summary };
    case 'translations/loaded': {
      if (!open(action.ticketId)) return state;
      const { translations, problem } = action.translations;
      const texts = Object.fromEntries(
        translations.map((entry) => [entry.text, entry.translation]),
      );
      return {
        ...state,
        translations: { ticketId: action.ticketId, texts, problem: problem ?? null },
      };
    }
    case 'transcript/message':
      if (!open(action.ticketId)) return state;
      return { ...state, transcript: [...state.transcript, fromRelayed(action.message)] };
    case 'note/added':
      return { ...state, notes: withNote(state.notes, action.ticketId, action.note) };
    case 'stats/requested':
      return { ...state, stats: { ...state.stats, period: action.period } };
    case 'stats/loaded':
      return { ...state, stats: { ...state.stats, report: action.report, failed: false } };
    case 'stats/failed':
      return { ...state, stats: { ...state.stats, failed: true } };
  }
}

/**
 * The store: `dispatch` reduces an action and then calls every subscriber
 * with the new state.
 * @param {State} initial
 */
export function createStore(initial) {
  let state = initial;
  /** @type {Set<(state: State) => void>} */
  const listeners = new Set();
  return {
    /** @returns {State} */
    getState: () => state,
    /** @param {Action} action */
    dispatch(action) {
      state = reduce(state, action);
      for (const listener of listeners) listener(state);
    },
    /**
     * Calls `listener` after every dispatch; returns the unsubscribe function.
     * @param {(state: State) => void} listener
     */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */
