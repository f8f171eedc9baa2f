import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MAX_BUTTONS } from '../src/content/catalogue';
import type { TurnContext } from 'botbuilder';
import type { TopicId } from '../src/content/topics';
import { turnLanguage } from '../src/language/turnLanguage';
import { RECENT_TOPICS } from '../src/state';
import type { DialogDeps } from './deps';
import { offerFor } from './serviceOffers';
import type { Button, Text } from '../src/ui/ui';
import { promptView, ViewDialog } from './viewPrompt';

/** Id of {@link AnswerDialog}. */
export const ANSWER_DIALOG = 'answerDialog';
/** Related topics offered after an answer. */
const MAX_RELATED = 3;

/** Which answer: the short one, or the details ("more"). */
export interface AnswerOptions {
  topic: TopicId;
  /** A specific question inside the topic: its own short answer, the topic's one tap away. */
  question?: string;
  more?: boolean;
  /** The topic of a second question asked in the same message: named, and its button first. */
  also?: TopicId;
}

/**
 * A topic's answer with its follow-ups: "tell me more", related topics,
 * "talk to a counsellor" and "back to menu". The answer is part of the prompt,
 * so after a language switch it is shown again in the new language.
 */
export class AnswerDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ANSWER_DIALOG, deps);
    this.addDialog(new WaterfallDialog(`${ANSWER_DIALOG}.steps`, [this.showAnswerStep.bind(this)]));
  }

  private async showAnswerStep(step: WaterfallStepContext) {
    const { topic, question, more = false, also } = step.options as AnswerOptions;
    const meta = this.deps.catalogue.topics.get(topic);
    if (!meta) throw new Error(`AnswerDialog: unknown topic ${topic}`);
    if (this.deps.catalogue.unavailable?.has(topic)) {
      // Asked for something this service point does not run (a hotline): how to reach it instead.
      return promptView(step, {
        texts: [{ key: 'answer.notOffered' }],
        buttons: [{ value: { topic: 'contact' } }, { value: { action: 'menu' } }],
      });
    }
    await this.answered(step.context, topic);

    const asked =
      question && meta.questions.some((one) => one.id === question) ? question : undefined;
    const texts: Text[] = [
      asked
        ? {
            lines: [
              { key: `topics:${topic}.questions.${asked}.question` },
              { key: `topics:${topic}.questions.${asked}.answer` },
            ],
          }
        : { key: `topics:${topic}.${more ? 'more' : 'answer'}` },
    ];
    // A text written to the young person (their topics list youth first; those for everyone
    // list companies too), asked by a parent or a company, says first whom it speaks to.
    const { audience } = await this.deps.userProfile.get(step.context, {});
    const writtenForYouth = meta.audiences[0] === 'youth' && !meta.audiences.includes('company');
    if (!more && writtenForYouth && (audience === 'parent' || audience === 'company')) {
      texts.unshift({ key: audience === 'parent' ? 'answer.forParent' : 'answer.forCompany' });
    }
    const counsellor: Button = { value: { action: 'counsellor' } };
    const buttons: Button[] = [];
    if (meta.needsCounsellor) {
      texts.push({ key: 'answer.needsCounsellor' });
      buttons.push(counsellor);
    }
    if (also) {
      texts.push({ key: 'answer.alsoAsked', args: { topic: { key: `topics:${also}.title` } } });
      buttons.push({ value: { topic: also } });
    }
    // After a question's short answer, the whole topic comes first; else its details.
    if (asked) buttons.push({ value: { topic } });
    else if (!more) buttons.push({ value: { action: 'more', topic } });
    // What the service point does about it: book, list, check, call, or who can help.
    const offer = offerFor(this.deps, topic);
    if (offer) buttons.push(offer);
    const relatedCount = MAX_RELATED - (offer ? 1 : 0) - (also ? 1 : 0);
    for (const related of meta.related.filter((one) => one !== also).slice(0, relatedCount)) {
      buttons.push({ value: { topic: related } });
    }
    if (!meta.needsCounsellor) buttons.push(counsellor);
    buttons.push({ value: { action: 'menu' } });

    return promptView(step, {
      texts,
      buttons: buttons.slice(-MAX_BUTTONS),
    });
  }

  /** Remembers the answered topic (for "more" and a counsellor's ticket) and counts it for the reports. */
  private async answered(context: TurnContext, topic: TopicId): Promise<void> {
    const { lastTopic, recentTopics, userProfile, stats } = this.deps;
    await lastTopic.set(context, topic);
    const recent = ((await recentTopics.get(context)) ?? []).filter((known) => known !== topic);
    await recentTopics.set(context, [...recent, topic].slice(-RECENT_TOPICS));
    const { audience } = await userProfile.get(context, {});
    stats?.count('answers', {
      language: turnLanguage(context),
      ...(audience ? { audience } : {}),
      topic,
    });
  }
}
