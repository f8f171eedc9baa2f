import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import type { RunningApp } from '../../src/index';
import { PROJECT_ROOT } from '../../src/paths';
import { startTestApp, TEST_DIRECT_LINE_SECRET } from '../support/app';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

/** Runs `npm run counsellor -- …` as its own process with `input` on standard input. */
function counsellor(
  namespace: string,
  args: string[],
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'dist/src/handover/counsellorCommand.js'), ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          STORAGE_URL: TEST_REDIS_URL,
          STORAGE_NAMESPACE: namespace,
          DIRECT_LINE_SECRET: TEST_DIRECT_LINE_SECRET,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm run counsellor: accounts in Redis', function () {
  const namespace = uniqueNamespace('counsellors');
  let app: RunningApp;

  before(async function () {
    app = await startTestApp({ STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace });
  });

  after(async function () {
    await app.close();
    await dropNamespace(namespace);
  });

  const login = (password: string) =>
    fetch(`${app.url}/api/counsellor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mariam', password }),
    });

  it('adds a counsellor who can then log in; stores only an argon2id hash; disable ends access', async function () {
    const added = await counsellor(
      namespace,
      ['add', 'mariam', '--languages', 'fa,de', '--audiences', 'youth,parent', '--name', 'Mariam'],
      'Dari-und-Deutsch-2026\n',
    );
    expect(added.code, added.stderr).to.equal(0);
    expect(added.stdout).to.contain('added mariam');

    const listed = await counsellor(namespace, ['list']);
    expect(listed.stdout.trim()).to.equal(
      'mariam\tMariam\tcounsellor\tfa,de\tyouth,parent\tactive',
    );

    const client = await rawRedis();
    try {
      const stored = (await client.hGet(`${namespace}::counsellors`, 'mariam')) ?? '';
      expect(stored).to.contain('$argon2id$');
      expect(stored).to.not.contain('Dari-und-Deutsch-2026');
    } finally {
      await client.close();
    }

    const session = await login('Dari-und-Deutsch-2026');
    expect(session.status).to.equal(200);
    const { token, expiresAt } = (await session.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).to.be.above(Date.now());
    expect((await login('wrong-password-x')).status).to.equal(401);

    expect((await counsellor(namespace, ['disable', 'mariam'])).code).to.equal(0);
    const after = await fetch(`${app.url}/api/counsellor/tickets`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status, 'a disabled account loses access at once').to.equal(401);
  });

  it('refuses short passwords, unknown languages and bad names with exit code 2', async function () {
    const short = await counsellor(namespace, ['add', 'jana', '--languages', 'de'], 'kurz\n');
    expect(short.code).to.equal(2);
    expect(short.stderr).to.contain('at least 10 characters');
    const language = await counsellor(
      namespace,
      ['add', 'jana', '--languages', 'de,xx'],
      'lang-genug-123\n',
    );
    expect(language.code).to.equal(2);
    expect(language.stderr).to.contain('unknown language "xx"');
    const name = await counsellor(
      namespace,
      ['add', 'Jana Doe', '--languages', 'de'],
      'lang-genug-123\n',
    );
    expect(name.code).to.equal(2);
    expect((await counsellor(namespace, ['list'])).stdout).to.not.contain('jana');
  });
});
