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
 * One message, labelled with who wrote it; under a user's message its
 * machine translation (when there is one) and what the bot understood; under
 * a bot message its text in the console's language, on demand; under a
 * translated reply what the counsellor wrote.
 * @param {TranscriptEntry} entry
 * @param {string} userLanguage
 * @param {Record<string, string>} translations
 * @param {ViewContext} ctx
 */
function bubble(entry, userLanguage, translations, { t, i18n }) {
  const who =
    entry.role === 'user'
      ? t('transcript.user')
      : entry.role === 'counsellor'
        ? t('transcript.counsellor', { name: entry.name })
        : t('transcript.bot');
  const translation = entry.role === 'user' ? translations[entry.text.trim()] : undefined;
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
    translation !== undefined &&
      el('span', {
        class: 'aside translation',
        lang: i18n.language,
        text: `${t('transcript.translation')}: ${translation}`,
      }),
    entry.gist && el('span', { class: 'aside gist', lang: i18n.language, text: entry.gist.text }),
    entry.gloss &&
      el(
        'details',
        { class: 'aside gloss' },
        el('summary', { text: t('transcript.inConsoleLanguage') }),
        el('span', { lang: i18n.language, text: entry.gloss }),
      ),
    entry.original &&
      el('span', {
        class: 'aside original',
        dir: 'auto',
        lang: entry.original.language,
        text: `${t('transcript.original')}: ${entry.original.text}`,
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
  /** @type {State['translations'] | undefined} */
  let translated;
  return (state) => {
    const ticket = state.selected;
    if (!ticket) return;
    const ticketNotes = state.notes[ticket.id];
    if (entries === state.transcript && notes === ticketNotes && translated === state.translations)
      return;
    const texts = state.translations.texts;
    const previous = entries;
    const appended =
      previous !== null &&
      previous.length > 0 &&
      notes === ticketNotes &&
      translated === state.translations &&
      state.transcript.length > previous.length &&
      state.transcript[previous.length - 1] === previous.at(-1);
    if (appended) {
      for (const entry of state.transcript.slice(previous.length)) {
        box.appendChild(bubble(entry, ticket.language, texts, ctx));
      }
    } else {
      const problem = state.translations.problem;
      box.replaceChildren(
        ...(problem ? [noteLine({ key: `translation.problem.${problem}` }, ctx)] : []),
        ...state.transcript.map((entry) => bubble(entry, ticket.language, texts, ctx)),
        ...(ticketNotes ?? []).map((note) => noteLine(note, ctx)),
      );
    }
    entries = state.transcript;
    notes = ticketNotes;
    translated = state.translations;
    box.scrollTop = box.scrollHeight;
  };
}
