import { TranslationError, type Translator } from '../translation/libreTranslate';
import { CounsellorApiError } from './counsellorAuth';
import type { HandoverQueue } from './queue';
import type { Ticket } from './ticket';

/** Why a translation could not be had: the console says so and shows the original. */
export type TranslationProblem = 'unavailable' | 'unsupported' | 'timeout';

/** The translations of a ticket's user messages into the console's language. */
export interface TicketTranslations {
  translations: Array<{ text: string; translation: string }>;
  /** Set when some texts have no translation because the engine failed. */
  problem?: TranslationProblem;
}

const problemOf = (error: unknown): TranslationProblem =>
  error instanceof TranslationError ? error.reason : 'unavailable';

/**
 * Machine translation for the console, on the service point's own engine:
 * the user's messages into the console's language (kept per ticket, so each
 * text goes to the engine once), and a counsellor's message into the user's
 * language. A failure never blocks the chat: the original stays, and the
 * console is told why.
 */
export class ConsoleTranslation {
  constructor(
    private readonly translator: Translator,
    private readonly queue: HandoverQueue,
  ) {}

  /** `texts` of the ticket translated into `language`: kept ones, the rest asked for in one request. */
  async userMessages(
    ticket: Ticket,
    texts: string[],
    language: string,
  ): Promise<TicketTranslations> {
    const kept = await this.queue.translations(ticket.id, language, texts);
    const missing = texts.filter((text) => !kept.has(text));
    let problem: TranslationProblem | undefined;
    if (missing.length > 0) {
      try {
        const translated = await this.translator.translate(missing, ticket.language, language);
        const fresh = new Map(missing.map((text, index) => [text, translated[index] ?? '']));
        await this.queue.saveTranslations(ticket.id, language, fresh);
        for (const [text, translation] of fresh) kept.set(text, translation);
      } catch (error) {
        problem = problemOf(error);
      }
    }
    return {
      translations: texts.flatMap((text) => {
        const translation = kept.get(text);
        return translation === undefined ? [] : [{ text, translation }];
      }),
      ...(problem ? { problem } : {}),
    };
  }

  /** A counsellor's message from their language into the user's; a 502 names the problem. */
  async counsellorMessage(ticket: Ticket, text: string, from: string): Promise<string> {
    try {
      const [translated] = await this.translator.translate([text], from, ticket.language);
      if (!translated?.trim()) throw new TranslationError('unavailable', 'empty translation');
      return translated;
    } catch (error) {
      throw new CounsellorApiError(
        502,
        'TranslationFailed',
        `The message was not sent: translation ${problemOf(error)}.`,
      );
    }
  }
}
