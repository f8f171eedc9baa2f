import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { PROJECT_ROOT } from './paths';

/** Log levels the logger accepts, most to least verbose. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Bot Framework app types accepted by `ConfigurationBotFrameworkAuthentication`. */
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** The validated settings of one bot process. */
export interface Config {
  port: number;
  /** `memory://` or `redis://[user:pass@]host:port[/db]` (also `rediss://`). */
  storageUrl: string;
  /** Prefix of every key this bot writes to Redis, so several bots can share one server. */
  storageNamespace: string;
  /** How long conversation and user state are kept after their last change. */
  stateTtlDays: number;
  logLevel: LogLevel;
  /** Folder of the organisation's own data (`organisation.json`, …). */
  dataDir: string;
  /** The self-hosted Direct Line gateway and the widget page. */
  directLine: {
    /** Signs tokens; servers holding it may call the gateway as Azure's Direct Line secret allows. */
    secret: string;
    /** Whether the secret was generated at start (tokens then die with the process). */
    secretGenerated: boolean;
    /** Lifetime of a token in seconds. */
    tokenLifetimeSeconds: number;
  };
  /** How the service is reached from outside, e.g. `https://chat.example.org`; empty: from each request. */
  publicUrl: string;
  /**
   * How many reverse proxies in front of the bot are trusted (0: none). The
   * client's address is the X-Forwarded-For entry that many hops from the
   * right; X-Forwarded-Proto/-Host are read only when it is above 0.
   */
  trustProxy: number;
  /**
   * Development mode (`npm run dev`): without app credentials, `/api/messages`
   * also sends replies to a loopback `serviceUrl` (the Bot Framework Emulator).
   */
  devMode: boolean;
  /** Requests one address may send to `/api/messages` per minute when it is open (no app id). */
  apiMessagesPerMinute: number;
  /** Who may embed the widget page in a frame: CSP frame-ancestors sources. */
  frameAncestors: string[];
  /** Replaces the widget page's Content-Security-Policy (without frame-ancestors); empty: the built-in one. */
  contentSecurityPolicy: string;
  /** `/metrics`: a bearer token (empty: not on the main port) and an internal port of its own (0: none). */
  metrics: { token: string; port: number };
  /** Handover waits: after `escalateMinutes` a ticket goes to every counsellor; after `maxWaitMinutes` it ends. */
  handover: { escalateMinutes: number; maxWaitMinutes: number };
  /** Bot Framework credentials; an empty app id leaves `/api/messages` open for local use. */
  botAuth: {
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppType: string;
    MicrosoftAppTenantId: string;
  };
}

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

function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? fallback : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name, String(fallback));
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = text(env, name, fallback);
  const match = allowed.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
  if (match === undefined) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return match;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name, String(fallback)).toLowerCase();
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

/** Longest chain of trusted proxies TRUST_PROXY accepts. */
const MAX_TRUSTED_HOPS = 10;

/** TRUST_PROXY: a number of trusted hops; `true` is one (the shipped nginx), `false` none. */
function trustedHops(env: Env): number {
  const raw = text(env, 'TRUST_PROXY', '0').toLowerCase();
  if (['true', 'yes'].includes(raw)) return 1;
  if (['false', 'no'].includes(raw)) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_TRUSTED_HOPS) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be the number of trusted proxies in front of the bot (0–${MAX_TRUSTED_HOPS}), got "${raw}"`,
    );
  }
  return Number(raw);
}

function publicUrl(env: Env): string {
  const raw = text(env, 'PUBLIC_URL', '');
  if (raw === '') return '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', 'is not a URL (e.g. https://chat.example.org)');
  }
  if (!['http:', 'https:'].includes(url.protocol)) {
    throw new ConfigError('PUBLIC_URL', 'must start with http:// or https://');
  }
  return url.origin;
}

function frameAncestors(env: Env): string[] {
  // .env files drop quotes, so self and none are accepted bare as well.
  const sources = text(env, 'FRAME_ANCESTORS', "'self'")
    .split(/\s+/)
    .map((source) => (source === 'self' || source === 'none' ? `'${source}'` : source));
  for (const source of sources) {
    if (!/^('self'|'none'|https?:\/\/[A-Za-z0-9.*-]+(:\d+)?)$/.test(source)) {
      throw new ConfigError(
        'FRAME_ANCESTORS',
        `holds "${source}"; use 'self', 'none' or origins such as https://www.example.org`,
      );
    }
  }
  return sources;
}

function directLineSecret(env: Env, storage: string): { secret: string; generated: boolean } {
  const secret = text(env, 'DIRECT_LINE_SECRET', '');
  if (secret === '') {
    if (!storage.startsWith('memory:')) {
      throw new ConfigError(
        'DIRECT_LINE_SECRET',
        'is required with Redis storage: every instance must sign tokens with the same secret',
      );
    }
    return { secret: randomBytes(32).toString('base64url'), generated: true };
  }
  if (secret.length < 32)
    throw new ConfigError('DIRECT_LINE_SECRET', 'must be at least 32 characters');
  return { secret, generated: false };
}

function storageUrl(env: Env): string {
  const raw = text(env, 'STORAGE_URL', 'memory://');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('STORAGE_URL', 'is not a URL (use memory:// or redis://host:6379/0)');
  }
  if (!['memory:', 'redis:', 'rediss:'].includes(url.protocol)) {
    throw new ConfigError(
      'STORAGE_URL',
      `has unsupported scheme "${url.protocol}" (use memory:// or redis://)`,
    );
  }
  if (url.protocol !== 'memory:' && url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname)) {
    throw new ConfigError('STORAGE_URL', 'database must be a number, as in redis://host:6379/0');
  }
  return raw;
}

/**
 * Reads and validates the configuration once. `env` defaults to the process
 * environment merged with a `.env` file in the working directory.
 */
export function loadConfig(env?: Env): Config {
  let source = env;
  if (source === undefined) {
    loadDotenv({ quiet: true });
    source = process.env;
  }
  const appId = text(source, 'MicrosoftAppId', '');
  const appPassword = text(source, 'MicrosoftAppPassword', '');
  const appType = appId === '' ? '' : oneOf(source, 'MicrosoftAppType', 'MultiTenant', APP_TYPES);
  const tenantId = text(source, 'MicrosoftAppTenantId', '');
  if (appType === 'MultiTenant' && appPassword === '') {
    throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
  }
  if (appType === 'SingleTenant' && tenantId === '') {
    throw new ConfigError('MicrosoftAppTenantId', 'is required for a SingleTenant app');
  }
  const namespace = text(source, 'STORAGE_NAMESPACE', 'kausa');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(namespace)) {
    throw new ConfigError('STORAGE_NAMESPACE', 'may hold only letters, digits, "_", "." and "-"');
  }
  const storage = storageUrl(source);
  const directLine = directLineSecret(source, storage);
  const policy = text(source, 'CONTENT_SECURITY_POLICY', '');
  if (/frame-ancestors/i.test(policy)) {
    throw new ConfigError(
      'CONTENT_SECURITY_POLICY',
      'must not set frame-ancestors (use FRAME_ANCESTORS)',
    );
  }
  return {
    port: integer(source, 'PORT', 3978, 0, 65535),
    storageUrl: storage,
    storageNamespace: namespace,
    stateTtlDays: integer(source, 'STATE_TTL_DAYS', 30, 1, 3650),
    logLevel: oneOf(source, 'LOG_LEVEL', 'info', LOG_LEVELS),
    dataDir: path.resolve(PROJECT_ROOT, text(source, 'DATA_DIR', 'data')),
    directLine: {
      secret: directLine.secret,
      secretGenerated: directLine.generated,
      tokenLifetimeSeconds: integer(source, 'DIRECT_LINE_TOKEN_SECONDS', 3600, 1, 86400),
    },
    publicUrl: publicUrl(source),
    trustProxy: trustedHops(source),
    devMode: flag(source, 'DEV_MODE', false),
    apiMessagesPerMinute: integer(source, 'API_MESSAGES_PER_MINUTE', 120, 1, 10_000_000),
    frameAncestors: frameAncestors(source),
    contentSecurityPolicy: policy,
    metrics: {
      token: text(source, 'METRICS_TOKEN', ''),
      port: integer(source, 'METRICS_PORT', 0, 0, 65535),
    },
    handover: {
      escalateMinutes: integer(source, 'HANDOVER_ESCALATE_MINUTES', 5, 0, 240),
      maxWaitMinutes: integer(source, 'HANDOVER_MAX_WAIT_MINUTES', 30, 1, 1440),
    },
    botAuth: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: tenantId,
    },
  };
}
