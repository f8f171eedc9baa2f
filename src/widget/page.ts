import { createHash } from 'node:crypto';
import { DEFAULT_LANGUAGE, languageOfLocale, type Language } from '../language/languages';
import type { Registers } from '../content/register';
import type { Button, Text, Ui } from '../ui/ui';
import type { WidgetConfig, WidgetLanguage } from './widgetConfig';

/** What a conversation opens with (the welcome, then the first question and its buttons). */
export interface OpeningMessage {
  texts: Text[];
  buttons?: Button[];
  /** Said only in these languages (the notice that a language's texts are not yet reviewed). */
  languages?: ReadonlySet<Language>;
}

/** The widget page in one language, rendered once: the same bytes for every visitor. */
export interface RenderedPage {
  language: Language;
  html: string;
}

/** The languages of an Accept-Language header, most wanted first. */
function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [code = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { code, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.code !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.code);
}

/** The page's language: `?lang=`, else the browser's languages, else the default. */
export function pageLanguage(
  query: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  for (const code of [query, ...acceptedLanguages(acceptLanguage)]) {
    const found = languageOfLocale(code);
    if (found) return found;
  }
  return DEFAULT_LANGUAGE;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: nothing in it is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** JSON inside a `<script type="application/json">`: no `</script>` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The HTML `lang` of a language (simple German is German). */
const htmlLang = (code: Language): string => (code === 'de-simple' ? 'de' : code);

/** A short content hash, to name an asset's version in its URL (cached for good). */
export function versionOf(body: Buffer | string): string {
  return createHash('sha1').update(body).digest('base64url').slice(0, 10);
}

/** What a page needs besides the configuration. */
export interface PageParts {
  ui: Ui;
  registers: Registers;
  opening: OpeningMessage[];
  /** Versioned URLs of the page's script and style sheet. */
  scriptUrl: string;
  styleUrl: string;
}

/**
 * The widget page in `language`, as the server sends it: the shell (title,
 * language picker, status "connecting…", privacy notice) in the user's
 * language and direction, and the conversation's opening messages with their
 * buttons, so the first message is on screen before any script has run. The
 * script connects in the background and takes the messages over; a button
 * tapped meanwhile is sent once the conversation is live.
 */
export function renderPage(config: WidgetConfig, language: Language, parts: PageParts): string {
  const lang = config.languages.find((entry) => entry.code === language) ?? config.languages[0]!;
  const strings = lang.strings;
  const s = (key: string): string => escapeHtml(strings[key] ?? '');
  // Nobody has said who they are yet: the opening addresses them as an unknown reader.
  const register = parts.registers.of(language, 'unknown');
  const dir = lang.dir;
  // Each text is a message of its own, as the bot sends them; the last message's buttons are shown.
  const texts = parts.opening
    .filter((message) => !message.languages || message.languages.has(language))
    .flatMap((message) => message.texts.map((entry) => parts.ui.textIn(language, entry, register)));
  const bubbles = texts
    .map(
      (text) =>
        `<div class="msg bot" data-prerendered dir="${dir}" lang="${htmlLang(language)}"><p class="text">${escapeHtml(text)}</p></div>`,
    )
    .join('');
  const buttons = (parts.opening[parts.opening.length - 1]?.buttons ?? [])
    .map((button) => {
      const label = parts.ui.labelIn(language, button, register);
      return `<button type="button" class="action" data-value="${escapeHtml(JSON.stringify(button.value))}">${escapeHtml(label)}</button>`;
    })
    .join('');
  const options = config.languages
    .map(
      (entry: WidgetLanguage) =>
        `<option value="${entry.code}" lang="${htmlLang(entry.code)}" dir="${entry.dir}"${entry.code === language ? ' selected' : ''}>${escapeHtml(entry.name)}</option>`,
    )
    .join('');
  const boot = {
    language,
    strings,
    languages: config.languages.map(({ code, name, dir: direction }) => ({
      code,
      name,
      dir: direction,
    })),
  };
  return [
    '<!doctype html>',
    `<html lang="${htmlLang(language)}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${s('pageTitle')}</title>`,
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="${parts.styleUrl}">`,
    `<script src="${parts.scriptUrl}" defer></script>`,
    '</head>',
    '<body>',
    '<header class="bar">',
    `<div class="titles"><h1 id="org-name">${escapeHtml(config.organisation.name)}</h1><p id="tagline">${s('tagline')}</p></div>`,
    '<div class="controls">',
    `<label for="language" id="language-label" class="visually-hidden">${s('language')}</label>`,
    `<select id="language">${options}</select>`,
    `<button id="new-chat" type="button" title="${s('newChatHint')}">${s('newChat')}</button>`,
    '</div>',
    '</header>',
    config.organisation.example
      ? `<p id="example" class="example" role="note">${s('example')}</p>`
      : '<p id="example" class="example" role="note" hidden></p>',
    `<main id="chat" aria-label="${s('chatLabel')}">`,
    `<div id="status" role="status" aria-live="polite">${s('connecting')}</div>`,
    `<div id="transcript" role="log" aria-live="polite">${bubbles}</div>`,
    `<div id="actions" class="actions">${buttons}</div>`,
    '</main>',
    '<form id="composer" class="composer" autocomplete="off">',
    `<label for="message" id="message-label" class="visually-hidden">${s('messageLabel')}</label>`,
    `<textarea id="message" rows="1" enterkeyhint="send" placeholder="${s('messageLabel')}"></textarea>`,
    `<button id="send" type="submit" aria-label="${s('send')}" title="${s('send')}"><span aria-hidden="true">${dir === 'rtl' ? '◀' : '▶'}</span></button>`,
    '</form>',
    '<footer>',
    `<span id="privacy">${s('privacy')}</span> `,
    `<button id="delete-data" type="button" class="link">${s('deleteData')}</button>`,
    '</footer>',
    `<noscript><p class="noscript">${s('noscript')}</p></noscript>`,
    `<script type="application/json" id="boot">${scriptJson(boot)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
