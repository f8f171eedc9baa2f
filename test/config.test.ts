import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

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
    expect(loadConfig({ STORAGE_URL: 'redis://127.0.0.1:6379/2' }).storageUrl).to.equal(
      'redis://127.0.0.1:6379/2',
    );
  });

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
  ];
  for (const [env, variable] of invalid) {
    it(`refuses ${JSON.stringify(env)} with an error naming ${variable}`, function () {
      const error = configError(env);
      expect(error.variable).to.equal(variable);
      expect(error.message).to.include(variable);
    });
  }
});
