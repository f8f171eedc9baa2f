import { expect } from 'chai';
import {
  LANGUAGES_REFRESH_MS,
  LibreTranslate,
  TranslationError,
  engineCode,
  type TranslationFailure,
} from '../../src/translation/libreTranslate';
import {
  startFakeLibreTranslate,
  type FakeLibreTranslate,
  type FakeLibreTranslateOptions,
} from '../support/fakeLibreTranslate';

const ARABIC_QUESTION = 'كم لازم ادفع للمدرسة المهنية';
const DARI_QUESTION = 'من اجازه کار دارم؟ میتوانم آموزش حرفه‌ای شروع کنم';
/** Personal data as a user might write it: it must never reach an error message. */
const PRIVATE_TEXT = 'Ich heiße Amina K., meine Nummer ist 0176 1234567';

/** The TranslationError `promise` rejects with; fails the test when it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<TranslationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TranslationError);
    return error as TranslationError;
  }
  return expect.fail('the translation did not fail');
}

describe('LibreTranslate: machine translation for the counsellor console', () => {
  let fake: FakeLibreTranslate;

  async function start(options: FakeLibreTranslateOptions = {}): Promise<FakeLibreTranslate> {
    fake = await startFakeLibreTranslate(options);
    return fake;
  }

  const translations = () => fake.requests.filter((request) => request.path === '/translate');

  afterEach(async () => {
    await fake?.close();
  });

  it('maps the bot languages to the engine: easy German is German, Dari is Persian', () => {
    expect(['de', 'de-simple', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'].map(engineCode)).to.deep.equal([
      'de',
      'de',
      'en',
      'ar',
      'fa',
      'uk',
      'ru',
      'tr',
    ]);
  });

  it("shows a counsellor an Arabic user's messages in German, in order, from one request", async () => {
    const engine = await start();
    const translator = new LibreTranslate({ url: engine.url });
    const messages = [ARABIC_QUESTION, 'شكراً جزيلاً', 'أنا من حلب'];
    expect(await translator.translate(messages, 'ar', 'de')).to.deep.equal([
      'Wie viel muss ich für die Berufsschule bezahlen?',
      'Vielen Dank',
      '[de] أنا من حلب',
    ]);
    expect(engine.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([
      'GET /languages',
      'POST /translate',
    ]);
    expect(translations()[0]?.body).to.deep.equal({
      q: messages,
      source: 'ar',
      target: 'de',
      format: 'text',
    });
  });

  it("sends a counsellor's easy-German answers to a Dari user in Dari", async () => {
    const engine = await start();
    const translator = new LibreTranslate({ url: `${engine.url}/` });
    const answers = [
      'Guten Tag, ich schaue mir Ihre Frage an.',
      'Mit einer Arbeitserlaubnis können Sie eine Ausbildung beginnen.',
    ];
    expect(await translator.translate(answers, 'de-simple', 'fa')).to.deep.equal([
      'سلام، سوال شما را بررسی می‌کنم.',
      'با اجازه کار می‌توانید آموزش حرفه‌ای را شروع کنید.',
    ]);
    expect(translations()).to.have.length(1);
    expect(translations()[0]?.body).to.include({ source: 'de', target: 'fa', format: 'text' });
    expect(await translator.translate([DARI_QUESTION], 'fa', 'de')).to.deep.equal([
      'Ich habe eine Arbeitserlaubnis – kann ich eine Ausbildung anfangen?',
    ]);
  });

  it('asks nothing of the engine when there is nothing to translate or both languages are one to it', async () => {
    const engine = await start();
    const translator = new LibreTranslate({ url: engine.url });
    expect(await translator.translate([], 'ar', 'de')).to.deep.equal([]);
    expect(await translator.translate(['Hallo'], 'de-simple', 'de')).to.deep.equal(['Hallo']);
    expect(await translator.translate([ARABIC_QUESTION], 'ar', 'ar')).to.deep.equal([
      ARABIC_QUESTION,
    ]);
    expect(engine.requests).to.deep.equal([]);
  });

  it('reads the offered languages once, and again after ten minutes', async () => {
    const engine = await start();
    let now = Date.parse('2026-12-10T12:00:00Z');
    const translator = new LibreTranslate({ url: engine.url, now: () => now });
    await translator.translate(['eins'], 'de', 'uk');
    now += LANGUAGES_REFRESH_MS - 1;
    await translator.translate(['zwei'], 'de', 'ru');
    now += 1;
    await translator.translate(['drei'], 'de', 'tr');
    expect(engine.requests.map((request) => request.path)).to.deep.equal([
      '/languages',
      '/translate',
      '/translate',
      '/languages',
      '/translate',
    ]);
  });

  const unsupported: Array<{
    case: string;
    engine: FakeLibreTranslateOptions;
    source: string;
    target: string;
  }> = [
    { case: 'Pashto (the engine does not offer it)', engine: {}, source: 'ps', target: 'de' },
    {
      case: 'a target the engine was not started with',
      engine: { languages: ['de', 'en', 'ar', 'fa'] },
      source: 'de',
      target: 'tr',
    },
    {
      case: "a target missing from the source's targets",
      engine: { targets: { uk: ['en', 'ru'] } },
      source: 'uk',
      target: 'ar',
    },
  ];
  for (const { case: name, engine: options, source, target } of unsupported) {
    it(`refuses ${name} as unsupported, without sending the texts`, async () => {
      const engine = await start(options);
      const translator = new LibreTranslate({ url: engine.url });
      const error = await failureOf(translator.translate([PRIVATE_TEXT], source, target));
      expect(error.reason).to.equal('unsupported');
      expect(error.message).to.not.contain(PRIVATE_TEXT);
      expect(translations()).to.deep.equal([]);
    });
  }

  it("takes the engine's own 400 about a language as unsupported (languages changed since read)", async () => {
    const engine = await start();
    const translator = new LibreTranslate({ url: engine.url });
    await translator.translate(['Hallo'], 'de', 'ar');
    engine.set({ languages: ['de', 'en', 'fa'] });
    const error = await failureOf(translator.translate([PRIVATE_TEXT], 'de', 'ar'));
    expect(error.reason).to.equal('unsupported');
    expect(translations()).to.have.length(2);
  });

  it('reports an engine that is down, or not there at all, as unavailable', async () => {
    const engine = await start({ mode: 'down' });
    const down = await failureOf(
      new LibreTranslate({ url: engine.url }).translate(['a'], 'de', 'ar'),
    );
    expect([down.reason, down.message]).to.deep.equal(['unavailable', 'languages answered 500']);
    await engine.close();
    const gone = await failureOf(
      new LibreTranslate({ url: engine.url }).translate(['a'], 'de', 'ar'),
    );
    expect(gone.reason).to.equal('unavailable');
    expect(gone.message).to.match(/^languages unreachable/);
  });

  it('gives up on a slow engine after the timeout, without holding up the chat', async () => {
    const engine = await start({ mode: 'slow', delayMs: 3000 });
    const translator = new LibreTranslate({ url: engine.url, timeoutMs: 200 });
    const started = Date.now();
    const error = await failureOf(translator.translate([ARABIC_QUESTION], 'ar', 'de'));
    expect(error.reason).to.equal('timeout');
    expect(Date.now() - started).to.be.within(150, 1500);
    // Languages already known: the translation itself is what times out.
    engine.set({ mode: 'ok' });
    await translator.translate(['Hallo'], 'de', 'ar');
    engine.set({ mode: 'slow' });
    const slow = await failureOf(translator.translate([ARABIC_QUESTION], 'ar', 'de'));
    expect([slow.reason, slow.message]).to.deep.equal([
      'timeout',
      'no answer from translate within 200 ms',
    ]);
  });

  it('sends the API key when one is configured, and a wrong key makes the engine unavailable', async () => {
    const engine = await start({ apiKey: 'k-123' });
    const translator = new LibreTranslate({ url: engine.url, apiKey: 'k-123' });
    expect(await translator.translate([ARABIC_QUESTION], 'ar', 'de')).to.deep.equal([
      'Wie viel muss ich für die Berufsschule bezahlen?',
    ]);
    expect(translations()[0]?.body).to.include({ api_key: 'k-123' });
    const wrong = new LibreTranslate({ url: engine.url, apiKey: 'k-999' });
    const refused = await failureOf(wrong.translate(['Hallo'], 'de', 'ar'));
    expect([refused.reason, refused.message]).to.deep.equal([
      'unavailable',
      'translate answered 403',
    ]);
    const none = new LibreTranslate({ url: engine.url });
    expect((await failureOf(none.translate(['Hallo'], 'de', 'ar'))).reason).to.equal('unavailable');
  });

  it('never puts what the user wrote into an error message, even when the engine quotes it', async () => {
    const engine = await start();
    const translator = new LibreTranslate({ url: engine.url, timeoutMs: 200 });
    await translator.translate(['Hallo'], 'de', 'ar');
    const texts = [PRIVATE_TEXT, DARI_QUESTION];
    const failures: TranslationFailure[] = [];
    for (const mode of ['down', 'slow'] as const) {
      engine.set({ mode, delayMs: 1000 });
      const error = await failureOf(translator.translate(texts, 'de', 'fa'));
      failures.push(error.reason);
      for (const text of texts) {
        expect(error.message).to.not.contain(text);
        expect(String(error)).to.not.contain(text);
      }
    }
    expect(failures).to.deep.equal(['unavailable', 'timeout']);
    // The fake's 500 does quote the text: the check above had something to find.
    engine.set({ mode: 'down' });
    expect(String((await fetchError(engine.url, texts)).error)).to.contain(PRIVATE_TEXT);
  });
});

/** What the (down) engine itself answers to a translation request. */
async function fetchError(url: string, q: string[]): Promise<{ error?: unknown }> {
  const response = await fetch(`${url}/translate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ q, source: 'de', target: 'fa' }),
  });
  return (await response.json()) as { error?: unknown };
}
