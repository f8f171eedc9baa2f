import { expect } from 'chai';
import { tr } from '../support/bot';
import { message, post, spawnBot, type BotProcess } from '../support/http';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

/** Messages of one conversation sent at the same moment, alternately to two instances. */
const AT_ONCE = 16;

describe('two instances take turns of the same conversation at the same time', function () {
  this.timeout(60_000);
  const namespace = uniqueNamespace('concurrent');
  const env = { STORAGE_URL: TEST_REDIS_URL, STORAGE_NAMESPACE: namespace };
  let a: BotProcess;
  let b: BotProcess;

  before(async function () {
    [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
  });

  after(async function () {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropNamespace(namespace);
  });

  it(`counts all ${AT_ONCE} messages: no update is lost, every message is answered`, async function () {
    const conversation = 'same-moment';
    // The apology is written before anything of the conversation is read (src/adapter.ts): it
    // must not come in either form of address.
    const apologies = [tr('de')('error.unavailable'), tr('de', 'unknown')('error.unavailable')];
    await post(a.url, message('Hallo', conversation, { locale: 'de' }));
    const results = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, index) =>
        post(index % 2 === 0 ? a.url : b.url, message('Menü', conversation, { locale: 'de' })),
      ),
    );
    for (const { status, replies } of results) {
      expect(status).to.equal(200);
      for (const apology of apologies) {
        expect(
          replies.map((reply) => reply.text),
          'no apology',
        ).to.not.include(apology);
      }
      expect(replies.length).to.be.above(0);
    }
    const redis = await rawRedis();
    try {
      const stored = JSON.parse(
        (await redis.get(`${namespace}::test/conversations/${conversation}/`)) ?? '{}',
      ) as { value?: { conversation?: { turnCount?: number } } };
      // The counter: the first message plus every one of the simultaneous ones.
      expect(stored.value?.conversation?.turnCount).to.equal(1 + AT_ONCE);
    } finally {
      await redis.close();
    }
  });
});
