import type { i18n } from 'i18next';
import type { Organisation } from '../content/organisation';
import {
  DEFAULT_LANGUAGE,
  directionOf,
  SUPPORTED_LANGUAGES,
  type Language,
} from '../language/languages';

/** The locale Web Chat runs in for each language (its own strings and date formats). */
export const WEBCHAT_LOCALES: Readonly<Record<Language, string>> = {
  de: 'de-DE',
  'de-simple': 'de-DE',
  en: 'en-US',
  ar: 'ar-SA',
  fa: 'fa-AF',
  uk: 'uk-UA',
  ru: 'ru-RU',
  tr: 'tr-TR',
  ps: 'ps-AF',
  ti: 'ti-ER',
  kmr: 'ku',
  fr: 'fr-FR',
  vi: 'vi-VN',
};

/** One language as the widget page offers it. */
export interface WidgetLanguage {
  code: Language;
  /** The language's name in itself ("العربية", "Українська"). */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Web Chat's locale. */
  locale: string;
  /** The page's own texts (`locales/<lng>/widget.json`), filled in. */
  strings: Record<string, string>;
}

/** What the widget page and the embed script load: the organisation, colours and languages. */
export interface WidgetConfig {
  /** `example`: the profile is an example; the page says so in a banner. */
  organisation: { name: string; website: string; example: boolean };
  colours: Organisation['colours'];
  defaultLanguage: Language;
  languages: WidgetLanguage[];
}

const WIDGET_KEYS = [
  'pageTitle',
  'tagline',
  'example',
  'language',
  'newChat',
  'newChatHint',
  'deleteData',
  'connecting',
  'offline',
  'connectionProblem',
  'retry',
  'privacy',
  'chatLabel',
  'openChat',
  'closeChat',
  'messageLabel',
  'send',
  'counsellor',
  'noscript',
] as const;

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Builds the widget configuration from the content (every language) and the organisation's data. */
export function buildWidgetConfig(
  i18n: i18n,
  organisation: Organisation,
  retentionDays: number,
): WidgetConfig {
  const languages = SUPPORTED_LANGUAGES.map((code): WidgetLanguage => {
    const t = i18n.getFixedT(code, 'widget');
    const deleteWords = i18n.getResource(code, 'recognizers', 'delete') as string[] | undefined;
    const args = { days: retentionDays, deleteCommand: capitalised(deleteWords?.[0] ?? '') };
    const strings: Record<string, string> = {};
    for (const key of WIDGET_KEYS) strings[key] = t(key, args);
    return {
      code,
      name: i18n.getFixedT(code)('language.name'),
      dir: directionOf(code),
      locale: WEBCHAT_LOCALES[code],
      strings,
    };
  });
  return {
    organisation: {
      name: organisation.name,
      website: organisation.website,
      example: organisation.example,
    },
    colours: organisation.colours,
    defaultLanguage: DEFAULT_LANGUAGE,
    languages,
  };
}
