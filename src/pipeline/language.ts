import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { isLanguage, languageOfLocale, type Language } from '../language/languages';
import type { Recognizers } from '../language/recognizers';
import { setTurnLanguage } from '../language/turnLanguage';
import { setTurnReader } from '../content/register';
import { setTurnUnderstanding, type Understander } from '../nlu/understand';
import type { BotStates } from '../state';
import { buttonValueOf } from '../ui/actions';
import { markLanguageSwitched } from './turnFlags';

/**
 * Decides the language of the turn: an explicit choice (a language button, a
 * typed "auf Deutsch bitte", or one made in an earlier conversation) wins,
 * then the language the message is written in, then the conversation's,
 * then the channel's locale, then German. Free text is understood once,
 * here, for the whole turn (its topic is kept for the dialogs).
 */
export class LanguageMiddleware implements Middleware {
  constructor(
    private readonly states: BotStates,
    private readonly understander: Understander,
    private readonly recognizers: Recognizers,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.concerns(context)) await this.decide(context);
    await next();
  }

  /** Messages, and a new conversation's first member (the welcome needs the language). */
  private concerns(context: TurnContext): boolean {
    const { type, membersAdded, recipient } = context.activity;
    if (type === ActivityTypes.Message) return true;
    return (
      type === ActivityTypes.ConversationUpdate &&
      (membersAdded ?? []).some((member) => member.id !== recipient?.id)
    );
  }

  private async decide(context: TurnContext): Promise<void> {
    const data = await this.states.data(context);
    const isMessage = context.activity.type === ActivityTypes.Message;
    if (!isMessage && data.welcomed) {
      setTurnReader(context, await this.states.userProfile(context));
      return;
    }
    if (!data.welcomed) {
      // A new conversation: take over a language the user chose in an earlier one. Simple
      // German can only have been chosen (the widget's picker or ?lang=de-simple: no browser
      // asks for it), so it sticks as a choice and detection never turns it into standard German.
      data.chosenLanguage =
        (await this.states.userProfile(context)).language ??
        (languageOfLocale(context.activity.locale) === 'de-simple' ? 'de-simple' : undefined);
    }
    const text = isMessage ? (context.activity.text ?? '').trim() : '';
    const value = buttonValueOf(context.activity);
    const profile = await this.states.userProfile(context);
    const conversation = {
      chosenLanguage: data.chosenLanguage,
      language: data.language,
      written: data.written,
      locale: context.activity.locale,
      ...(profile.audience ? { audience: profile.audience } : {}),
      ...(data.lastTopic ? { topic: data.lastTopic } : {}),
    };
    let language: Language;
    let requested: Language | undefined;
    if (!value && text !== '') {
      const understanding = await this.understander.understand(text, conversation);
      setTurnUnderstanding(context, understanding);
      ({ language, requested } = understanding);
      if (understanding.written) data.written = understanding.written;
    } else {
      requested =
        value && 'language' in value && isLanguage(value.language)
          ? value.language
          : text !== ''
            ? this.recognizers.requestedLanguage(text)
            : undefined;
      language = this.understander.languageOf(conversation, requested);
    }
    if (requested) {
      data.chosenLanguage = requested;
      (await this.states.userProfile(context)).language = requested;
      markLanguageSwitched(context);
    }
    data.language = language;
    setTurnLanguage(context, language);
    setTurnReader(context, profile);
  }
}
