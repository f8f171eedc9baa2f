import type { Activity } from 'botbuilder';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './util/json';

/** Fields that are text when present; anything else in them is dropped. */
const TEXT_FIELDS = [
  'id',
  'text',
  'locale',
  'name',
  'textFormat',
  'replyToId',
  'deliveryMode',
  'channelId',
  'serviceUrl',
  'timestamp',
  'localTimestamp',
  'expiration',
] as const;
/** Fields that are lists of objects when present. */
const LIST_FIELDS = ['attachments', 'membersAdded', 'membersRemoved', 'entities'] as const;
/** Accounts: objects with a text `id`. */
const ACCOUNT_FIELDS = ['from', 'recipient'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why an incoming activity cannot be handled, as the 400 answer says it. */
export class BadActivityError extends Error {}

/**
 * Checks an activity a channel (or anyone) posted to `/api/messages` before
 * the Bot Framework sees it: it must be an object with a text `type` and a
 * conversation with a text `id`; optional fields of the wrong kind (a
 * `locale` that is a number, `attachments` that are not a list…) are dropped,
 * and nothing may nest deeper than {@link MAX_JSON_DEPTH} levels,
 * so that nothing downstream meets a type it does not expect.
 * @throws BadActivityError when the activity cannot be handled at all.
 */
export function checkActivity(body: unknown): Partial<Activity> {
  if (!isObject(body)) throw new BadActivityError('Send an activity: a JSON object.');
  if (typeof body.type !== 'string' || body.type === '') {
    throw new BadActivityError('The activity needs a "type".');
  }
  if (!isObject(body.conversation) || typeof body.conversation.id !== 'string') {
    throw new BadActivityError('The activity needs "conversation": {"id": "…"}.');
  }
  if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
    throw new BadActivityError(`The activity nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  for (const field of TEXT_FIELDS) {
    if (field in body && typeof body[field] !== 'string') delete body[field];
  }
  for (const field of ACCOUNT_FIELDS) {
    const account = body[field];
    if (field in body && (!isObject(account) || typeof account.id !== 'string')) delete body[field];
  }
  for (const field of LIST_FIELDS) {
    if (!(field in body)) continue;
    const list = body[field];
    if (!Array.isArray(list)) {
      delete body[field];
      continue;
    }
    body[field] = list.filter(
      (item) =>
        isObject(item) &&
        ((field !== 'membersAdded' && field !== 'membersRemoved') || typeof item.id === 'string'),
    );
  }
  if ('channelData' in body && !isObject(body.channelData)) delete body.channelData;
  // As the Bot Framework reads them: times as dates, the text kept as sent.
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    const raw = `raw${field.charAt(0).toUpperCase()}${field.slice(1)}`;
    body[raw] = value;
    body[field] = new Date(value);
  }
  return body as Partial<Activity>;
}
