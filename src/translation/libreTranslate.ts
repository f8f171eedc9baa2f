/** Longest wait for one translation, languages check included: a slow engine never holds up a chat. */
export const TRANSLATION_TIMEOUT_MS = 4000;

/** How long the engine's list of languages is trusted before it is read again. */
export const LANGUAGES_REFRESH_MS = 10 * 60 * 1000;

/** Why a translation failed: engine unreachable or refusing, pair not offered, or too slow. */
export type TranslationFailure = 'unavailable' | 'unsupported' | 'timeout';

/** A failed translation; its message names the cause, never the texts (they are personal data). */
export class TranslationError extends Error {
  constructor(
    readonly reason: TranslationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TranslationError';
  }
}

/** Machine translation between two of the bot's languages ('de', 'de-simple', 'en', 'ar', 'fa', …). */
export interface Translator {
  /** The texts translated, in the same order; rejects with a {@link TranslationError}. */
  translate(texts: string[], source: string, target: string): Promise<string[]>;
}

/** Bot languages the engine knows under another code (easy German is German to it). */
const ENGINE_CODES: Readonly<Record<string, string>> = { 'de-simple': 'de' };

/** The engine's code for one of the bot's languages ('de-simple' → 'de'; Dari is 'fa'). */
export function engineCode(language: string): string {
  return ENGINE_CODES[language] ?? language;
}

/** Where a LibreTranslate server is and how to call it. */
export interface LibreTranslateOptions {
  /** Base URL, e.g. http://libretranslate:5000 (a path prefix is kept). */
  url: string;
  apiKey?: string;
  /** Defaults to {@link TRANSLATION_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Clock for the languages refresh; epoch ms. */
  now?: () => number;
}

/** Engine code → target codes offered from it (undefined: the engine did not say). */
type Offered = ReadonlyMap<string, readonly string[] | undefined>;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** LibreTranslate's `GET /languages` answer, or undefined when it is not one. */
function offeredOf(body: unknown): Offered | undefined {
  if (!Array.isArray(body)) return undefined;
  const offered = new Map<string, readonly string[] | undefined>();
  for (const entry of body as unknown[]) {
    const { code, targets } = (entry ?? {}) as { code?: unknown; targets?: unknown };
    if (typeof code !== 'string' || (targets !== undefined && !isStringArray(targets))) {
      return undefined;
    }
    offered.set(code, targets);
  }
  return offered;
}

// LibreTranslate answers 400 "xx is not supported" or "… is not available as a target language …".
const LANGUAGE_REFUSAL = /language|not supported/i;

/**
 * A client of a self-hosted LibreTranslate server (`POST /translate`,
 * `GET /languages`). All texts go in one request; the whole call, languages
 * check included, gives up after the timeout.
 */
export class LibreTranslate implements Translator {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private languages: { offered: Offered; readAt: number } | undefined;

  constructor(private readonly options: LibreTranslateOptions) {
    this.base = options.url.endsWith('/') ? options.url : `${options.url}/`;
    this.timeoutMs = options.timeoutMs ?? TRANSLATION_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  async translate(texts: string[], source: string, target: string): Promise<string[]> {
    const from = engineCode(source);
    const to = engineCode(target);
    if (texts.length === 0) return [];
    if (from === to) return [...texts];
    const signal = AbortSignal.timeout(this.timeoutMs);
    const offered = await this.offered(signal);
    const targets = offered.get(from);
    if (!offered.has(from) || !offered.has(to) || (targets && !targets.includes(to))) {
      throw new TranslationError('unsupported', `the engine does not offer ${from} → ${to}`);
    }
    const { status, body } = await this.call('translate', signal, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        q: texts,
        source: from,
        target: to,
        format: 'text',
        ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}),
      }),
    });
    if (status !== 200) throw refusal('translate', status, body, `${from} → ${to}`);
    const translated = (body as { translatedText?: unknown } | undefined)?.translatedText;
    if (!isStringArray(translated) || translated.length !== texts.length) {
      throw new TranslationError('unavailable', 'translate answered something else than texts');
    }
    return translated;
  }

  /** The languages the engine offers, read again after {@link LANGUAGES_REFRESH_MS}. */
  private async offered(signal: AbortSignal): Promise<Offered> {
    if (this.languages && this.now() - this.languages.readAt < LANGUAGES_REFRESH_MS) {
      return this.languages.offered;
    }
    const { status, body } = await this.call('languages', signal, { method: 'GET' });
    if (status !== 200) throw refusal('languages', status, body, 'languages');
    const offered = offeredOf(body);
    if (!offered) throw new TranslationError('unavailable', 'languages answered no language list');
    this.languages = { offered, readAt: this.now() };
    return offered;
  }

  /** One request with its answer read; failures to get one become TranslationErrors. */
  private async call(
    path: string,
    signal: AbortSignal,
    init: RequestInit,
  ): Promise<{ status: number; body: unknown }> {
    try {
      const response = await fetch(new URL(path, this.base), { ...init, signal });
      const text = await response.text();
      return { status: response.status, body: parseJson(text) };
    } catch (error) {
      if ((error as { name?: unknown }).name === 'TimeoutError' || signal.aborted) {
        throw new TranslationError('timeout', `no answer from ${path} within ${this.timeoutMs} ms`);
      }
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      throw new TranslationError(
        'unavailable',
        `${path} unreachable${typeof cause === 'string' ? ` (${cause})` : ''}`,
      );
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The error for a non-200 answer. The engine's own error text is left out of
 * the message: a 500 may quote the text it could not translate.
 */
function refusal(path: string, status: number, body: unknown, what: string): TranslationError {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (status === 400 && typeof error === 'string' && LANGUAGE_REFUSAL.test(error)) {
    return new TranslationError('unsupported', `${path} refused ${what} (400)`);
  }
  return new TranslationError('unavailable', `${path} answered ${status}`);
}
