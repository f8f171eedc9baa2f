import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths';

/** Log levels the logger accepts, most to least verbose. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Bot Framework app types accepted by `ConfigurationBotFrameworkAuthentication`. */
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** A setting that is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** One variable: trimmed, and blank counts as not set (then `schema`'s default applies). */
function variable<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() || undefined : value),
    schema,
  );
}

/** A whole number from `min` to `max`. */
function wholeNumber(min: number, max: number) {
  const outOfRange = (issue: { input?: unknown }) =>
    `must be between ${min} and ${max}, got ${String(issue.input)}`;
  return z
    .string()
    .regex(/^\d+$/, { error: (issue) => `must be a whole number, got "${String(issue.input)}"` })
    .transform(Number)
    .pipe(z.number().min(min, { error: outOfRange }).max(max, { error: outOfRange }));
}

/** One of `allowed`, in any case; the result is spelled as in `allowed`. */
function oneOf<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z
    .string()
    .transform((raw) => allowed.find((name) => name.toLowerCase() === raw.toLowerCase()) ?? raw)
    .pipe(
      z.enum(allowed, {
        error: (issue) => `must be one of ${allowed.join(', ')}, got "${String(issue.input)}"`,
      }),
    );
}

/** A yes/no setting: true, 1 or yes; false, 0 or no; in any case. */
const flag = z.stringbool({
  truthy: ['true', '1', 'yes'],
  falsy: ['false', '0', 'no'],
  error: (issue) => `must be true or false, got "${String(issue.input)}"`,
});

/** Longest chain of trusted proxies TRUST_PROXY accepts. */
const MAX_TRUSTED_HOPS = 10;
/** TRUST_PROXY in words: `true` is one hop (the shipped nginx), `false` none. */
const HOP_WORDS = new Map([
  ['true', 1],
  ['yes', 1],
  ['false', 0],
  ['no', 0],
]);

/** TRUST_PROXY: the number of trusted hops, or a word for 1 or 0. */
const trustedHops = z
  .string()
  .transform((raw) => raw.toLowerCase())
  .refine((raw) => HOP_WORDS.has(raw) || (/^\d+$/.test(raw) && Number(raw) <= MAX_TRUSTED_HOPS), {
    error: (issue) =>
      `must be the number of trusted proxies in front of the bot (0–${MAX_TRUSTED_HOPS}), got "${String(issue.input)}"`,
  })
  .transform((raw) => HOP_WORDS.get(raw) ?? Number(raw));

/** `memory://` or `redis://[user:pass@]host:port[/db]` (also `rediss://`), kept as written. */
const storageUrl = z
  .url({ error: 'is not a URL (use memory:// or redis://host:6379/0)', abort: true })
  .refine((raw) => ['memory:', 'redis:', 'rediss:'].includes(new URL(raw).protocol), {
    error: (issue) =>
      `has unsupported scheme "${new URL(String(issue.input)).protocol}" (use memory:// or redis://)`,
  })
  .refine(
    (raw) => {
      const url = new URL(raw);
      return url.protocol === 'memory:' || url.pathname.length <= 1 || /^\/\d+$/.test(url.pathname);
    },
    { error: 'database must be a number, as in redis://host:6379/0' },
  );

/** PUBLIC_URL: an http(s) address, reduced to its origin. */
const publicOrigin = z
  .url({ error: 'is not a URL (e.g. https://chat.example.org)', abort: true })
  .refine((raw) => ['http:', 'https:'].includes(new URL(raw).protocol), {
    error: 'must start with http:// or https://',
  })
  .transform((raw) => new URL(raw).origin);

/** TRANSLATION_URL: the LibreTranslate server's http(s) address, kept whole (it may have a path). */
const engineUrl = z
  .url({ error: 'is not a URL (e.g. http://libretranslate:5000)', abort: true })
  .refine((raw) => ['http:', 'https:'].includes(new URL(raw).protocol), {
    error: 'must start with http:// or https://',
  });

/** FRAME_ANCESTORS: CSP sources; .env files drop quotes, so self and none are accepted bare as well. */
const frameAncestors = z
  .string()
  .transform((raw) =>
    raw
      .split(/\s+/)
      .map((source) => (source === 'self' || source === 'none' ? `'${source}'` : source)),
  )
  .pipe(
    z.array(
      z.string().regex(/^('self'|'none'|https?:\/\/[A-Za-z0-9.*-]+(:\d+)?)$/, {
        error: (issue) =>
          `holds "${String(issue.input)}"; use 'self', 'none' or origins such as https://www.example.org`,
      }),
    ),
  );

/** Each variable with its rule and default; the key is the variable's name. */
const Variables = z.object({
  PORT: variable(wholeNumber(0, 65535).default(3978)),
  STORAGE_URL: variable(storageUrl.default('memory://')),
  STORAGE_NAMESPACE: variable(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
        error: 'may hold only letters, digits, "_", "." and "-"',
      })
      .default('kausa'),
  ),
  STATE_TTL_DAYS: variable(wholeNumber(1, 3650).default(30)),
  LOG_LEVEL: variable(oneOf(LOG_LEVELS).default('info')),
  DATA_DIR: variable(z.string().default('data')),
  DIRECT_LINE_SECRET: variable(
    z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  ),
  DIRECT_LINE_TOKEN_SECONDS: variable(wholeNumber(1, 86400).default(3600)),
  PUBLIC_URL: variable(publicOrigin.default('')),
  TRUST_PROXY: variable(trustedHops.default(0)),
  DEV_MODE: variable(flag.default(false)),
  API_MESSAGES_PER_MINUTE: variable(wholeNumber(1, 10_000_000).default(120)),
  FRAME_ANCESTORS: variable(frameAncestors.default(["'self'"])),
  CONTENT_SECURITY_POLICY: variable(
    z
      .string()
      .refine((policy) => !/frame-ancestors/i.test(policy), {
        error: 'must not set frame-ancestors (use FRAME_ANCESTORS)',
      })
      .default(''),
  ),
  METRICS_TOKEN: variable(z.string().default('')),
  TRANSLATION_URL: variable(engineUrl.optional()),
  TRANSLATION_API_KEY: variable(z.string().default('')),
  METRICS_PORT: variable(wholeNumber(0, 65535).default(0)),
  HANDOVER_ESCALATE_MINUTES: variable(wholeNumber(0, 240).default(5)),
  HANDOVER_MAX_WAIT_MINUTES: variable(wholeNumber(1, 1440).default(30)),
  MicrosoftAppId: variable(z.string().default('')),
  MicrosoftAppPassword: variable(z.string().default('')),
  MicrosoftAppType: variable(oneOf(APP_TYPES).default('MultiTenant')),
  MicrosoftAppTenantId: variable(z.string().default('')),
});

/** The environment with the rules between variables, as the settings of one bot process. */
const Settings = z
  .preprocess(
    // Without an app id the app type is not read, so a leftover MicrosoftAppType does no harm.
    (env: Env) => (env.MicrosoftAppId?.trim() ? env : { ...env, MicrosoftAppType: undefined }),
    Variables,
  )
  .superRefine((env, ctx) => {
    const required = (name: keyof typeof env, problem: string) =>
      ctx.addIssue({ code: 'custom', path: [name], message: problem });
    const hasApp = env.MicrosoftAppId !== '';
    if (hasApp && env.MicrosoftAppType === 'MultiTenant' && env.MicrosoftAppPassword === '') {
      required('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
    }
    if (hasApp && env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppTenantId === '') {
      required('MicrosoftAppTenantId', 'is required for a SingleTenant app');
    }
    if (env.DIRECT_LINE_SECRET === undefined && !env.STORAGE_URL.startsWith('memory:')) {
      required(
        'DIRECT_LINE_SECRET',
        'is required with Redis storage: every instance must sign tokens with the same secret',
      );
    }
  })
  .transform((env) => ({
    port: env.PORT,
    /** `memory://` or `redis://[user:pass@]host:port[/db]` (also `rediss://`). */
    storageUrl: env.STORAGE_URL,
    /** Prefix of every key this bot writes to Redis, so several bots can share one server. */
    storageNamespace: env.STORAGE_NAMESPACE,
    /** How long conversation and user state are kept after their last change. */
    stateTtlDays: env.STATE_TTL_DAYS,
    logLevel: env.LOG_LEVEL,
    /** Folder of the organisation's own data (`organisation.json`, …). */
    dataDir: path.resolve(PROJECT_ROOT, env.DATA_DIR),
    /** The self-hosted Direct Line gateway and the widget page. */
    directLine: {
      /** Signs tokens; servers holding it may call the gateway as Azure's Direct Line secret allows. */
      secret: env.DIRECT_LINE_SECRET ?? randomBytes(32).toString('base64url'),
      /** Whether the secret was generated at start (tokens then die with the process). */
      secretGenerated: env.DIRECT_LINE_SECRET === undefined,
      /** Lifetime of a token in seconds. */
      tokenLifetimeSeconds: env.DIRECT_LINE_TOKEN_SECONDS,
    },
    /** How the service is reached from outside, e.g. `https://chat.example.org`; empty: from each request. */
    publicUrl: env.PUBLIC_URL,
    /**
     * How many reverse proxies in front of the bot are trusted (0: none). The
     * client's address is the X-Forwarded-For entry that many hops from the
     * right; X-Forwarded-Proto/-Host are read only when it is above 0.
     */
    trustProxy: env.TRUST_PROXY,
    /**
     * Development mode (`npm run dev`): without app credentials, `/api/messages`
     * also sends replies to a loopback `serviceUrl` (the Bot Framework Emulator).
     */
    devMode: env.DEV_MODE,
    /** Requests one address may send to `/api/messages` per minute when it is open (no app id). */
    apiMessagesPerMinute: env.API_MESSAGES_PER_MINUTE,
    /** Who may embed the widget page in a frame: CSP frame-ancestors sources. */
    frameAncestors: env.FRAME_ANCESTORS,
    /** Replaces the widget page's Content-Security-Policy (without frame-ancestors); empty: the built-in one. */
    contentSecurityPolicy: env.CONTENT_SECURITY_POLICY,
    /** `/metrics`: a bearer token (empty: not on the main port) and an internal port of its own (0: none). */
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
    /**
     * The service point's own machine translation engine (LibreTranslate) for
     * the counsellor console; undefined: no translation is offered.
     */
    translation: env.TRANSLATION_URL
      ? { url: env.TRANSLATION_URL, apiKey: env.TRANSLATION_API_KEY || undefined }
      : undefined,
    /** Handover waits: after `escalateMinutes` a ticket goes to every counsellor; after `maxWaitMinutes` it ends. */
    handover: {
      escalateMinutes: env.HANDOVER_ESCALATE_MINUTES,
      maxWaitMinutes: env.HANDOVER_MAX_WAIT_MINUTES,
    },
    /** Bot Framework credentials; an empty app id leaves `/api/messages` open for local use. */
    botAuth: {
      MicrosoftAppId: env.MicrosoftAppId,
      MicrosoftAppPassword: env.MicrosoftAppPassword,
      MicrosoftAppType: env.MicrosoftAppId === '' ? '' : env.MicrosoftAppType,
      MicrosoftAppTenantId: env.MicrosoftAppTenantId,
    },
  }));

/** The validated settings of one bot process. */
export type Config = z.output<typeof Settings>;

/**
 * Reads and validates the configuration once. `env` defaults to the process
 * environment merged with a `.env` file in the working directory.
 * @throws ConfigError naming the first variable that is wrong
 */
export function loadConfig(env?: Env): Config {
  let source = env;
  if (source === undefined) {
    loadDotenv({ quiet: true });
    source = process.env;
  }
  const result = Settings.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(String(issue.path[0]), issue.message);
}
