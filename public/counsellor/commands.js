// @ts-check
// What the console does: each command calls the API and dispatches what
// happened. Views call commands; only commands talk to the server.
import { ApiError } from './api.js';
import { el } from './dom.js';
import { openEvents } from './events.js';
import { outOfView, playTone } from './notify.js';

/** @typedef {import('./api.js').Api} Api */
/** @typedef {import('./api.js').TicketView} TicketView */
/** @typedef {import('./api.js').Period} Period */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').Tab} Tab */
/** @typedef {import('./store.js').RequestTab} RequestTab */
/** @typedef {import('./events.js').HandoverEvent} HandoverEvent */

const TOKEN_KEY = 'kausa.console.token';
/** Changes come in bursts (a ticket event, then its message): one reload of the lists for them. */
const REFRESH_DELAY_MS = 250;

/** The session token kept for this browser tab (a reload stays logged in). */
export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * @param {unknown} error
 * @returns {string} the note for a refused ticket action
 */
const failureNote = (error) =>
  error instanceof ApiError && error.status === 409 ? 'error.conflict' : 'error.generic';

/**
 * The commands, on a store and an API client.
 * @param {{ store: Store, api: Api }} deps
 */
export function createCommands({ store, api }) {
  const { dispatch, getState } = store;
  /** @type {{ close: () => void } | null} */
  let stream = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let refreshTimer;

  /** Whether the session that started some work is still the current one. */
  const still = (/** @type {string | null} */ token) =>
    token !== null && getState().token === token;

  /**
   * @param {string} ticketId
   * @param {string} key
   * @param {Record<string, string>} [vars]
   */
  function note(ticketId, key, vars) {
    if (getState().token) dispatch({ type: 'note/added', ticketId, note: { key, vars } });
  }

  async function refresh() {
    const token = getState().token;
    try {
      const [waiting, active, closed, callbacks, referrals, appointments] = await Promise.all([
        api.tickets('waiting'),
        api.tickets('active'),
        api.tickets('closed'),
        api.callbacks(),
        api.referrals(),
        api.appointments(),
      ]);
      if (!still(token)) return;
      const before = getState().offered;
      const fresh = before ? waiting.filter((ticket) => !before.includes(ticket.id)).length : 0;
      const lists = { waiting, active, closed, callbacks, referrals, appointments };
      dispatch({ type: 'lists/loaded', lists, now: Date.now() });
      if (fresh > 0) {
        dispatch({ type: 'tickets/arrived', count: fresh, unnoticed: outOfView() });
        playTone();
      }
    } catch {
      // shown by the connection state
    }
  }

  /**
   * The open ticket's summary and conversation, then (when the service point
   * translates and the counsellor may need it) its translations.
   * @param {string} ticketId
   */
  async function loadTranscript(ticketId) {
    try {
      const { lines, summary } = await api.transcript(ticketId);
      dispatch({ type: 'transcript/loaded', ticketId, lines, summary });
    } catch {
      note(ticketId, 'error.generic');
      return;
    }
    const { me, selected } = getState();
    if (!me?.translation || !selected || selected.id !== ticketId) return;
    if (me.languages.includes(selected.language)) return; // they read it themselves
    try {
      dispatch({
        type: 'translations/loaded',
        ticketId,
        translations: await api.translations(ticketId),
      });
    } catch {
      const translations = { translations: [], problem: 'unavailable' };
      dispatch({ type: 'translations/loaded', ticketId, translations });
    }
  }

  /** The counsellor's own quick replies. */
  async function loadOwn() {
    try {
      dispatch({ type: 'own/loaded', own: await api.quickReplies() });
    } catch {
      // Without them the console works as before; the built-in ones stay.
    }
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let transcriptTimer;
  /** @param {string} ticketId */
  function reloadTranscriptSoon(ticketId) {
    clearTimeout(transcriptTimer);
    transcriptTimer = setTimeout(() => void loadTranscript(ticketId), REFRESH_DELAY_MS);
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, REFRESH_DELAY_MS);
  }

  /** @param {HandoverEvent} event */
  function onEvent(event) {
    if (event.type === 'ticket') {
      dispatch({ type: 'ticket/changed', event });
      refreshSoon();
    } else if (event.type === 'message') {
      dispatch({ type: 'transcript/message', ticketId: event.ticketId, message: event.message });
      // Then as the server reads it: its gist, its translation, a reply's original.
      if (getState().selected?.id === event.ticketId) reloadTranscriptSoon(event.ticketId);
    } else {
      refreshSoon();
    }
  }

  function connect() {
    stream?.close();
    stream = openEvents({
      token: () => getState().token,
      onOnline(online) {
        dispatch({ type: 'connection/changed', online });
        if (online) refreshSoon();
      },
      onEvent,
      onUnauthorized: logout,
    });
  }

  function logout() {
    sessionStorage.removeItem(TOKEN_KEY);
    stream?.close();
    stream = null;
    clearTimeout(refreshTimer);
    dispatch({ type: 'session/ended' });
  }

  /** Loads who the counsellor is and whom they can transfer to, then opens the console. */
  async function start() {
    const token = getState().token;
    try {
      const me = await api.me();
      const [counsellors, partners] = await Promise.all([api.counsellors(), api.partners()]);
      if (!still(token)) return;
      dispatch({ type: 'session/ready', me, counsellors, partners });
      void loadOwn();
      void refresh();
      connect();
    } catch {
      if (still(token)) dispatch({ type: 'session/failed' });
    }
  }

  /**
   * A ticket action that answers with the ticket: the open ticket follows it.
   * @param {string} ticketId
   * @param {Promise<TicketView>} work
   */
  async function act(ticketId, work) {
    try {
      dispatch({ type: 'ticket/updated', ticket: await work });
      refreshSoon();
    } catch (error) {
      note(ticketId, failureNote(error));
    }
  }

  /** @param {import('./api.js').Period} period */
  async function showStats(period) {
    dispatch({ type: 'stats/requested', period });
    try {
      dispatch({ type: 'stats/loaded', report: await api.stats(period) });
    } catch {
      dispatch({ type: 'stats/failed' });
    }
  }

  return {
    start,
    logout,
    refresh,
    /**
     * Logs in; rejects with the {@link ApiError} of a refused login.
     * @param {string} username
     * @param {string} password
     */
    async login(username, password) {
      const session = await api.login(username, password);
      sessionStorage.setItem(TOKEN_KEY, session.token);
      dispatch({ type: 'session/started', token: session.token });
      void start();
    },
    /** @param {Tab} tab */
    selectTab(tab) {
      dispatch({ type: 'tab/selected', tab });
      if (tab === 'stats') void showStats(getState().stats.period);
    },
    /** @param {TicketView} ticket */
    async selectTicket(ticket) {
      dispatch({ type: 'ticket/selected', ticket });
      await loadTranscript(ticket.id);
    },
    /** Takes a waiting ticket; once it is the counsellor's, their conversations are shown. */
    async accept(/** @type {string} */ ticketId) {
      await act(ticketId, api.accept(ticketId));
      if (getState().selected?.status === 'active')
        dispatch({ type: 'tab/selected', tab: 'active' });
    },
    /**
     * @param {string} ticketId
     * @param {string} to a colleague's username or `partner:<id>`
     * @param {string} label how the console named them
     */
    transfer(ticketId, to, label) {
      return act(
        ticketId,
        api.transfer(ticketId, to).then((moved) => {
          note(ticketId, 'status.transferred', { name: label });
          return moved;
        }),
      );
    },
    close: (/** @type {string} */ ticketId) => act(ticketId, api.close(ticketId)),
    /** Deletes everything of the ticket's user and conversation. */
    async forget(/** @type {string} */ ticketId) {
      try {
        await api.forget(ticketId);
        dispatch({ type: 'ticket/forgotten', id: ticketId });
        refreshSoon();
      } catch {
        note(ticketId, 'error.generic');
      }
    },
    /**
     * Sends a reply (`translated`: written in the console's language, sent
     * machine-translated); resolves whether it was sent (else a note says why not).
     * @param {string} ticketId
     * @param {string} text
     * @param {boolean} [translated]
     */
    async send(ticketId, text, translated = false) {
      try {
        await api.sendMessage(ticketId, text, translated);
        return true;
      } catch (error) {
        const failedTranslation = error instanceof ApiError && error.status === 502;
        note(ticketId, failedTranslation ? 'translation.sendFailed' : failureNote(error));
        return false;
      }
    },
    /**
     * Keeps an own quick reply; resolves null, what the content check found
     * (per language), or the key of a generic error.
     * @param {Record<string, string>} texts
     * @returns {Promise<Array<{ language: string, problem: string, word?: string }> | string | null>}
     */
    async addQuickReply(texts) {
      try {
        const { problems } = await api.checkQuickReply(texts);
        if (problems.length > 0) return problems;
        await api.addQuickReply(texts);
        await loadOwn();
        return null;
      } catch {
        return 'error.generic';
      }
    },
    /** @param {string} id */
    async deleteQuickReply(id) {
      try {
        await api.deleteQuickReply(id);
      } finally {
        await loadOwn();
      }
    },
    /**
     * A machine-translated draft in every language, or null when there is none.
     * @param {string} text
     */
    async draftQuickReply(text) {
      try {
        return (await api.draftQuickReply(text)).texts;
      } catch {
        return null;
      }
    },
    /**
     * Settles a request a user left: done (its contact is deleted), or an appointment confirmed or declined.
     * @param {RequestTab} kind
     * @param {string} id
     * @param {'done' | 'confirm' | 'decline'} action
     */
    async settle(kind, id, action) {
      try {
        if (kind === 'callbacks') await api.callbackDone(id);
        else if (kind === 'referrals') await api.referralDone(id);
        else if (action !== 'done') await api.decideAppointment(id, action);
      } catch {
        // the lists show what is left
      }
      await refresh();
    },
    showStats,
    /** Downloads the statistics of the shown period as CSV; rejects when that failed. */
    async downloadCsv() {
      const { period } = getState().stats;
      const blob = await api.statsCsv(period);
      const link = el('a', {
        href: URL.createObjectURL(blob),
        download: `kausa-statistik-${period.from}-${period.to}.csv`,
      });
      document.body.appendChild(link);
      link.click();
      link.remove();
    },
    /** The counsellor looked at the console: the title stops counting. */
    seen: () => dispatch({ type: 'tickets/seen' }),
    /** Waiting times move on. */
    tick() {
      if (getState().me) dispatch({ type: 'clock/ticked', now: Date.now() });
    },
  };
}

/** @typedef {ReturnType<typeof createCommands>} Commands */
