import type { Activity } from 'botbuilder';
import type { ConsoleLabels } from '../content/consoleStrings';
import type { ConsoleLanguage } from '../content/consoleStrings';
import type { HandoverService } from './service';
import { gistText, summarize, type ConversationRequests, type SummaryLine } from './summary';
import type { Gist, RelayedMessage, Ticket } from './ticket';

/** One message of a ticket's conversation as the console shows it. */
export interface TranscriptLine {
  /** The activity's id, where the channel keeps one. */
  id?: string;
  role: 'user' | 'bot' | 'counsellor';
  /** The counsellor's username, for their messages. */
  name: string;
  /** As the user saw or wrote it. */
  text: string;
  /** The language of `text` when it is the user's. */
  lang?: string;
  /** What the bot understood a user's message to be about, in the console's language. */
  gist?: Gist & { text: string };
  /** A bot message in the console's language (the bot knows its source text). */
  gloss?: string;
  /** A counsellor's message that was sent machine-translated: what they wrote. */
  original?: { text: string; language: string };
}

/** What reading a transcript for the console needs. */
export interface TranscriptReading {
  labels: ConsoleLabels;
  /** What a user's message is about; undefined when it cannot tell. */
  understand?(text: string, language: string): Promise<Gist | undefined>;
  /** A bot message in another language, if the bot knows its source. */
  gloss(activity: Partial<Activity>, language: string): string | undefined;
}

/** The same language for a reader: simple German is German. */
const sameLanguage = (a: string, b: string) =>
  a.replace('-simple', '') === b.replace('-simple', '');

/** A tapped button's meaning: a topic or one of its questions (other buttons say nothing new). */
function tapped(value: unknown): Gist | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { topic, question } = value as { topic?: unknown; question?: unknown };
  if (typeof topic !== 'string') return undefined;
  return { id: typeof question === 'string' ? `${topic}/${question}` : topic, confidence: 1 };
}

/** A card's title, for a message that is a card. */
function cardTitle(activity: Partial<Activity>): string {
  const card = activity.attachments?.[0]?.content as { title?: unknown } | undefined;
  return card ? `[${typeof card.title === 'string' ? card.title : ''}]` : '';
}

/** The texts of a ticket's transcript the user wrote (not buttons they tapped). */
export function userTexts(activities: Array<Partial<Activity>>): string[] {
  const texts = activities
    .filter((activity) => activity.from?.role === 'user' && activity.value === undefined)
    .map((activity) => activity.text?.trim() ?? '')
    .filter((text) => text !== '');
  return [...new Set(texts)];
}

/**
 * The ticket's conversation for the console: who wrote each message, the
 * gist of each user message, each bot message in the console's language,
 * and a translated counsellor message's original.
 */
export async function transcriptLines(
  ticket: Ticket,
  activities: Array<Partial<Activity>>,
  relayed: RelayedMessage[],
  reading: TranscriptReading,
): Promise<TranscriptLine[]> {
  const { labels } = reading;
  const sent = new Map(
    relayed.flatMap((message) => (message.from === 'counsellor' ? [[message.text, message]] : [])),
  );
  const gists = new Map(
    relayed.flatMap((message) => (message.gist ? [[message.text, message.gist]] : [])),
  );
  const glossed = !sameLanguage(ticket.language, labels.language);
  const lines: TranscriptLine[] = [];
  for (const activity of activities) {
    if (activity.type !== 'message') continue;
    const text = activity.text || cardTitle(activity);
    if (!text) continue;
    if (activity.from?.role === 'user') {
      const gist =
        tapped(activity.value) ??
        (activity.value === undefined
          ? (gists.get(text) ?? (await reading.understand?.(text, ticket.language)))
          : undefined);
      lines.push({
        ...(activity.id ? { id: activity.id } : {}),
        role: 'user',
        name: '',
        text,
        lang: ticket.language,
        ...(gist ? { gist: { ...gist, text: gistText(gist, labels) } } : {}),
      });
      continue;
    }
    const counsellor = (activity.channelData as { counsellor?: unknown } | undefined)?.counsellor;
    const message = sent.get(text);
    if (typeof counsellor === 'string' || message) {
      lines.push({
        ...(activity.id ? { id: activity.id } : {}),
        role: 'counsellor',
        name: typeof counsellor === 'string' ? counsellor : (message?.counsellor ?? ''),
        text,
        ...(message?.original ? { original: message.original } : {}),
      });
      continue;
    }
    const gloss = glossed ? reading.gloss(activity, labels.language) : undefined;
    lines.push({
      ...(activity.id ? { id: activity.id } : {}),
      role: 'bot',
      name: '',
      text,
      ...(gloss && gloss !== text ? { gloss } : {}),
    });
  }
  return lines;
}

/** What reading a ticket needs: the handover (for the requests a user left) and the console's words. */
export interface TicketReadingDeps {
  service: Pick<HandoverService, 'callbacks' | 'referrals' | 'appointments' | 'channel'>;
  labels(language: ConsoleLanguage): ConsoleLabels;
  understand?(text: string, language: string): Promise<Gist | undefined>;
  /** The service point's time zone, for appointment times. */
  timeZone: string;
}

/** A ticket as a counsellor (or an agent hub) reads it in one console language. */
export interface TicketReading {
  /** What the summary is called in this language. */
  heading: string;
  summary: SummaryLine[];
  lines: TranscriptLine[];
}

/** The requests the ticket's user left in its conversation (callback, referral, appointment). */
async function requestsOf(
  service: TicketReadingDeps['service'],
  ticket: Ticket,
): Promise<ConversationRequests> {
  const mine = <T extends { conversationId: string }>(all: T[]) =>
    all.filter((request) => request.conversationId === ticket.conversationId);
  return {
    callbacks: mine(await service.callbacks.list()),
    referrals: mine(await service.referrals.list()),
    appointments: mine(await service.appointments.list()),
  };
}

/** The summary of a ticket and the lines of its conversation, in `language`. */
export async function readTicket(
  deps: TicketReadingDeps,
  ticket: Ticket,
  activities: Array<Partial<Activity>>,
  relayed: RelayedMessage[],
  language: ConsoleLanguage,
): Promise<TicketReading> {
  const labels = deps.labels(language);
  return {
    heading: labels.t('summary.heading'),
    summary: summarize(ticket, await requestsOf(deps.service, ticket), labels, deps.timeZone),
    lines: await transcriptLines(ticket, activities, relayed, {
      labels,
      ...(deps.understand ? { understand: deps.understand } : {}),
      gloss: (activity, target) => deps.service.channel.gloss(activity, target),
    }),
  };
}
