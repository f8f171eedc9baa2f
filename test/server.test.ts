import { expect } from 'chai';
import type { RunningApp } from '../src/index';
import { MAX_BODY_BYTES } from '../src/server';
import { startTestApp } from './support/app';
import { tr } from './support/bot';
import { message, post } from './support/http';

describe('server: open for local use (no app id)', function () {
  let app: RunningApp;
  before(async function () {
    app = await startTestApp();
  });
  after(async function () {
    await app.close();
  });

  it('says the process is up on /healthz', async function () {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ status: 'ok' });
  });

  it('says it is ready on /readyz with in-memory state', async function () {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).to.equal(200);
  });

  it("answers a message with expectReplies in the HTTP response, in the user's language", async function () {
    const { status, replies } = await post(
      app.url,
      message('Привіт', 'server-uk', { locale: 'uk-UA' }),
    );
    expect(status).to.equal(200);
    // A first message: nobody has said who they are yet.
    const anyone = tr('uk', 'unknown');
    expect(replies.map((reply) => reply.text)).to.deep.equal([
      anyone('welcome.hello'),
      anyone('welcome.privacy', { days: 30 }),
      anyone('audience.ask'),
    ]);
    expect(replies.every((reply) => reply.locale === 'uk')).to.equal(true);
  });

  it('remembers the conversation between HTTP requests', async function () {
    await post(app.url, message('hallo', 'server-de', { locale: 'de' }));
    const { replies } = await post(app.url, message('noch da?', 'server-de', { locale: 'de' }));
    expect(replies.length).to.be.greaterThan(0);
    // The welcome the first request got (to someone not known yet) is not repeated.
    expect(replies.map((reply) => reply.text)).not.to.include(tr('de', 'unknown')('welcome.hello'));
  });

  it('refuses malformed JSON with a JSON error and no stack trace', async function () {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.include('application/json');
    const body = await response.text();
    expect(JSON.parse(body)).to.have.keys('code', 'message');
    expect(body).not.to.match(/\bat .+\.js:\d+/);
  });

  it(`refuses bodies over ${MAX_BODY_BYTES} bytes with 413`, async function () {
    const big = message('x'.repeat(MAX_BODY_BYTES + 10), 'server-big');
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(big),
    });
    expect(response.status).to.equal(413);
    expect(await response.json()).to.have.keys('code', 'message');
  });

  it('answers unknown paths with a JSON 404', async function () {
    const response = await fetch(`${app.url}/nothing-here`);
    expect(response.status).to.equal(404);
    expect(await response.json()).to.have.keys('code', 'message');
  });
});

describe('server: Bot Framework authentication (app id set)', function () {
  let app: RunningApp;
  before(async function () {
    app = await startTestApp({ MicrosoftAppId: 'test-app-id', MicrosoftAppPassword: 'secret' });
  });
  after(async function () {
    await app.close();
  });

  it('refuses an unsigned activity with 401 and does not answer it', async function () {
    const { status, replies } = await post(app.url, message('hallo', 'auth-1'));
    expect(status).to.equal(401);
    expect(replies).to.deep.equal([]);
  });

  it('refuses a forged bearer token with 401', async function () {
    const { status } = await post(app.url, message('hallo', 'auth-2'), {
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0LWFwcC1pZCJ9.c2lnbmF0dXJl',
    });
    expect(status).to.equal(401);
  });
});

describe('server: storage that does not answer', function () {
  let app: RunningApp;
  before(async function () {
    // Nothing listens on port 1: the bot must still start and say it is not ready.
    app = await startTestApp({ STORAGE_URL: 'redis://127.0.0.1:1/0' });
  });
  after(async function () {
    await app.close();
  });

  it('reports 503 on /readyz while /healthz stays 200', async function () {
    expect((await fetch(`${app.url}/readyz`)).status).to.equal(503);
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
  });

  it("apologises in the user's language instead of failing the request", async function () {
    const { status, replies } = await post(app.url, message('مرحبا', 'down-1', { locale: 'ar' }));
    expect(status).to.equal(200);
    expect(replies.map((reply) => reply.text)).to.deep.equal([tr('ar')('error.unavailable')]);
  });
});
