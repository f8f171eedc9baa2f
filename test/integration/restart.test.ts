import { expect } from 'chai';
import { tr } from '../support/bot';
import { message, post, spawnBot, waitFor } from '../support/http';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

describe('integration: the bot process restarts against the same Redis', function () {
  this.timeout(60_000);
  const namespace = uniqueNamespace('restart');
  const env = { STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace, STATE_TTL_DAYS: '7' };

  after(async function () {
    await dropNamespace(namespace);
  });

  it('continues the conversation and its turn count after a restart', async function () {
    const conversation = 'restart-1';
    // Nobody in this conversation says who they are.
    const anyone = tr('uk', 'unknown');
    const first = await spawnBot(env);
    try {
      await waitFor(async () => (await fetch(`${first.url}/readyz`)).ok, 10_000, 'readyz');
      const hello = await post(first.url, message('Привіт', conversation, { locale: 'uk' }));
      expect(hello.replies[0]?.text).to.equal(anyone('welcome.hello'));
      expect(hello.replies[1]?.text).to.include('7');
      await post(first.url, message('Що далі?', conversation, { locale: 'uk' }));
    } finally {
      await first.stop();
    }

    const second = await spawnBot(env);
    try {
      const again = await post(
        second.url,
        message('Я повернулася', conversation, { locale: 'uk' }),
      );
      // Not welcomed again: the new process found the conversation in Redis.
      expect(again.replies.map((reply) => reply.text)).not.to.include(anyone('welcome.hello'));
      expect(again.replies[0]?.locale).to.equal('uk');
    } finally {
      await second.stop();
    }

    const client = await rawRedis();
    try {
      const key = `${namespace}::test/conversations/${conversation}/`;
      const stored = JSON.parse((await client.get(key)) ?? 'null');
      expect(stored?.value?.conversation).to.include({ turnCount: 3, welcomed: true });
      const pttl = await client.pTTL(key);
      expect(pttl)
        .to.be.greaterThan(6 * 24 * 3600 * 1000)
        .and.at.most(7 * 24 * 3600 * 1000);
    } finally {
      await client.close();
    }
  });
});
