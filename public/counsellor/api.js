// @ts-check
// The counsellor API (`/api/counsellor/*`, src/handover/http.ts): one
// function per route, typed with what the server answers. Every call but the
// login sends `Authorization: Bearer <session token>`; a 401 ends the session.

/** @typedef {'waiting' | 'active' | 'closed' | 'cancelled'} TicketStatus */
/** @typedef {'counsellor' | 'lead'} Role */

/** `POST /session`: a session token and when it expires (ISO time). */
/** @typedef {{ token: string, expiresAt: string }} Session */

/**
 * `GET /me`: the logged-in counsellor.
 * `translation`: whether the service point runs a translation engine.
 * @typedef {{ username: string, name: string, role: Role, languages: string[], audiences: string[], translation?: boolean }} Me
 */

/**
 * A ticket as the console shows it (`TicketView` in src/handover/http.ts):
 * `GET /tickets?status=…`, and what accept, close and transfer answer.
 * @typedef {{
 *   id: string,
 *   status: TicketStatus,
 *   language: string,
 *   audience?: string,
 *   topics: string[],
 *   summary?: string,
 *   createdAt: string,
 *   waitingSeconds: number,
 *   counsellor?: string,
 *   escalated?: boolean,
 * }} TicketView
 */

/**
 * One message between a user and a counsellor (`RelayedMessage`, epoch ms).
 * @typedef {{ from: 'user' | 'counsellor', counsellor?: string, text: string, at: number }} RelayedMessage
 */

/**
 * The parts of a Bot Framework activity the console reads.
 * @typedef {{
 *   type?: string,
 *   text?: string,
 *   from?: { role?: string },
 *   channelData?: { counsellor?: string },
 *   attachments?: Array<{ content?: { title?: string } }>,
 * }} Activity
 */

/**
 * A line of a ticket's summary, in the console's language (`SummaryLine` in src/handover/summary.ts).
 * @typedef {{ field: string, label: string, value: string, lang?: string }} SummaryLine
 */

/**
 * One message as the console shows it (`TranscriptLine` in src/handover/consoleTranscript.ts):
 * the gist of a user's message, a bot message in the console's language, a
 * translated counsellor message's original.
 * @typedef {{
 *   role: 'user' | 'bot' | 'counsellor',
 *   name: string,
 *   text: string,
 *   lang?: string,
 *   gist?: { id: string, confidence: number, text: string },
 *   gloss?: string,
 *   original?: { text: string, language: string },
 * }} TranscriptLine
 */

/**
 * `GET /tickets/:id/transcript?lang=`: the conversation so far, its summary and its lines.
 * @typedef {{ activities: Activity[], messages: RelayedMessage[], summary: SummaryLine[], lines: TranscriptLine[] }} Transcript
 */

/**
 * `GET /tickets/:id/translations?lang=`: the user's messages machine-translated;
 * `problem` when the engine failed for some (their original is shown).
 * @typedef {{ translations: Array<{ text: string, translation: string }>, problem?: string }} Translations
 */

/**
 * `GET /quick-replies`: the counsellor's own quick replies, a text per language.
 * @typedef {{ id: string, texts: Record<string, string>, createdAt: number }} OwnQuickReply
 */

/**
 * `GET /counsellors`: who a ticket can be transferred to.
 * @typedef {{ username: string, name: string, languages: string[], audiences: string[], online: boolean }} Colleague
 */

/**
 * `GET /partners`: the network partners (`id` is `partner:<id>`, what a transfer sends).
 * @typedef {{ id: string, name: string, topics: string[], regions: string[] }} Partner
 */

/**
 * What every request a user left shows (`contactView` in src/handover/http.ts).
 * @typedef {{
 *   id: string,
 *   language: string,
 *   audience?: string,
 *   contact: string,
 *   contactType: 'phone' | 'email',
 *   createdAt: string,
 * }} ContactView
 */

/** `GET /callbacks`. */
/** @typedef {ContactView & { topics: string[], summary?: string }} CallbackRequest */

/** `GET /referrals`: a referral to a network partner, to forward. */
/** @typedef {ContactView & { partner: string, partnerId: string, topics: string[], summary?: string }} ReferralRequest */

/** @typedef {'requested' | 'confirmed' | 'declined'} AppointmentStatus */

/**
 * `GET /appointments`: an appointment request for the consultation hours.
 * @typedef {ContactView & { start: string, minutes: number, place: string, status: AppointmentStatus }} AppointmentRequest
 */

/** `POST /…/done`, `POST /tickets/:id/forget`. */
/** @typedef {{ deleted: true }} Deleted */

/** `POST /appointments/:id/confirm|decline`. */
/** @typedef {{ id: string, status: 'confirmed' | 'declined' }} AppointmentDecision */

/** `POST /tickets/:id/messages`. */
/** @typedef {{ sent: true }} Sent */

/**
 * One row of the anonymous statistics (`StatRow` in src/stats/statistics.ts).
 * @typedef {{ day: string, metric: string, language: string, audience: string, topic: string, count: number }} StatRow
 */

/** `GET /stats?from&to`. */
/** @typedef {{ from: string, to: string, rows: StatRow[] }} StatsReport */

/** A report's period, as `YYYY-MM-DD`. */
/** @typedef {{ from: string, to: string }} Period */

/** What every refusal carries. */
/** @typedef {{ code?: string, message?: string }} ErrorBody */

/** A request the server refused: its HTTP status, and its `Retry-After` seconds if any. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {number | undefined} [retryAfter]
   */
  constructor(status, message, retryAfter) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

const BASE = '/api/counsellor';

/** @param {string} id */
const path = (id) => encodeURIComponent(id);

/** @param {Period} period */
const periodQuery = (period) =>
  `?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;

/**
 * The API client. `token` reads the current session token; `onUnauthorized`
 * is called when the server no longer accepts it; `language` is the
 * console's (summaries, gists and translations come in it).
 * @param {{ token: () => string | null, onUnauthorized: () => void, language?: string }} session
 */
export function createApi({ token, onUnauthorized, language = 'de' }) {
  /**
   * @param {string} route
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  async function send(route, init = {}) {
    const response = await fetch(BASE + route, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${token()}` },
    });
    if (response.status === 401) {
      onUnauthorized();
      throw new ApiError(401, 'unauthorized');
    }
    return response;
  }

  /**
   * @template T
   * @param {'GET' | 'POST' | 'DELETE'} method
   * @param {string} route
   * @param {unknown} [body]
   * @returns {Promise<T>}
   */
  async function call(method, route, body) {
    const response = await send(route, {
      method,
      ...(body !== undefined
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
    });
    const json = await response.json();
    if (!response.ok) {
      const refusal = /** @type {ErrorBody | null} */ (json);
      throw new ApiError(response.status, refusal?.message ?? `HTTP ${response.status}`);
    }
    return json;
  }

  return {
    /**
     * Logs in (no token yet): rejects with an {@link ApiError}, 429 with `retryAfter`.
     * @param {string} username
     * @param {string} password
     * @returns {Promise<Session>}
     */
    async login(username, password) {
      const response = await fetch(`${BASE}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const json = await response.json();
      if (!response.ok) {
        const retryAfter = Number(response.headers.get('retry-after')) || undefined;
        throw new ApiError(response.status, `HTTP ${response.status}`, retryAfter);
      }
      return /** @type {Session} */ (json);
    },
    /** @returns {Promise<Me>} */
    me: () => call('GET', '/me'),
    /**
     * @param {'waiting' | 'active' | 'closed'} status
     * @returns {Promise<TicketView[]>}
     */
    tickets: (status) => call('GET', `/tickets?status=${status}`),
    /**
     * @param {string} id
     * @returns {Promise<Transcript>}
     */
    transcript: (id) => call('GET', `/tickets/${path(id)}/transcript?lang=${language}`),
    /**
     * @param {string} id
     * @returns {Promise<Translations>}
     */
    translations: (id) => call('GET', `/tickets/${path(id)}/translations?lang=${language}`),
    /** @returns {Promise<OwnQuickReply[]>} */
    quickReplies: () => call('GET', '/quick-replies'),
    /**
     * Keeps one (a 400 names what is missing or wrong, per language).
     * @param {Record<string, string>} texts
     * @returns {Promise<OwnQuickReply>}
     */
    addQuickReply: (texts) => call('POST', '/quick-replies', { texts }),
    /**
     * What the content check finds in one (a problem per language, as in src/content/quickReplyCheck.ts).
     * @param {Record<string, string>} texts
     * @returns {Promise<{ problems: Array<{ language: string, problem: string, word?: string }> }>}
     */
    checkQuickReply: (texts) => call('POST', '/quick-replies/check', { texts }),
    /**
     * A draft in every language, machine-translated from the console's.
     * @param {string} text
     * @returns {Promise<{ texts: Record<string, string> }>}
     */
    draftQuickReply: (text) => call('POST', '/quick-replies/draft', { text, from: language }),
    /**
     * @param {string} id
     * @returns {Promise<Deleted>}
     */
    deleteQuickReply: (id) => call('DELETE', `/quick-replies/${path(id)}`),
    /**
     * @param {string} id
     * @returns {Promise<TicketView>}
     */
    accept: (id) => call('POST', `/tickets/${path(id)}/accept`),
    /**
     * Sends as written, or (`translated`) written in the console's language
     * and sent machine-translated into the user's.
     * @param {string} id
     * @param {string} text
     * @param {boolean} [translated]
     * @returns {Promise<Sent>}
     */
    sendMessage: (id, text, translated = false) =>
      call('POST', `/tickets/${path(id)}/messages`, {
        text,
        ...(translated ? { translateFrom: language } : {}),
      }),
    /**
     * @param {string} id
     * @returns {Promise<TicketView>}
     */
    close: (id) => call('POST', `/tickets/${path(id)}/close`),
    /**
     * To a colleague (`username`) or a partner (`partner:<id>`).
     * @param {string} id
     * @param {string} to
     * @returns {Promise<TicketView>}
     */
    transfer: (id, to) => call('POST', `/tickets/${path(id)}/transfer`, { to }),
    /**
     * Deletes everything of the ticket's user and conversation.
     * @param {string} id
     * @returns {Promise<Deleted>}
     */
    forget: (id) => call('POST', `/tickets/${path(id)}/forget`),
    /** @returns {Promise<Colleague[]>} */
    counsellors: () => call('GET', '/counsellors'),
    /** @returns {Promise<Partner[]>} */
    partners: () => call('GET', '/partners'),
    /** @returns {Promise<CallbackRequest[]>} */
    callbacks: () => call('GET', '/callbacks'),
    /**
     * @param {string} id
     * @returns {Promise<Deleted>}
     */
    callbackDone: (id) => call('POST', `/callbacks/${path(id)}/done`),
    /** @returns {Promise<ReferralRequest[]>} */
    referrals: () => call('GET', '/referrals'),
    /**
     * @param {string} id
     * @returns {Promise<Deleted>}
     */
    referralDone: (id) => call('POST', `/referrals/${path(id)}/done`),
    /** @returns {Promise<AppointmentRequest[]>} */
    appointments: () => call('GET', '/appointments'),
    /**
     * @param {string} id
     * @param {'confirm' | 'decline'} decision
     * @returns {Promise<AppointmentDecision>}
     */
    decideAppointment: (id, decision) => call('POST', `/appointments/${path(id)}/${decision}`),
    /**
     * @param {Period} period
     * @returns {Promise<StatsReport>}
     */
    stats: (period) => call('GET', `/stats${periodQuery(period)}`),
    /**
     * The statistics as CSV, for a download.
     * @param {Period} period
     * @returns {Promise<Blob>}
     */
    async statsCsv(period) {
      const response = await send(`/stats.csv${periodQuery(period)}`);
      if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
      return response.blob();
    },
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
