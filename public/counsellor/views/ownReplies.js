// @ts-check
// A counsellor's own quick replies: shown beside the built-in ones (in the
// person's language, with the meaning in the console's), and a form to add
// one in every language of the bot (drafted by the service point's
// translation engine where it runs one) or delete one. The server checks
// each as content is checked and says what is wrong, per language.
import { el } from '../dom.js';
import { signed } from '../i18n.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */

/** The longest own quick reply (MAX_QUICK_REPLY_CHARS on the server). */
const MAX_CHARS = 500;

/**
 * The own quick replies as buttons for a ticket in `language`.
 * @param {State} state
 * @param {string} language the person's
 * @param {ViewContext} ctx
 * @param {(text: string) => void} insert
 */
export function ownQuickButtons(state, language, { i18n }, insert) {
  const sign = (/** @type {string | undefined} */ text) => signed(text, state.me?.name ?? '');
  return state.own.map((reply) => {
    const text = sign(reply.texts[language]);
    const gloss = sign(reply.texts[i18n.language]);
    return el(
      'button',
      { type: 'button', class: 'own', title: gloss, onclick: () => insert(text) },
      el('span', { dir: 'auto', lang: language, text }),
      gloss !== text && el('span', { class: 'gloss', lang: i18n.language, text: gloss }),
    );
  });
}

/**
 * The form that adds (and lists, to delete) the counsellor's own quick replies.
 * @param {State} state
 * @param {ViewContext} ctx
 */
export function ownRepliesEditor(state, { t, i18n, commands }) {
  const fields = Object.fromEntries(
    i18n.languages.map(({ code: language, dir }) => [
      language,
      el('textarea', {
        rows: 2,
        dir,
        lang: language,
        'data-language': language,
        'aria-label': i18n.languageName(language),
      }),
    ]),
  );
  const problem = el('p', { class: 'note', role: 'status', hidden: true });
  const say = (/** @type {string} */ text) => {
    problem.textContent = text;
    problem.hidden = text === '';
  };
  const draft = el('button', {
    type: 'button',
    id: 'own-draft',
    text: t('own.draft', { language: i18n.languageName(i18n.language) }),
    async onclick() {
      const source = fields[i18n.language]?.value.trim() ?? '';
      if (!source) return say(t('own.draftNeedsText'));
      const texts = await commands.draftQuickReply(source);
      if (!texts) return say(t('translation.problem.unavailable'));
      for (const [language, text] of Object.entries(texts)) {
        const field = fields[language];
        if (field && !field.value.trim()) field.value = text;
      }
      say(t('own.drafted'));
    },
  });
  const save = el('button', {
    type: 'button',
    id: 'own-save',
    class: 'primary',
    text: t('own.save'),
    async onclick() {
      const texts = Object.fromEntries(
        i18n.languages.map(({ code }) => [code, fields[code]?.value.trim() ?? '']),
      );
      const refused = await commands.addQuickReply(texts);
      if (refused === null) return say('');
      if (typeof refused === 'string') return say(t(refused));
      const problems = refused.map(({ language, problem, word }) =>
        t(`own.problem.${problem}`, {
          language: i18n.languageName(language),
          word,
          max: MAX_CHARS,
          placeholder: '{{name}}',
        }),
      );
      say([t('own.refused'), ...problems].join('\n'));
    },
  });
  return el(
    'details',
    { class: 'own-replies' },
    el('summary', { text: t('own.heading', { count: state.own.length }) }),
    el(
      'ul',
      { class: 'own-list' },
      ...state.own.map((reply) =>
        el(
          'li',
          {},
          el('span', { text: reply.texts[i18n.language] ?? '' }),
          el('button', {
            type: 'button',
            class: 'link',
            text: t('own.delete'),
            onclick: () => void commands.deleteQuickReply(reply.id),
          }),
        ),
      ),
    ),
    el('p', { class: 'meta', text: t('own.hint') }),
    ...i18n.languages.map(({ code: language }) =>
      el('label', { class: 'own-field' }, i18n.languageName(language), fields[language]),
    ),
    problem,
    el('div', { class: 'composer-foot' }, state.me?.translation ? draft : null, save),
  );
}
