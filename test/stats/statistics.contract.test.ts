import { expect } from 'chai';
import { createStorage, type KeyvStorage } from '../../src/storage';
import {
  MemoryStatsStore,
  RedisStatsStore,
  Statistics,
  STATS_TTL_DAYS,
  type StatsStore,
} from '../../src/stats/statistics';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

const namespace = uniqueNamespace('stats');
const storages: KeyvStorage[] = [];

const backends: Array<{ name: string; store(): Promise<StatsStore> }> = [
  { name: 'memory', store: async () => new MemoryStatsStore() },
  {
    name: 'redis',
    store: async () => {
      const storage = createStorage(TEST_REDIS_URL, { namespace });
      storages.push(storage);
      expect(await storage.whenReady(2000)).to.equal(true);
      return new RedisStatsStore(storage.redisClient!, namespace);
    },
  },
];

after(async function () {
  for (const storage of storages) await storage.close();
  await dropNamespace(namespace);
});

for (const backend of backends) {
  describe(`anonymous statistics contract: ${backend.name}`, function () {
    it("adds counts per day, language, audience and topic, in the service point's days, and exports them as CSV", async function () {
      // 23:30 UTC on 30 November is already 00:30 on 1 December in Leipzig.
      let now = Date.parse('2026-11-30T23:30:00Z');
      const stats = new Statistics(await backend.store(), 'Europe/Berlin', () => now);
      stats.count('conversations', { language: 'ar' });
      stats.count('answers', { language: 'ar', audience: 'youth', topic: 'training-pay' });
      stats.count('answers', { language: 'ar', audience: 'youth', topic: 'training-pay' });
      stats.count('handoverAcceptSeconds', { language: 'fa' }, 240);
      await stats.flush();
      now = Date.parse('2026-12-02T09:00:00Z');
      stats.count('answers', { language: 'uk', audience: 'parent', topic: 'entry-requirements' });
      stats.count('callbacks', { language: 'tr' });

      const rows = await stats.report('2026-11-30', '2026-12-02');
      expect(rows).to.deep.equal([
        {
          day: '2026-12-01',
          metric: 'answers',
          language: 'ar',
          audience: 'youth',
          topic: 'training-pay',
          count: 2,
        },
        {
          day: '2026-12-01',
          metric: 'conversations',
          language: 'ar',
          audience: '',
          topic: '',
          count: 1,
        },
        {
          day: '2026-12-01',
          metric: 'handoverAcceptSeconds',
          language: 'fa',
          audience: '',
          topic: '',
          count: 240,
        },
        {
          day: '2026-12-02',
          metric: 'answers',
          language: 'uk',
          audience: 'parent',
          topic: 'entry-requirements',
          count: 1,
        },
        {
          day: '2026-12-02',
          metric: 'callbacks',
          language: 'tr',
          audience: '',
          topic: '',
          count: 1,
        },
      ]);
      expect(await stats.report('2026-12-02', '2026-12-02')).to.have.length(2);
      const csv = await stats.csv('2026-12-01', '2026-12-01');
      expect(csv.split('\r\n')).to.deep.equal([
        'day,metric,language,audience,topic,count',
        '2026-12-01,answers,ar,youth,training-pay,2',
        '2026-12-01,conversations,ar,,,1',
        '2026-12-01,handoverAcceptSeconds,fa,,,240',
        '',
      ]);
      const backwards = await stats.report('2026-12-02', '2026-12-01').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(backwards).to.be.instanceOf(RangeError);
      if (backend.name === 'redis') {
        const client = await rawRedis();
        try {
          const ttl = await client.ttl(`${namespace}::stats:2026-12-01`);
          expect(ttl)
            .to.be.above(STATS_TTL_DAYS * 86_400 - 60)
            .and.at.most(STATS_TTL_DAYS * 86_400);
          expect(
            await client.hGetAll(`${namespace}::stats:2026-12-01`),
            'nothing but counts',
          ).to.deep.equal({
            'answers|ar|youth|training-pay': '2',
            'conversations|ar||': '1',
            'handoverAcceptSeconds|fa||': '240',
          });
        } finally {
          await client.close();
        }
      }
    });
  });
}
