import {
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps';
import type { Button, Text } from '../src/ui/ui';
import { promptView, type ViewAnswer, ViewDialog } from './viewPrompt';
import { choice } from './steps';

/** Id of {@link CompanyCheckDialog}. */
export const COMPANY_CHECK_DIALOG = 'companyCheckDialog';
/** Most skilled workers the check asks about (larger companies count the same way). */
export const MAX_WORKERS = 9999;
/** Longest occupation name typed. */
const MAX_OCCUPATION_CHARS = 60;

/** The answers of the company check. */
export interface CompanyAnswers {
  chamber?: ViewAnswer;
  occupation?: string;
  trainer?: ViewAnswer;
  workers?: ViewAnswer;
  contents?: ViewAnswer;
}

const yesNo: Button[] = [
  choice('offers:company.yes', 'yes'),
  choice('offers:company.no', 'no'),
  choice('offers:company.dontKnow', 'dontKnow'),
];

/**
 * How many apprentices a company may usually train at once for its skilled
 * workers (FACTS.md §2: 1–2 → 1, 3–5 → 2, 6–8 → 3, then one more per 3).
 */
export function traineesFor(workers: number): number {
  if (workers < 1) return 0;
  if (workers <= 2) return 1;
  return 2 + Math.floor((workers - 3) / 3);
}

type Mark = 'fulfilled' | 'missing' | 'unclear';

/** What the trainer answer means, given the chamber: a mark and its text. */
function trainerLine(answers: CompanyAnswers): [Mark, string] {
  // In the crafts, who may train depends on the trade (§ 22b HwO): in trades
  // that require a master (Anlage A) usually only the Meister, in the others a
  // journeyman certificate with AEVO too; the chamber knows which applies.
  if (answers.chamber === 'hwk') {
    if (answers.trainer === 'yes') return ['fulfilled', 'trainerMasterOk'];
    if (answers.trainer === 'no') return ['unclear', 'trainerCraftMissing'];
    return ['unclear', 'trainerUnknown'];
  }
  if (answers.trainer === 'no') return ['missing', 'trainerMissing'];
  if (answers.trainer !== 'yes') return ['unclear', 'trainerUnknown'];
  // AEVO is enough with the IHK; without knowing the chamber it may be a master craft.
  return [answers.chamber === 'ihk' ? 'fulfilled' : 'unclear', 'trainerOk'];
}

/** The summary lines: what is fulfilled (✓), missing (✗) or unclear (?). */
export function companySummary(answers: CompanyAnswers): Text[] {
  const line = (mark: Mark, key: string, args = {}): Text => ({
    key: `offers:company.${mark}`,
    args: { text: { key: `offers:company.${key}`, args } },
  });
  const lines: Text[] = [line(...trainerLine(answers))];
  const workers = typeof answers.workers === 'number' ? answers.workers : undefined;
  if (workers !== undefined && workers > 0) {
    lines.push(line('fulfilled', 'workersOk', { count: workers, trainees: traineesFor(workers) }));
  } else if (workers === 0) {
    lines.push(line('missing', 'workersMissing'));
  } else {
    lines.push(line('unclear', 'workersMissing'));
  }
  lines.push(
    answers.contents === 'yes'
      ? line('fulfilled', 'contentsOk')
      : answers.contents === 'no'
        ? line('missing', 'contentsMissing')
        : line('unclear', 'contentsUnknown'),
  );
  return lines;
}

/**
 * "Can my company train?" for company owners: chamber (IHK or
 * Handwerkskammer), occupation, a trainer with AEVO or Meister, skilled
 * workers, all contents (else joint training) — ending in what is fulfilled,
 * what is missing, the chamber's training adviser as next step and the
 * hotline. Orientation only, never a legal decision.
 */
export class CompanyCheckDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(COMPANY_CHECK_DIALOG, deps);
    this.addDialog(
      new WaterfallDialog(`${COMPANY_CHECK_DIALOG}.steps`, [
        this.chamberStep.bind(this),
        this.occupationStep.bind(this),
        this.trainerStep.bind(this),
        this.workersStep.bind(this),
        this.contentsStep.bind(this),
        this.summaryStep.bind(this),
      ]),
    );
  }

  private answers(step: WaterfallStepContext): CompanyAnswers {
    return step.values as CompanyAnswers;
  }

  private async chamberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return promptView(step, {
      texts: [{ key: 'offers:company.intro' }, { key: 'offers:company.chamber.ask' }],
      buttons: [
        choice('offers:company.chamber.ihk', 'ihk'),
        choice('offers:company.chamber.hwk', 'hwk'),
        choice('offers:company.chamber.unknown', 'dontKnow'),
      ],
    });
  }

  private async occupationStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.answers(step).chamber = step.result as ViewAnswer;
    return promptView(step, {
      texts: [{ key: 'offers:company.field.ask' }],
      buttons: [],
      mode: 'text',
      max: MAX_OCCUPATION_CHARS,
      retry: { key: 'offers:company.field.tooLong' },
    });
  }

  private async trainerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.answers(step).occupation = String(step.result);
    // Craft companies are asked for the Meister (§ 22b HwO), the others for AEVO or Meister.
    const craft = this.answers(step).chamber === 'hwk';
    return promptView(step, {
      texts: [{ key: craft ? 'offers:company.trainer.askCraft' : 'offers:company.trainer.ask' }],
      buttons: yesNo,
      mode: 'yesNo',
    });
  }

  private async workersStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.answers(step).trainer = step.result as ViewAnswer;
    return promptView(step, {
      texts: [{ key: 'offers:company.workers.ask' }],
      buttons: [choice('offers:company.dontKnow', 'dontKnow')],
      mode: 'number',
      min: 0,
      max: MAX_WORKERS,
      retry: { key: 'offers:company.workers.retry' },
    });
  }

  private async contentsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.answers(step).workers = step.result as ViewAnswer;
    return promptView(step, {
      texts: [{ key: 'offers:company.contents.ask' }],
      buttons: yesNo,
      mode: 'yesNo',
    });
  }

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answers = this.answers(step);
    answers.contents = step.result as ViewAnswer;
    const chamber =
      answers.chamber === 'ihk'
        ? 'IHK'
        : answers.chamber === 'hwk'
          ? 'Handwerkskammer'
          : { key: 'offers:company.chamberUnknown' };
    const partner = this.deps.partners.find(
      (candidate) => candidate.id === (answers.chamber === 'hwk' ? 'hwk-leipzig' : 'ihk-leipzig'),
    );
    const buttons: Button[] = [];
    if (partner && answers.chamber !== 'dontKnow') {
      buttons.push({ value: { action: 'refer', partner: partner.id } });
    }
    const { hotline } = this.deps.offers;
    if (hotline) buttons.push({ value: { action: 'hotline' } });
    buttons.push({ value: { action: 'menu' } });
    await this.deps.ui.send(
      step.context,
      [
        {
          lines: [
            { key: 'offers:company.summary', args: { occupation: answers.occupation } },
            ...companySummary(answers),
          ],
        },
        {
          key: 'offers:company.next',
          args: { chamber: typeof chamber === 'string' ? { literal: chamber } : chamber },
        },
        // The hotline only where the service point runs one.
        ...(hotline ? [{ key: 'offers:company.hotline', args: { phone: hotline.phone } }] : []),
      ],
      buttons,
    );
    return step.endDialog();
  }
}
