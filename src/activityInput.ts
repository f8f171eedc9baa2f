import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './util/json';

/** Why an incoming activity cannot be handled, as the 400 answer says it. */
export class BadActivityError extends Error {}

/** An optional field: kept when `schema` accepts it, dropped otherwise. */
function kept<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** An optional list: the items `item` accepts are kept, the others dropped. */
function keptItems(item: z.ZodType) {
  return kept(
    z
      .array(z.unknown())
      .transform((items) => items.filter((value) => item.safeParse(value).success)),
  );
}

const AnyObject = z.looseObject({});
/** An account (`from`, `recipient`, a member): an object with a text `id`. */
const Account = z.looseObject({ id: z.string() });
/** Times the Bot Framework reads as dates. */
const TIME_FIELDS = ['timestamp', 'localTimestamp', 'expiration'] as const;

const NEEDS_TYPE = 'The activity needs a "type".';
const NEEDS_CONVERSATION = 'The activity needs "conversation": {"id": "…"}.';

/** What an activity cannot do without: a text `type` and a conversation with a text `id`. */
const REQUIRED = {
  type: z.string({ error: NEEDS_TYPE }).min(1, { error: NEEDS_TYPE }),
  conversation: z.looseObject(
    { id: z.string({ error: NEEDS_CONVERSATION }) },
    { error: NEEDS_CONVERSATION },
  ),
};

/** The required fields, and nothing nested too deep (also in fields that are dropped later). */
const Envelope = z
  .looseObject(REQUIRED, { error: 'Send an activity: a JSON object.' })
  .refine((activity) => !nestedDeeperThan(activity, MAX_JSON_DEPTH), {
    error: `The activity nests deeper than ${MAX_JSON_DEPTH} levels.`,
  });

/** The fields the bot reads; optional ones of the wrong kind are not there at all. */
const Fields = z.looseObject({
  ...REQUIRED,
  id: kept(z.string()),
  text: kept(z.string()),
  locale: kept(z.string()),
  name: kept(z.string()),
  textFormat: kept(z.string()),
  replyToId: kept(z.string()),
  deliveryMode: kept(z.string()),
  channelId: kept(z.string()),
  serviceUrl: kept(z.string()),
  timestamp: kept(z.string()),
  localTimestamp: kept(z.string()),
  expiration: kept(z.string()),
  from: kept(Account),
  recipient: kept(Account),
  attachments: keptItems(AnyObject),
  entities: keptItems(AnyObject),
  membersAdded: keptItems(Account),
  membersRemoved: keptItems(Account),
  channelData: kept(AnyObject),
});

/**
 * The activity as the Bot Framework reads it: dropped fields leave no key,
 * times are dates and their text is kept as sent (`rawTimestamp`, …).
 */
function asBotFrameworkReadsIt(activity: Record<string, unknown>): Partial<Activity> {
  for (const [field, value] of Object.entries(activity)) {
    if (value === undefined) delete activity[field];
  }
  for (const field of TIME_FIELDS) {
    const value = activity[field];
    if (typeof value !== 'string') continue;
    activity[`raw${field.charAt(0).toUpperCase()}${field.slice(1)}`] = value;
    activity[field] = new Date(value);
  }
  return activity as Partial<Activity>;
}

const IncomingActivity = Envelope.pipe(Fields).transform(asBotFrameworkReadsIt);

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
  const result = IncomingActivity.safeParse(body);
  if (result.success) return result.data;
  throw new BadActivityError(result.error.issues[0]?.message ?? 'Send an activity: a JSON object.');
}
