import { expect } from 'chai';
import {
  anonymise,
  MemoryUnansweredLog,
  RedisUnansweredLog,
  type UnansweredLog,
} from '../../src/nlu/unanswered';
import { createStorage, type KeyvStorage } from '../../src/storage';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

const backends: Array<{
  name: string;
  create(namespace: string): Promise<{ log: UnansweredLog; close(): Promise<void> }>;
}> = [
  {
    name: 'memory',
    create: async () => ({ log: new MemoryUnansweredLog(), close: async () => undefined }),
  },
  {
    name: 'redis',
    create: async (namespace) => {
      const storage: KeyvStorage = createStorage(TEST_REDIS_URL, { namespace });
      await storage.whenReady(2000);
      return {
        log: new RedisUnansweredLog(storage.redisClient!, namespace),
        close: async () => {
          await storage.close();
          await dropNamespace(namespace);
        },
      };
    },
  },
];

describe('nlu: anonymising unanswered questions', function () {
  it('drops digits, e-mail addresses and phone numbers', function () {
    expect(anonymise('Ruf mich an: +49 (341) 123-456 oder max@example.org, ich bin 19')).to.equal(
      'ruf mich an: oder ich bin',
    );
    expect(anonymise('رقمي ٠١٥٧٦١٢٣٤٥٦ شو بعمل')).to.equal('رقمي شو بعمل');
  });
});

for (const backend of backends) {
  describe(`nlu: unanswered log contract: ${backend.name}`, function () {
    const namespace = uniqueNamespace(`unanswered-${backend.name}`);
    let log: UnansweredLog;
    let close: () => Promise<void>;
    before(async function () {
      ({ log, close } = await backend.create(namespace));
    });
    after(async function () {
      await close();
    });

    it('counts the same question across users and lists the most asked first', async function () {
      await log.record('Wie ist das Wetter morgen?', 'de', new Date('2026-11-01T10:00:00Z'));
      await log.record('wie ist das wetter morgen?', 'de', new Date('2026-11-02T10:00:00Z'));
      await log.record('wie ist das wetter morgen?', 'de', new Date('2026-11-03T10:00:00Z'));
      await log.record('هل يوجد تدريب في الطيران', 'ar', new Date('2026-11-02T10:00:00Z'));
      const top = await log.top(10);
      expect(top[0]).to.deep.equal({
        text: 'wie ist das wetter morgen?',
        language: 'de',
        count: 3,
        lastAsked: '2026-11-03T10:00:00.000Z',
      });
      expect(top[1]).to.include({ text: 'هل يوجد تدريب في الطيران', language: 'ar', count: 1 });
    });

    it('keeps nothing a user could be found by', async function () {
      await log.record('meine nummer ist 0176 1234567, mail: a.b@c.de', 'de');
      const texts = (await log.top(10)).map((entry) => entry.text);
      expect(texts.join(' ')).not.to.match(/\d|@/);
    });

    it('ignores questions that are empty once anonymised', async function () {
      const before = (await log.top(100)).length;
      await log.record('0176 1234567', 'de');
      expect((await log.top(100)).length).to.equal(before);
    });

    if (backend.name === 'redis') {
      it('expires in Redis', async function () {
        const client = await rawRedis();
        try {
          expect(await client.pTTL(`${namespace}::unanswered:counts`)).to.be.greaterThan(0);
          expect(await client.pTTL(`${namespace}::unanswered:last`)).to.be.greaterThan(0);
        } finally {
          await client.close();
        }
      });
    }
  });
}
