import { SUPPORTED_LANGUAGES, type Language } from '../language/languages';
import type { Translator } from '../translation/libreTranslate';
import { describeProblem, type QuickReplyProblem } from '../content/quickReplyCheck';
import type { CounsellorAccount } from './counsellors';
import { CounsellorApiError } from './counsellorAuth';
import { MAX_OWN_QUICK_REPLIES, type QuickReply, type QuickReplyStore } from './quickReplies';

/** What {@link ConsoleQuickReplies} works with. */
export interface ConsoleQuickRepliesDeps {
  store: QuickReplyStore;
  /** The content check of a quick reply: its problems, none when it may be kept. */
  check(texts: Record<string, unknown>): QuickReplyProblem[];
  translator?: Translator;
  now?: () => number;
}

/**
 * A counsellor's own quick replies: kept in every language of the bot,
 * checked as content is, and (where the service point translates) drafted
 * from the counsellor's own language for a colleague or them to review.
 */
export class ConsoleQuickReplies {
  constructor(private readonly deps: ConsoleQuickRepliesDeps) {}

  list(account: CounsellorAccount): Promise<QuickReply[]> {
    return this.deps.store.list(account.username);
  }

  /** What the content check finds (the console shows it in its language before saving). */
  check(texts: Record<string, unknown>): { problems: QuickReplyProblem[] } {
    return { problems: this.deps.check(texts) };
  }

  /** Keeps a new one; a 400 names every problem (language and what is wrong). */
  async add(account: CounsellorAccount, texts: Record<string, unknown>): Promise<QuickReply> {
    const problems = this.deps.check(texts);
    if (problems.length > 0) {
      const described = problems.map(describeProblem).join('; ');
      throw new CounsellorApiError(400, 'BadRequest', `Not kept: ${described}.`);
    }
    if ((await this.list(account)).length >= MAX_OWN_QUICK_REPLIES) {
      throw new CounsellorApiError(
        409,
        'Conflict',
        `At most ${MAX_OWN_QUICK_REPLIES} quick replies of your own; delete one first.`,
      );
    }
    const now = (this.deps.now ?? Date.now)();
    return this.deps.store.add(account.username, texts as Record<Language, string>, now);
  }

  async remove(account: CounsellorAccount, id: string): Promise<{ deleted: true }> {
    if (!(await this.deps.store.remove(account.username, id))) {
      throw new CounsellorApiError(404, 'NotFound', 'No such quick reply.');
    }
    return { deleted: true };
  }

  /**
   * A draft in every language from `text` in `from`, machine-translated (a
   * 404 without an engine); languages the engine failed stay empty, to be
   * written by someone who speaks them.
   */
  async draft(text: string, from: Language): Promise<{ texts: Partial<Record<Language, string>> }> {
    const { translator } = this.deps;
    if (!translator) throw new CounsellorApiError(404, 'NotFound', 'No translation engine.');
    const texts: Partial<Record<Language, string>> = {};
    for (const language of SUPPORTED_LANGUAGES) {
      try {
        [texts[language]] = await translator.translate([text], from, language);
      } catch {
        texts[language] = '';
      }
    }
    return { texts };
  }
}
