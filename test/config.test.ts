import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config';
import { PROJECT_ROOT } from '../src/paths';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const SECRET = 'a-direct-line-secret-of-32-characters-or-more';

describe('config', function () {
  it('runs on the embedded defaults with no variables set', function () {
    const config = loadConfig({});
    expect(config).to.deep.include({
      port: 3978,
      storageUrl: 'memory://',
      storageNamespace: 'kausa',
      stateTtlDays: 30,
      logLevel: 'info',
    });
    expect(config.botAuth.MicrosoftAppId).to.equal('');
  });

  it('accepts a Redis URL with a database number', function () {
    const env = { STORAGE_URL: 'redis://127.0.0.1:6379/2', DIRECT_LINE_SECRET: SECRET };
    expect(loadConfig(env).storageUrl).to.equal('redis://127.0.0.1:6379/2');
  });

  it('signs widget tokens with a key of its own when alone in memory, with the shared secret otherwise', function () {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.directLine.secretGenerated).to.equal(true);
    expect(first.directLine.secret).to.not.equal(second.directLine.secret);
    expect(loadConfig({ DIRECT_LINE_SECRET: SECRET }).directLine).to.deep.equal({
      secret: SECRET,
      secretGenerated: false,
      tokenLifetimeSeconds: 3600,
    });
  });

  it('reads the public address, proxy trust and framing rules of the widget', function () {
    const config = loadConfig({
      PUBLIC_URL: 'https://chat.example.org/',
      TRUST_PROXY: 'true',
      FRAME_ANCESTORS: "'self' https://www.leipzig.de",
    });
    expect(config.publicUrl).to.equal('https://chat.example.org');
    expect(config.trustProxy, 'true is one trusted hop').to.equal(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).to.equal(0);
    expect(loadConfig({}).trustProxy).to.equal(0);
    expect(config.frameAncestors).to.deep.equal(["'self'", 'https://www.leipzig.de']);
    expect(loadConfig({ FRAME_ANCESTORS: 'self https://a.example' }).frameAncestors).to.deep.equal([
      "'self'",
      'https://a.example',
    ]);
  });

  it('reads names in any case, blank variables as unset, and flags as true/false, 1/0 or yes/no', function () {
    const config = loadConfig({
      LOG_LEVEL: 'DEBUG',
      PORT: '  ',
      DEV_MODE: 'Yes',
      DATA_DIR: 'test/fixtures/offers-data',
      MicrosoftAppId: 'app',
      MicrosoftAppType: 'singletenant',
      MicrosoftAppTenantId: 'tenant',
    });
    expect(config.logLevel).to.equal('debug');
    expect(config.port).to.equal(3978);
    expect(config.devMode).to.equal(true);
    expect(config.dataDir).to.equal(path.join(PROJECT_ROOT, 'test/fixtures/offers-data'));
    expect(config.botAuth.MicrosoftAppType).to.equal('SingleTenant');
    expect(loadConfig({ DEV_MODE: '0' }).devMode).to.equal(false);
  });

  it('ignores the app type when there is no app id', function () {
    expect(loadConfig({ MicrosoftAppType: 'Other' }).botAuth.MicrosoftAppType).to.equal('');
  });

  const explained: Array<[Record<string, string>, string]> = [
    [{ PORT: 'eighty' }, 'Configuration: PORT must be a whole number, got "eighty"'],
    [{ STATE_TTL_DAYS: '0' }, 'Configuration: STATE_TTL_DAYS must be between 1 and 3650, got 0'],
    [
      { LOG_LEVEL: 'loud' },
      'Configuration: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "loud"',
    ],
    [
      { STORAGE_URL: 'postgres://db' },
      'Configuration: STORAGE_URL has unsupported scheme "postgres:" (use memory:// or redis://)',
    ],
    [
      { STORAGE_URL: 'redis://127.0.0.1:6379/0' },
      'Configuration: DIRECT_LINE_SECRET is required with Redis storage: every instance must sign tokens with the same secret',
    ],
    [
      { MicrosoftAppId: 'app' },
      'Configuration: MicrosoftAppPassword is required when MicrosoftAppId is set',
    ],
    [
      { FRAME_ANCESTORS: "'self' *" },
      `Configuration: FRAME_ANCESTORS holds "*"; use 'self', 'none' or origins such as https://www.example.org`,
    ],
    [
      { PUBLIC_URL: 'chat.example.org' },
      'Configuration: PUBLIC_URL is not a URL (e.g. https://chat.example.org)',
    ],
  ];
  for (const [env, message] of explained) {
    it(`says what is wrong with ${JSON.stringify(env)}`, function () {
      expect(configError(env).message).to.equal(message);
    });
  }

  const invalid: Array<[Record<string, string>, string]> = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORAGE_URL: 'postgres://db' }, 'STORAGE_URL'],
    [{ STORAGE_URL: 'not a url' }, 'STORAGE_URL'],
    [{ STORAGE_URL: 'redis://host:6379/abc' }, 'STORAGE_URL'],
    [{ STATE_TTL_DAYS: '0' }, 'STATE_TTL_DAYS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ STORAGE_NAMESPACE: 'a b' }, 'STORAGE_NAMESPACE'],
    [{ MicrosoftAppId: 'app' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'app', MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ STORAGE_URL: 'redis://127.0.0.1:6379/0' }, 'DIRECT_LINE_SECRET'],
    [{ DIRECT_LINE_SECRET: 'short' }, 'DIRECT_LINE_SECRET'],
    [{ DIRECT_LINE_TOKEN_SECONDS: '0' }, 'DIRECT_LINE_TOKEN_SECONDS'],
    [{ PUBLIC_URL: 'ftp://example.org' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ FRAME_ANCESTORS: '*' }, 'FRAME_ANCESTORS'],
    [
      { CONTENT_SECURITY_POLICY: "default-src 'self'; frame-ancestors *" },
      'CONTENT_SECURITY_POLICY',
    ],
  ];
  for (const [env, variable] of invalid) {
    it(`refuses ${JSON.stringify(env)} with an error naming ${variable}`, function () {
      const error = configError(env);
      expect(error.variable).to.equal(variable);
      expect(error.message).to.include(variable);
    });
  }
});
