import type { ConsoleLabels } from '../content/consoleStrings';
import type { AppointmentRequest, ContactRequest, Referral } from './records';
import type { Gist, ReadinessAnswers, Ticket } from './ticket';
import { READINESS_QUESTIONS } from './ticket';

/** One line of a ticket's summary: what, and what the bot knows of it. */
export interface SummaryLine {
  /** Stable name of the line (`audience`, `topics`, `readiness.age`…), for clients and tests. */
  field: string;
  label: string;
  value: string;
  /** The language of `value` when it is the user's own words (the description). */
  lang?: string;
}

/** The requests a user left in the ticket's conversation (callback, referral, appointment). */
export interface ConversationRequests {
  callbacks: ContactRequest[];
  referrals: Referral[];
  appointments: AppointmentRequest[];
}

/** How the readiness check's answers read: a choice's value is a string of `common.json` or of the console. */
function readinessValue(question: string, value: string | number, labels: ConsoleLabels): string {
  if (typeof value === 'number') return String(value);
  if (value === 'yes' || value === 'no' || value === 'dontKnow') return labels.t(`answer.${value}`);
  if (question === 'german' || question === 'residence') {
    return labels.t(`common:readiness.${question}.${value}`);
  }
  return value;
}

function readinessLines(readiness: ReadinessAnswers, labels: ConsoleLabels): SummaryLine[] {
  return READINESS_QUESTIONS.flatMap((question) => {
    const value = readiness[question];
    if (value === undefined) return [];
    return [
      {
        field: `readiness.${question}`,
        label: labels.t(`summary.readiness.${question}`),
        value: readinessValue(question, value, labels),
      },
    ];
  });
}

function requestLines(
  requests: ConversationRequests,
  labels: ConsoleLabels,
  timeZone: string,
): SummaryLine[] {
  const values = [
    ...requests.callbacks.map((request) =>
      labels.t('summary.callback', { how: labels.t(`callback.${request.contactType}`) }),
    ),
    ...requests.referrals.map((referral) =>
      labels.t('summary.referral', { partner: referral.partnerName }),
    ),
    ...requests.appointments.map((appointment) =>
      labels.t('summary.appointment', {
        time: new Intl.DateTimeFormat(labels.language, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone,
        }).format(appointment.start),
        status: labels.t(`appointment.${appointment.status}`),
      }),
    ),
  ];
  return values.length === 0
    ? []
    : [{ field: 'requests', label: labels.t('summary.requests'), value: values.join('; ') }];
}

/**
 * What a counsellor reads first, in the console's language, built from what
 * the bot knows (no machine translation): who asks, in which language, the
 * topics asked, the readiness check's answers, what the user requested
 * (callback, referral, appointment) and their description in their own words.
 */
export function summarize(
  ticket: Ticket,
  requests: ConversationRequests,
  labels: ConsoleLabels,
  timeZone: string,
): SummaryLine[] {
  const none = labels.t('summary.none');
  return [
    {
      field: 'audience',
      label: labels.t('ticket.audience'),
      value: ticket.audience ? labels.t(`audience.${ticket.audience}`) : none,
    },
    {
      field: 'language',
      label: labels.t('ticket.language'),
      value: labels.languageName(ticket.language),
    },
    {
      field: 'topics',
      label: labels.t('ticket.topics'),
      value:
        ticket.topics.length > 0
          ? ticket.topics.map((topic) => labels.classTitle(topic)).join(', ')
          : none,
    },
    ...readinessLines(ticket.readiness ?? {}, labels),
    ...requestLines(requests, labels, timeZone),
    {
      field: 'description',
      label: labels.t('summary.description'),
      ...(ticket.description
        ? { value: ticket.description, lang: ticket.language }
        : { value: labels.t('ticket.noSummary') }),
    },
  ];
}

/** The summary as plain text ("Label: value" per line), for an agent hub. */
export function summaryText(lines: SummaryLine[], heading: string): string {
  return [heading, ...lines.map((line) => `${line.label}: ${line.value}`)].join('\n');
}

/** What a gist says in the console's language: "Berufsschule (82 %)". */
export function gistText(gist: Gist, labels: ConsoleLabels): string {
  return labels.t('gist.text', {
    title: labels.classTitle(gist.id),
    percent: Math.round(gist.confidence * 100),
  });
}
