import { ConversationState, MemoryStorage, TestAdapter, type Storage } from 'botbuilder';
import type { i18n } from 'i18next';
import { KausaBot } from '../../src/bot';
import { loadLocales } from '../../src/content/locales';
import { createI18n } from '../../src/language/i18n';
import { SUPPORTED_LANGUAGES } from '../../src/language/languages';
import { LOCALES_DIR } from '../../src/paths';

/** The real locales, loaded once for all tests. */
export const i18nForTests: i18n = createI18n(loadLocales(LOCALES_DIR, SUPPORTED_LANGUAGES));

/** A translator for `language`, to write expected replies from the same content the bot uses. */
export const tr = (language: string) => i18nForTests.getFixedT(language);

/** A TestAdapter driving the real bot on `storage`, with activities in `locale`. */
export function botAdapter(
  locale: string | undefined,
  storage: Storage = new MemoryStorage(),
): TestAdapter {
  const bot = new KausaBot(new ConversationState(storage), i18nForTests, { stateTtlDays: 30 });
  return new TestAdapter((context) => bot.run(context), { locale });
}
