import i18next, { type i18n, type Resource } from 'i18next';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from './languages';

/** Creates the i18next instance every user-facing string comes from. */
export function createI18n(resources: Resource, defaultVariables: object = {}): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    fallbackLng: { 'de-simple': ['de'], default: [DEFAULT_LANGUAGE] },
    ns: ['common', 'topics', 'recognizers', 'handover', 'offers'],
    defaultNS: 'common',
    initAsync: false,
    // Replies are plain text, never rendered as HTML by us; org details fill {{org.*}}.
    interpolation: { escapeValue: false, defaultVariables },
    returnNull: false,
  });
  return instance;
}
