// @ts-check
// Live updates: the server-sent events of `/api/counsellor/events`, read with
// fetch, because EventSource cannot send the Authorization header. A dropped
// stream is opened again after a pause; an open stream marks the counsellor
// as online on the server.

/** @typedef {import('./api.js').TicketStatus} TicketStatus */
/** @typedef {import('./api.js').RelayedMessage} RelayedMessage */

/**
 * What changed in the handover (`HandoverEvent` in src/handover/events.ts).
 * @typedef {(
 *   | { type: 'ticket', id: string, status: TicketStatus, language: string, counsellor?: string }
 *   | { type: 'message', ticketId: string, counsellor?: string, message: RelayedMessage }
 *   | { type: 'callback', id: string, status: 'open' | 'done' }
 *   | { type: 'referral', id: string, status: 'open' | 'done' }
 *   | { type: 'appointment', id: string, status: 'requested' | 'confirmed' | 'declined' | 'done' }
 * )} HandoverEvent
 */

/** How long a dropped stream waits before it is opened again. */
export const RECONNECT_MS = 3000;

/**
 * Splits off the complete events in `buffer` (blocks ended by a blank line);
 * keep-alive comments are skipped. Returns the events and what is left over.
 * @param {string} buffer
 * @returns {{ events: HandoverEvent[], rest: string }}
 */
export function parseEvents(buffer) {
  /** @type {HandoverEvent[]} */
  const events = [];
  let rest = buffer;
  let end;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const type = /^event: (.+)$/m.exec(block);
    const data = /^data: (.+)$/m.exec(block);
    if (type && data) events.push({ ...JSON.parse(data[1] ?? 'null'), type: type[1] });
  }
  return { events, rest };
}

/**
 * @typedef {{
 *   token: () => string | null,
 *   onOnline: (online: boolean) => void,
 *   onEvent: (event: HandoverEvent) => void,
 *   onUnauthorized: () => void,
 * }} EventHandlers
 */

/**
 * Opens the event stream and keeps it open until `close()` (or a 401):
 * `onOnline(true)` once it is open, `onOnline(false)` when it dropped.
 * @param {EventHandlers} handlers
 * @returns {{ close: () => void }}
 */
export function openEvents({ token, onOnline, onEvent, onUnauthorized }) {
  /** @type {AbortController | null} */
  let current = null;

  async function read() {
    const controller = new AbortController();
    current = controller;
    try {
      const response = await fetch('/api/counsellor/events', {
        headers: { authorization: `Bearer ${token()}` },
        signal: controller.signal,
      });
      if (response.status === 401) {
        onUnauthorized();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onOnline(true);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('stream ended');
        const parsed = parseEvents(buffer + decoder.decode(chunk.value, { stream: true }));
        buffer = parsed.rest;
        parsed.events.forEach(onEvent);
      }
    } catch {
      if (controller.signal.aborted || !token()) return;
      onOnline(false);
      setTimeout(() => {
        if (current === controller) void read();
      }, RECONNECT_MS);
    }
  }

  if (token()) void read();
  return {
    close() {
      current?.abort();
      current = null;
    },
  };
}
