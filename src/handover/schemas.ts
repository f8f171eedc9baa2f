import { z } from 'zod';
import { HttpError } from '../util/httpError';
import { MAX_COUNSELLOR_MESSAGE_CHARS } from './limits';
import { CONSOLE_LANGUAGES } from '../content/consoleStrings';
import { MAX_QUICK_REPLY_CHARS } from '../content/quickReplyCheck';

/** `POST /session`. */
export const LoginBody = z.object({ username: z.string(), password: z.string() });

/** `POST /tickets/{id}/messages`: a message as long as a user's may be. */
export const MessageBody = z.object({
  text: z
    .string()
    .max(MAX_COUNSELLOR_MESSAGE_CHARS)
    .refine((text) => text.trim() !== ''),
  /** The console language the text is written in, to send it machine-translated into the user's. */
  translateFrom: z.enum(CONSOLE_LANGUAGES).optional(),
});

/** `POST /quick-replies`: a text per language (the content check says what is missing or wrong). */
export const QuickReplyBody = z.object({ texts: z.record(z.string(), z.unknown()) });

/** `POST /quick-replies/draft`: a text in a console language, to translate into every other. */
export const DraftBody = z.object({
  text: z
    .string()
    .max(MAX_QUICK_REPLY_CHARS)
    .refine((text) => text.trim() !== ''),
  from: z.enum(CONSOLE_LANGUAGES),
});

/** `POST /tickets/{id}/transfer`: a colleague's username or `partner:<id>`. */
export const TransferBody = z.object({ to: z.string().min(1) });

/** `GET /tickets?status=`. */
export const TicketsQuery = z.object({
  status: z.enum(['waiting', 'active', 'closed']).default('waiting'),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** `GET /stats?from=&to=`: a period of whole days. */
export const StatsQuery = z
  .object({ from: day, to: day })
  .refine((period) => period.to >= period.from);

/**
 * Parses `value` with `schema`; a value that does not fit is a 400 whose
 * message tells the client what to send (never what it sent).
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown, expected: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new HttpError(400, 'BadRequest', expected);
  return result.data;
}
