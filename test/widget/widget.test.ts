import { readdirSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { RunningApp } from '../../src/index';
import { MAX_CONVERSATIONS_PER_IP_PER_HOUR } from '../../src/channels/directline/limits';
import { PUBLIC_DIR } from '../../src/paths';
import { directionOf, SUPPORTED_LANGUAGES, type Language } from '../../src/language/languages';
import type { WidgetConfig } from '../../src/widget/widgetConfig';
import { startTestApp } from '../support/app';
import { content, tr } from '../support/bot';
import { escapeHtml } from '../../src/widget/page';

describe('widget: the page, its assets and its configuration', function () {
  let app: RunningApp;

  before(async function () {
    app = await startTestApp({ FRAME_ANCESTORS: "'self' https://www.leipzig.de" });
  });

  after(async function () {
    await app.close();
  });

  it('serves the page at / with a strict policy and the configured frame ancestors', async function () {
    const response = await fetch(`${app.url}/`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'");
    expect(policy).to.contain("object-src 'none'");
    expect(policy).to.contain(`connect-src 'self' ws://${new URL(app.url).host}`);
    expect(policy).to.match(/frame-ancestors 'self' https:\/\/www\.leipzig\.de$/);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
    const html = await response.text();
    expect(html).to.match(/<script src="\/widget\.js\?v=[\w-]+" defer><\/script>/);
    // No script the policy would have to allow inline: the only other one is data.
    expect(html.match(/<script[^>]*>/g)).to.deep.equal([
      html.match(/<script src="[^"]+" defer>/)![0],
      '<script type="application/json" id="boot">',
    ]);
  });

  it('serves the counsellor console with a strict policy that no site may frame', async function () {
    const response = await fetch(`${app.url}/counsellor/`);
    expect(response.status).to.equal(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'");
    expect(policy).to.match(/frame-ancestors 'none'$/);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(
      (await fetch(`${app.url}/counsellor`, { redirect: 'manual' })).headers.get('location'),
    ).to.equal('/counsellor/');
  });

  it('serves every module of the counsellor console and what they import, i18next from node_modules', async function () {
    const html = await (await fetch(`${app.url}/counsellor/`)).text();
    expect(html).to.contain('<script type="module" src="/counsellor/main.js"></script>');
    expect(html).to.not.match(/<script>(?!<\/script>)/); // no inline script: the policy forbids it
    const files = readdirSync(path.join(PUBLIC_DIR, 'counsellor'), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.js'));
    expect(files).to.include.members(['main.js', 'api.js', 'store.js']);
    const imported = new Set<string>();
    for (const file of files) {
      const url = `/counsellor/${file.split(path.sep).join('/')}`;
      const response = await fetch(`${app.url}${url}`);
      expect(response.status, url).to.equal(200);
      expect(response.headers.get('content-type'), url).to.match(/^text\/javascript/);
      for (const [, specifier] of (await response.text()).matchAll(/\bfrom '(\.[^']+)'/g)) {
        imported.add(new URL(specifier!, `${app.url}${url}`).pathname);
      }
    }
    expect([...imported]).to.include('/counsellor/vendor/i18next.js');
    for (const url of imported) {
      const response = await fetch(`${app.url}${url}`);
      expect(response.status, url).to.equal(200);
      expect(response.headers.get('content-type'), url).to.match(/^text\/javascript/);
    }
  });

  it('sends HSTS only when the request came over TLS (through a trusted proxy)', async function () {
    const proxied = await startTestApp({ TRUST_PROXY: 'true' });
    try {
      const plain = await fetch(`${proxied.url}/`);
      expect(plain.headers.get('strict-transport-security')).to.equal(null);
      for (const page of ['/', '/counsellor/']) {
        const tls = await fetch(`${proxied.url}${page}`, {
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.org' },
        });
        expect(tls.headers.get('strict-transport-security'), page).to.equal(
          'max-age=31536000; includeSubDomains',
        );
        expect(tls.headers.get('content-security-policy')).to.contain(
          "connect-src 'self' wss://chat.example.org",
        );
      }
    } finally {
      await proxied.close();
    }
  });

  /** A response as received, not decompressed (node:http; fetch would decompress it). */
  async function raw(
    url: string,
    headers: Record<string, string>,
  ): Promise<{ response: IncomingMessage; body: Buffer }> {
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(url, { headers }, resolve).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return { response, body: Buffer.concat(chunks) };
  }

  it('renders the page in the language of ?lang= or the browser, right to left for Arabic, Dari and Pashto, with the opening messages in it', async function () {
    const cases = [
      { headers: { 'accept-language': 'ar-SY,ar;q=0.9,en;q=0.5' }, query: '', language: 'ar' },
      { headers: { 'accept-language': 'prs-AF' }, query: '', language: 'fa' },
      { headers: { 'accept-language': 'sw-KE,uk;q=0.8' }, query: '', language: 'uk' },
      { headers: { 'accept-language': 'ps-AF' }, query: '', language: 'ps' },
      { headers: { 'accept-language': 'ku-TR,tr;q=0.5' }, query: '', language: 'kmr' },
      { headers: { 'accept-language': 'ar' }, query: '?lang=tr', language: 'tr' },
      { headers: { 'accept-language': 'xx' }, query: '', language: 'de' },
    ];
    for (const { headers, query, language } of cases) {
      const response = await fetch(`${app.url}/${query}`, { headers });
      const html = await response.text();
      const t = tr(language, 'unknown');
      const dir = directionOf(language);
      expect(html, language).to.contain(`<html lang="${language}" dir="${dir}">`);
      // Said once where no native speaker has reviewed the language's texts yet.
      expect(html.includes(escapeHtml(t('unreviewedLanguage'))), language).to.equal(
        content.unreviewed.has(language as Language),
      );
      expect(html).to.contain(
        `<title>${escapeHtml(t('widget:pageTitle', { org: content.organisation }))}</title>`,
      );
      expect(html).to.contain(
        `<div id="status" role="status" aria-live="polite">${escapeHtml(t('widget:connecting'))}</div>`,
      );
      expect(html).to.contain(escapeHtml(t('welcome.hello')));
      expect(html).to.contain(escapeHtml(t('welcome.privacy', { days: 30 })));
      expect(html).to.contain(escapeHtml(t('audience.ask')));
      expect(html).to.contain(
        `data-value="${escapeHtml(JSON.stringify({ audience: 'youth' }))}">${escapeHtml(t('audience.youth'))}</button>`,
      );
      expect(html).to.contain(
        `<option value="${language}" lang="${language}" dir="${dir}" selected>`,
      );
      expect(response.headers.get('vary')).to.contain('Accept-Language');
    }
  });

  it('sends the page, its script, style sheet and configuration compressed (brotli, else gzip), and 304 to a returning browser', async function () {
    const html = await (await fetch(`${app.url}/`)).text();
    const script = /<script src="([^"]+)"/.exec(html)![1]!;
    const styles = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    for (const url of ['/', script, styles, '/widget/config.json']) {
      const br = await raw(`${app.url}${url}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.response.headers['content-encoding'], url).to.equal('br');
      const plain = brotliDecompressSync(br.body);
      expect(br.body.length, url).to.be.below(plain.length / 2);
      const gz = await raw(`${app.url}${url}`, { 'accept-encoding': 'gzip' });
      expect(gz.response.headers['content-encoding'], url).to.equal('gzip');
      expect(gunzipSync(gz.body).equals(plain), url).to.equal(true);
      const again = await fetch(`${app.url}${url}`, {
        headers: { 'if-none-match': String(br.response.headers.etag) },
      });
      expect(again.status, url).to.equal(304);
    }
    // The script and style sheet are named by version: a returning browser does not even ask.
    for (const url of [script, styles]) {
      const response = await fetch(`${app.url}${url}`);
      expect(response.headers.get('cache-control'), url).to.equal(
        'public, max-age=31536000, immutable',
      );
    }
    const { body } = await raw(`${app.url}/`, { 'accept-encoding': 'br' });
    expect(body.length, 'the whole first view').to.be.below(4 * 1024);
  });

  it('starts a widget conversation in one request: its opening messages in the asked language, and a stream after them', async function () {
    const response = await fetch(`${app.url}/widget/conversation?locale=uk`, { method: 'POST' });
    expect(response.status).to.equal(200);
    const started = (await response.json()) as {
      conversationId: string;
      token: string;
      streamUrl: string;
      watermark: string;
      activities: Array<{ text?: string; from: { role?: string } }>;
    };
    const t = tr('uk', 'unknown');
    expect(started.activities.map((activity) => activity.text)).to.deep.equal([
      t('welcome.hello'),
      t('welcome.privacy', { days: 30 }),
      t('audience.ask'),
    ]);
    expect(started.token).to.be.a('string');
    expect(new URL(started.streamUrl).searchParams.get('watermark')).to.equal(started.watermark);
  });

  it('lets partner sites load /embed.js and the configuration', async function () {
    const embed = await fetch(`${app.url}/embed.js`);
    expect(embed.status).to.equal(200);
    expect(embed.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
    expect(await embed.text()).to.contain('/widget/config.json');
    const config = await fetch(`${app.url}/widget/config.json`, {
      headers: { origin: 'https://www.leipzig.de' },
    });
    expect(config.headers.get('access-control-allow-origin')).to.equal('*');
  });

  it('describes every language in its own name and direction, with the chat strings in each', async function () {
    const config = (await (await fetch(`${app.url}/widget/config.json`)).json()) as WidgetConfig;
    expect(config.organisation.name).to.equal(content.organisation.name);
    expect(config.colours).to.deep.equal(content.organisation.colours);
    expect(config.languages.map((language) => language.code)).to.deep.equal([
      ...SUPPORTED_LANGUAGES,
    ]);
    const byCode = Object.fromEntries(
      config.languages.map((language) => [language.code, language]),
    );
    expect(byCode.ar).to.deep.include({ name: 'العربية', dir: 'rtl' });
    expect(byCode.fa).to.deep.include({ dir: 'rtl', locale: 'fa-AF' });
    expect(byCode.uk).to.deep.include({ name: 'Українська', dir: 'ltr' });
    expect(byCode.fa?.strings.messageLabel).to.match(/[\u0600-\u06FF]/);
    expect(byCode.ar?.strings.send).to.match(/[\u0600-\u06FF]/);
    for (const language of config.languages) {
      expect(language.strings.pageTitle).to.contain(content.organisation.name);
      expect(language.strings.privacy).to.contain('30');
      expect(language.strings.privacy).to.not.match(/{{|}}/);
    }
    expect(byCode.de?.strings.privacy).to.contain('„Daten löschen“');
  });

  it(`opens at most ${MAX_CONVERSATIONS_PER_IP_PER_HOUR} widget conversations an hour for one address (the page's start and the token alike)`, async function () {
    const fresh = await startTestApp();
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let index = 0; index <= MAX_CONVERSATIONS_PER_IP_PER_HOUR; index += 1) {
        const endpoint = index % 2 === 0 ? '/widget/conversation' : '/widget/token';
        last = await fetch(`${fresh.url}${endpoint}`, { method: 'POST' });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, -1).every((status) => status === 200)).to.equal(true);
      expect(last?.status).to.equal(429);
      expect(Number(last?.headers.get('retry-after'))).to.be.above(0);
      expect(await last?.json()).to.deep.equal({
        error: { code: 'TooManyRequests', message: 'Too many requests; try again later.' },
      });
    } finally {
      await fresh.close();
    }
  });
});
