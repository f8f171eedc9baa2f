import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TopicId } from '../src/content/topics';
import type { DialogDeps } from './deps';
import type { Button, Text } from '../src/ui/ui';
import { promptView, type View, type ViewAnswer, ViewDialog } from './viewPrompt';
import { choice } from './steps';

/** Id of {@link ReadinessCheckDialog}. */
export const READINESS_DIALOG = 'readinessCheckDialog';
/** Ages the check accepts; anything else is asked again. */
export const MIN_AGE = 10;
export const MAX_AGE = 99;
/** Youngest age at which people usually start training. */
const USUAL_START_AGE = 15;
/** From this age on, the Youth Migration Service no longer helps (adult counselling does). */
const YOUTH_AGE_LIMIT = 27;

/** The answers of the check. */
export interface ReadinessAnswers {
  age?: ViewAnswer;
  certificate?: ViewAnswer;
  abroad?: ViewAnswer;
  evaluated?: ViewAnswer;
  german?: ViewAnswer;
  residence?: ViewAnswer;
}

const GERMAN_LEVELS = ['none', 'a', 'b1', 'b2'] as const;
const RESIDENCE = ['permit', 'gestattung', 'duldung', 'ukraine', 'eu'] as const;

const yesNoButtons: Button[] = [
  choice('readiness.yes', 'yes'),
  choice('readiness.no', 'no'),
  choice('readiness.dontKnow', 'dontKnow'),
];

/** The personal next steps for a set of answers: texts and topics to offer. */
export function nextSteps(answers: ReadinessAnswers): { texts: string[]; topics: TopicId[] } {
  const texts: string[] = [];
  const topics: TopicId[] = [];
  const add = (text: string, ...more: TopicId[]) => {
    texts.push(text);
    for (const topic of more) if (!topics.includes(topic)) topics.push(topic);
  };
  const { age, certificate, abroad, evaluated, german, residence } = answers;
  if (typeof age === 'number' && age < USUAL_START_AGE)
    add('readiness.step.young', 'choosing-occupation');
  if (typeof age === 'number' && age >= YOUTH_AGE_LIMIT)
    add('readiness.step.older', 'entry-qualification');
  if (certificate === 'no' || certificate === 'dontKnow')
    add('readiness.step.noCertificate', 'entry-requirements');
  if (abroad === 'yes' && evaluated !== 'yes')
    add('readiness.step.evaluate', 'certificate-recognition');
  if (german === 'b2') add('readiness.step.germanOk');
  else add('readiness.step.german', 'german-language');
  if (residence === 'gestattung' || residence === 'duldung') {
    add('readiness.step.residence', 'residence-and-permission');
  } else if (residence === 'dontKnow') {
    add('readiness.step.residenceUnknown', 'residence-and-permission');
  } else if (residence === 'ukraine') {
    add('readiness.step.ukraine', 'residence-and-permission');
  }
  add('readiness.step.search', 'finding-a-place', 'application');
  return { texts, topics };
}

/**
 * "Am I ready?": age, school certificate (from abroad? evaluated?), German
 * level and residence status, each with "I don't know", ending in a personal
 * list of next steps with buttons to the topics. Orientation, no verdict.
 */
export class ReadinessCheckDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(READINESS_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${READINESS_DIALOG}.steps`, [
        this.askAgeStep.bind(this),
        this.askCertificateStep.bind(this),
        this.askAbroadStep.bind(this),
        this.askEvaluatedStep.bind(this),
        this.askGermanStep.bind(this),
        this.askResidenceStep.bind(this),
        this.showNextStepsStep.bind(this),
      ]),
    );
  }

  private ask(step: WaterfallStepContext, view: View): Promise<DialogTurnResult> {
    return promptView(step, view);
  }

  private answers(step: WaterfallStepContext): ReadinessAnswers {
    return step.values as ReadinessAnswers;
  }

  private async askAgeStep(step: WaterfallStepContext) {
    return this.ask(step, {
      texts: [{ key: 'readiness.intro' }, { key: 'readiness.askAge' }],
      buttons: [choice('readiness.dontKnow', 'dontKnow')],
      retry: { key: 'readiness.retryAge' },
      mode: 'number',
      min: MIN_AGE,
      max: MAX_AGE,
    });
  }

  /** A yes / no / "I don't know" question. */
  private askYesNo(step: WaterfallStepContext, key: string): Promise<DialogTurnResult> {
    return this.ask(step, {
      texts: [{ key }],
      buttons: yesNoButtons,
      retry: { key: 'readiness.retryChoice' },
      mode: 'yesNo',
    });
  }

  /** A question with one button per option, plus "I don't know". */
  private askChoice(
    step: WaterfallStepContext,
    key: string,
    options: readonly string[],
    labelPrefix: string,
  ): Promise<DialogTurnResult> {
    return this.ask(step, {
      texts: [{ key }],
      buttons: [
        ...options.map((option) => choice(`${labelPrefix}.${option}`, option)),
        choice('readiness.dontKnow', 'dontKnow'),
      ],
      retry: { key: 'readiness.retryChoice' },
    });
  }

  private async askCertificateStep(step: WaterfallStepContext) {
    this.answers(step).age = step.result as ViewAnswer;
    return this.askYesNo(step, 'readiness.askCertificate');
  }

  private async askAbroadStep(step: WaterfallStepContext) {
    this.answers(step).certificate = step.result as ViewAnswer;
    if (step.result !== 'yes') return step.next();
    return this.askYesNo(step, 'readiness.askAbroad');
  }

  private async askEvaluatedStep(step: WaterfallStepContext) {
    this.answers(step).abroad = step.result as ViewAnswer | undefined;
    if (step.result !== 'yes') return step.next();
    return this.askYesNo(step, 'readiness.askEvaluated');
  }

  private async askGermanStep(step: WaterfallStepContext) {
    this.answers(step).evaluated = step.result as ViewAnswer | undefined;
    return this.askChoice(step, 'readiness.askGerman', GERMAN_LEVELS, 'readiness.german');
  }

  private async askResidenceStep(step: WaterfallStepContext) {
    this.answers(step).german = step.result as ViewAnswer;
    return this.askChoice(step, 'readiness.askResidence', RESIDENCE, 'readiness.residence');
  }

  private async showNextStepsStep(step: WaterfallStepContext) {
    const answers = this.answers(step);
    answers.residence = step.result as ViewAnswer;
    // Kept for a counsellor, should the user ask for one (deleted with the conversation).
    await this.deps.readiness.set(step.context, { ...answers });
    const { texts, topics } = nextSteps(answers);
    const list: Text = {
      lines: [
        { key: 'readiness.result' },
        ...texts.map((key): Text => ({ lines: [{ literal: '•' }, { key }], separator: ' ' })),
        { key: 'readiness.notLegal' },
      ],
    };
    const buttons: Button[] = [
      ...topics.slice(0, 4).map((topic) => ({ value: { topic } })),
      { value: { action: 'counsellor' } },
      { value: { action: 'menu' } },
    ];
    // The result stays on screen as a prompt: its buttons lead on, and a
    // language switch shows it again in the new language.
    return this.ask(step, {
      texts: [list],
      buttons,
    });
  }
}
