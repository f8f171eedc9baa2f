import { readdirSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { RunningApp } from '../../src/index';
import { MAX_CONVERSATIONS_PER_IP_PER_HOUR } from '../../src/channels/directline/limits';
import { PUBLIC_DIR } from '../../src/paths';
import { SUPPORTED_LANGUAGES } from '../../src/language/languages';
import type { WidgetConfig } from '../../src/widget/widgetConfig';
import { startTestApp } from '../support/app';
import { content } from '../support/bot';

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
    expect(html).to.contain('<script src="/webchat/webchat.js"></script>');
    expect(html).to.not.match(/<script>(?!<\/script>)/); // no inline script: the policy forbids it
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

  it('serves Web Chat from node_modules, compressed, and answers a returning browser with 304', async function () {
    // node:http, because fetch would decompress what it receives.
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`${app.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } }, resolve).on(
        'error',
        reject,
      ),
    );
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-encoding']).to.equal('gzip');
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const compressed = Buffer.concat(chunks);
    const script = gunzipSync(compressed).toString('utf8');
    expect(compressed.length).to.be.below(script.length / 2);
    expect(script).to.contain('WebChat');
    const etag = String(response.headers.etag);
    const again = await fetch(`${app.url}/webchat/webchat.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).to.equal(304);
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

  it('describes every language in its own name and direction, with Persian strings for Web Chat', async function () {
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
    expect(byCode.fa?.webchatStrings?.TEXT_INPUT_PLACEHOLDER).to.match(/[\u0600-\u06FF]/);
    expect(byCode.de?.webchatStrings).to.equal(undefined);
    for (const language of config.languages) {
      expect(language.strings.pageTitle).to.contain(content.organisation.name);
      expect(language.strings.privacy).to.contain('30');
      expect(language.strings.privacy).to.not.match(/{{|}}/);
    }
    expect(byCode.de?.strings.privacy).to.contain('„Daten löschen“');
  });

  it(`opens at most ${MAX_CONVERSATIONS_PER_IP_PER_HOUR} widget conversations an hour for one address`, async function () {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 0; index <= MAX_CONVERSATIONS_PER_IP_PER_HOUR; index += 1) {
      last = await fetch(`${app.url}/widget/token`, { method: 'POST' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, -1).every((status) => status === 200)).to.equal(true);
    expect(last?.status).to.equal(429);
    expect(Number(last?.headers.get('retry-after'))).to.be.above(0);
    expect(await last?.json()).to.deep.equal({
      error: { code: 'TooManyRequests', message: 'Too many requests; try again later.' },
    });
  });
});
