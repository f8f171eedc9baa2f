// @ts-check
// The conversation of the open ticket: the user's, the bot's and the
// counsellors' messages, then the console's notes (the user left, someone
// else took it, …). A message arriving live is appended, so the rest of the
// log (and what the counsellor selected in it) stays as it is.
import { el } from '../dom.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */
/** @typedef {import('../store.js').TranscriptEntry} TranscriptEntry */
/** @typedef {import('../store.js').Note} Note */

/**
 * One message, labelled with who wrote it.
 * @param {TranscriptEntry} entry
 * @param {string} userLanguage
 * @param {ViewContext} ctx
 */
function bubble(entry, userLanguage, { t }) {
  const who =
    entry.role === 'user'
      ? t('transcript.user')
      : entry.role === 'counsellor'
        ? t('transcript.counsellor', { name: entry.name })
        : t('transcript.bot');
  // The label has its own direction, so the text's own first letter decides the text's.
  return el(
    'div',
    { class: `msg ${entry.role}` },
    el('span', { class: 'who', dir: 'ltr', text: who }),
    el('span', {
      class: 'body',
      dir: 'auto',
      lang: entry.role === 'user' ? userLanguage : null,
      text: entry.text,
    }),
  );
}

/**
 * @param {Note} note
 * @param {ViewContext} ctx
 */
const noteLine = (note, { t }) =>
  el('div', { class: 'note', role: 'status', text: t(note.key, note.vars) });

/**
 * Keeps `box` showing the open ticket's conversation and notes.
 * @param {HTMLElement} box
 * @param {ViewContext} ctx
 * @returns {(state: State) => void}
 */
export function transcriptView(box, ctx) {
  /** @type {TranscriptEntry[] | null} */
  let entries = null;
  /** @type {Note[] | undefined} */
  let notes;
  return (state) => {
    const ticket = state.selected;
    if (!ticket) return;
    const ticketNotes = state.notes[ticket.id];
    if (entries === state.transcript && notes === ticketNotes) return;
    const previous = entries;
    const appended =
      previous !== null &&
      previous.length > 0 &&
      notes === ticketNotes &&
      state.transcript.length > previous.length &&
      state.transcript[previous.length - 1] === previous.at(-1);
    if (appended) {
      for (const entry of state.transcript.slice(previous.length)) {
        box.appendChild(bubble(entry, ticket.language, ctx));
      }
    } else {
      box.replaceChildren(
        ...state.transcript.map((entry) => bubble(entry, ticket.language, ctx)),
        ...(ticketNotes ?? []).map((note) => noteLine(note, ctx)),
      );
    }
    entries = state.transcript;
    notes = ticketNotes;
    box.scrollTop = box.scrollHeight;
  };
}
