import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake engine behaves: answers, fails with 500, or answers after `delayMs`. */
export type FakeMode = 'ok' | 'down' | 'slow';

/** What can be changed while the fake runs. */
export interface FakeLibreTranslateSettings {
  /** Engine codes offered by `GET /languages`. */
  languages: string[];
  /** Targets per source code; by default every other offered language. */
  targets?: Record<string, string[]>;
  mode: FakeMode;
  /** How long a 'slow' engine waits before answering. */
  delayMs: number;
}

/** Options of {@link startFakeLibreTranslate}. */
export interface FakeLibreTranslateOptions extends Partial<FakeLibreTranslateSettings> {
  /** When set, `/translate` wants this `api_key` (as a server run with `--api-keys`). */
  apiKey?: string;
}

/** One request as the fake received it. */
export interface FakeRequest {
  method: string;
  path: string;
  /** The parsed JSON body; undefined for GET. */
  body: unknown;
}

/** A running fake LibreTranslate server. */
export interface FakeLibreTranslate {
  url: string;
  /** Every request received, oldest first. */
  requests: FakeRequest[];
  set(changes: Partial<FakeLibreTranslateSettings>): void;
  close(): Promise<void>;
}

/** The bot's languages as LibreTranslate names them. */
export const FAKE_LANGUAGES = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'];

const NAMES: Readonly<Record<string, string>> = {
  de: 'German',
  en: 'English',
  ar: 'Arabic',
  fa: 'Persian',
  uk: 'Ukrainian',
  ru: 'Russian',
  tr: 'Turkish',
  ps: 'Pashto',
};

/** Exact phrases the fake "translates" like a person would, per `source>target`. */
export const FAKE_PHRASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'de>ar': {
    'Guten Tag, ich schaue mir Ihre Frage an.': 'مرحباً، سأنظر في سؤالك.',
    'Die Berufsschule kostet kein Schulgeld.': 'لا توجد رسوم دراسية في المدرسة المهنية.',
    'Während der Ausbildung bekommen Sie eine Ausbildungsvergütung.':
      'خلال التدريب المهني تحصل على راتب تدريب.',
    'Mit einer Arbeitserlaubnis können Sie eine Ausbildung beginnen.':
      'يمكنك بدء التدريب المهني إذا كان لديك تصريح عمل.',
    'Möchten Sie einen Termin in der Sprechstunde?': 'هل تريد موعداً في ساعات الاستشارة؟',
  },
  'de>fa': {
    'Guten Tag, ich schaue mir Ihre Frage an.': 'سلام، سوال شما را بررسی می‌کنم.',
    'Die Berufsschule kostet kein Schulgeld.': 'مکتب مسلکی فیس ندارد.',
    'Während der Ausbildung bekommen Sie eine Ausbildungsvergütung.':
      'در جریان آموزش حرفه‌ای معاش آموزشی می‌گیرید.',
    'Mit einer Arbeitserlaubnis können Sie eine Ausbildung beginnen.':
      'با اجازه کار می‌توانید آموزش حرفه‌ای را شروع کنید.',
    'Möchten Sie einen Termin in der Sprechstunde?': 'آیا در ساعات مشوره وقت ملاقات می‌خواهید؟',
  },
  'ar>de': {
    'كم لازم ادفع للمدرسة المهنية': 'Wie viel muss ich für die Berufsschule bezahlen?',
    'مرحباً، سأنظر في سؤالك.': 'Guten Tag, ich schaue mir Ihre Frage an.',
    'هل أحصل على راتب أثناء التدريب المهني؟': 'Bekomme ich während der Ausbildung Geld?',
    'عندي إقامة مؤقتة، هل يمكنني البدء بالتدريب؟':
      'Ich habe eine befristete Aufenthaltserlaubnis. Kann ich mit der Ausbildung anfangen?',
    'شكراً جزيلاً': 'Vielen Dank',
  },
  'fa>de': {
    'من اجازه کار دارم؟ میتوانم آموزش حرفه‌ای شروع کنم':
      'Ich habe eine Arbeitserlaubnis – kann ich eine Ausbildung anfangen?',
    'سلام، سوال شما را بررسی می‌کنم.': 'Guten Tag, ich schaue mir Ihre Frage an.',
    'در جریان آموزش حرفه‌ای چقدر معاش می‌گیرم؟': 'Wie viel verdiene ich während der Ausbildung?',
    'زبان آلمانی من هنوز خوب نیست.': 'Mein Deutsch ist noch nicht gut.',
    'تشکر زیاد': 'Vielen Dank',
  },
};

/** The fake's translation: a known phrase, otherwise the text marked with its target. */
export function fakeTranslation(text: string, source: string, target: string): string {
  return FAKE_PHRASES[`${source}>${target}`]?.[text] ?? `[${target}] ${text}`;
}

/** 'auto' in the fake: the language whose phrases hold the text, else English. */
function detect(text: string): string {
  const pair = Object.keys(FAKE_PHRASES).find((key) => FAKE_PHRASES[key]?.[text] !== undefined);
  return pair?.split('>')[0] ?? 'en';
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * A local stand-in for a LibreTranslate server on 127.0.0.1 (random port)
 * implementing its documented API: `GET /languages` and `POST /translate`
 * (JSON, `q` a string or an array), with its error answers (`{error}` with
 * 400, 403 or 500).
 */
export async function startFakeLibreTranslate(
  options: FakeLibreTranslateOptions = {},
): Promise<FakeLibreTranslate> {
  const settings: FakeLibreTranslateSettings = {
    languages: options.languages ?? FAKE_LANGUAGES,
    targets: options.targets,
    mode: options.mode ?? 'ok',
    delayMs: options.delayMs ?? 1000,
  };
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const targetsOf = (code: string) =>
    settings.targets?.[code] ?? settings.languages.filter((other) => other !== code);

  function answer(request: IncomingMessage, body: unknown): [number, unknown] {
    // A real engine's 500 may quote the text it failed on, so the fake does too.
    if (settings.mode === 'down') {
      const { q } = (body ?? {}) as { q?: unknown };
      const quoted = Array.isArray(q) ? q[0] : (q ?? 'engine down');
      return [500, { error: `Cannot translate text: ${String(quoted)}` }];
    }
    if (request.method === 'GET' && request.url === '/languages') {
      return [
        200,
        settings.languages.map((code) => ({
          code,
          name: NAMES[code] ?? code,
          targets: targetsOf(code),
        })),
      ];
    }
    if (request.method !== 'POST' || request.url !== '/translate')
      return [404, { error: 'Not Found' }];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return [400, { error: 'Invalid JSON format' }];
    }
    const { q, source, target, format, api_key: key } = body as Record<string, unknown>;
    if (options.apiKey !== undefined) {
      if (key !== undefined && key !== options.apiKey) return [403, { error: 'Invalid API key' }];
      if (key === undefined) {
        return [400, { error: 'Please contact the server operator to get an API key' }];
      }
    }
    for (const [name, value] of Object.entries({ q, source, target })) {
      if (!value) return [400, { error: `Invalid request: missing ${name} parameter` }];
    }
    const texts = Array.isArray(q) ? q : [q];
    if (!texts.every((text) => typeof text === 'string') || typeof source !== 'string') {
      return [400, { error: 'Invalid request: q must be text' }];
    }
    const from = source === 'auto' ? detect(texts[0] as string) : source;
    for (const code of [from, target]) {
      if (!settings.languages.includes(code as string)) {
        return [400, { error: `${String(code)} is not supported` }];
      }
    }
    if (format !== undefined && format !== 'text' && format !== 'html') {
      return [400, { error: `${String(format)} format is not supported` }];
    }
    const to = target as string;
    if (!targetsOf(from).includes(to)) {
      const name = (code: string) => `${NAMES[code] ?? code} (${code})`;
      return [
        400,
        { error: `${name(to)} is not available as a target language from ${name(from)}` },
      ];
    }
    const translated = (texts as string[]).map((text) => fakeTranslation(text, from, to));
    const detected = { confidence: 90, language: from };
    return [
      200,
      {
        translatedText: Array.isArray(q) ? translated : translated[0],
        ...(source === 'auto'
          ? { detectedLanguage: Array.isArray(q) ? texts.map(() => detected) : detected }
          : {}),
      },
    ];
  }

  const server = createServer((request, response) => {
    void (async () => {
      const body = request.method === 'POST' ? await readJson(request) : undefined;
      requests.push({ method: request.method ?? '', path: request.url ?? '', body });
      const [status, result] = answer(request, body);
      if (settings.mode !== 'slow') return send(response, status, result);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) send(response, status, result);
      }, settings.delayMs);
      timers.add(timer);
    })().catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'fake failed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set(changes) {
      Object.assign(settings, changes);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
