import { ActivityTypes, type Activity } from 'botbuilder';
import { z } from 'zod';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../util/json';
import { DIRECT_LINE_CHANNEL_ID } from './adapter';
import type { LoggedActivity } from './activityLog';
import { badArgument } from './errors';
import type { TokenClaims } from './tokens';

/** Ids a client may give for itself or a conversation. */
export const ID_PATTERN = /^[A-Za-z0-9_.:@-]{1,64}$/;
const LOCALE_PATTERN = /^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,4}$/;
const NAME_MAX_CHARS = 100;
/** Event names only an agent hub may send (the Bot Framework handoff protocol), never a chat user. */
const RESERVED_EVENT_PREFIX = 'handoff.';

/** What a client may post: a message or an event; every field checked, unknown ones ignored. */
const PostedActivity = z
  .object(
    {
      type: z.enum([ActivityTypes.Message, ActivityTypes.Event], {
        error: 'type must be "message" or "event".',
      }),
      text: z.string({ error: 'text must be a string.' }).optional(),
      value: z.unknown().optional(),
      name: z
        .string({ error: 'name must be a short string.' })
        .max(NAME_MAX_CHARS, { error: 'name must be a short string.' })
        .refine((name) => !name.toLowerCase().startsWith(RESERVED_EVENT_PREFIX), {
          error: 'handoff events come from an agent hub, not from a chat client.',
        })
        .optional(),
      locale: z.unknown().optional(),
      channelData: z
        .record(z.string(), z.unknown(), { error: 'channelData must be an object.' })
        .optional(),
      attachments: z.array(z.unknown(), { error: 'attachments must be an array.' }).optional(),
      replyToId: z.unknown().optional(),
    },
    { error: 'The body must be an activity object.' },
  )
  .refine(
    (activity) =>
      !nestedDeeperThan(activity.value, MAX_JSON_DEPTH) &&
      !nestedDeeperThan(activity.channelData, MAX_JSON_DEPTH),
    { error: `value and channelData may nest at most ${MAX_JSON_DEPTH} levels.` },
  );

/** Parses with `schema`; what does not fit is a 400 BadArgument naming the field's rule. */
function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw badArgument(result.error.issues[0]?.message ?? 'Bad request.');
}

/** `user.id` of a start or token request; 400 when it is given but not an id. */
export function userIdFrom(body: unknown): string | undefined {
  const user = isRecord(body) ? body.user : undefined;
  const id = isRecord(user) ? user.id : undefined;
  if (id === undefined || id === '') return undefined;
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw badArgument('user.id is not a valid id.');
  return id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `locale` of a start request (`conversationStartProperties`), if it looks like one. */
export function localeFrom(body: unknown): string | undefined {
  const locale = isRecord(body) ? body.locale : undefined;
  return typeof locale === 'string' && LOCALE_PATTERN.test(locale) ? locale : undefined;
}

/**
 * The posted activity as it is logged and echoed: only the fields a chat
 * client needs, checked (no handoff events, no deep nesting); the sender is
 * always the token's user, and a user's text is marked plain so no client
 * renders it as markdown or HTML. Attachments are not logged; the bot only
 * learns that there were some.
 * @throws DirectLineError 400 BadArgument
 */
export function clientActivity(
  body: unknown,
  claims: TokenClaims,
): { echo: LoggedActivity; attachments: Activity['attachments'] | undefined } {
  const { type, text, value, name, locale, channelData, attachments, replyToId } = parse(
    PostedActivity,
    body,
  );
  const echo: LoggedActivity = {
    type,
    channelId: DIRECT_LINE_CHANNEL_ID,
    conversation: { id: claims.conversationId } as Activity['conversation'],
    from: { id: claims.userId, name: '', role: 'user' },
    timestamp: new Date(),
    ...(text !== undefined ? { text } : {}),
    ...(type === ActivityTypes.Message ? { textFormat: 'plain' } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(typeof locale === 'string' && LOCALE_PATTERN.test(locale) ? { locale } : {}),
    ...(channelData !== undefined ? { channelData } : {}),
    ...(typeof replyToId === 'string' && replyToId.length <= 100 ? { replyToId } : {}),
  };
  const kept =
    attachments && attachments.length > 0
      ? attachments.map((attachment) => {
          const contentType = (attachment as { contentType?: unknown } | null)?.contentType;
          return {
            contentType:
              typeof contentType === 'string'
                ? contentType.slice(0, 100)
                : 'application/octet-stream',
          };
        })
      : undefined;
  return { echo, attachments: kept };
}
