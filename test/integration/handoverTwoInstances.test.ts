import { expect } from 'chai';
import {
  addCounsellorToRedis,
  counsellorApi,
  login,
  runHandoverScenario,
} from '../support/handover';
import { spawnBot, type BotProcess } from '../support/http';
import { dropNamespace, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

const PASSWORD = 'zwei-instanzen-2026';

describe('handover across two bot processes sharing Redis', function () {
  this.timeout(60_000);
  const namespace = uniqueNamespace('ho-two');
  const env = { STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace };
  let a: BotProcess;
  let b: BotProcess;

  before(async function () {
    // The account as `npm run counsellor -- add` stores it: in the shared Redis.
    await addCounsellorToRedis(namespace, {
      username: 'samir',
      name: 'Samir',
      languages: ['ar', 'de'],
      password: PASSWORD,
    });
    [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
  });

  after(async function () {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropNamespace(namespace);
  });

  it('serves the user on instance A and the counsellor on instance B through the whole handover', async function () {
    const token = await login(b.url, 'samir', PASSWORD);
    await runHandoverScenario({
      userUrl: a.url,
      counsellorUrl: b.url,
      counsellorToken: token,
      counsellorName: 'Samir',
    });
    // The session works on either instance: both sign with the same secret.
    expect((await counsellorApi(a.url, 'GET', '/me', token)).body).to.deep.include({
      username: 'samir',
      name: 'Samir',
    });
  });
});
