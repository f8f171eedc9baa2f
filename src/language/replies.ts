import { ActivityTypes, type Activity } from 'botbuilder';
import { DEFAULT_LANGUAGE, directionOf, languageOfLocale, type Language } from './languages';

/** What the bot tells a client about how to show a reply. */
export interface ReplyChannelData {
  /** The supported language the text is written in. */
  language: Language;
  /** Text direction, so a client can render Arabic and Persian right to left. */
  direction: 'rtl' | 'ltr';
}

/** A plain-text message in `language`, marked with its locale and direction. */
export function localizedMessage(text: string, language: Language): Partial<Activity> {
  const channelData: ReplyChannelData = { language, direction: directionOf(language) };
  return { type: ActivityTypes.Message, text, textFormat: 'plain', locale: language, channelData };
}

/** The language of this turn from the activity's locale, else German. */
export function languageOfActivity(activity: Partial<Activity>): Language {
  return languageOfLocale(activity.locale) ?? DEFAULT_LANGUAGE;
}
