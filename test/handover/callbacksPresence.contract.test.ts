import { expect } from 'chai';
import {
  CALLBACK_TTL_MS,
  MemoryCallbackStore,
  RedisCallbackStore,
  type CallbackStore,
  type NewCallbackRequest,
} from '../../src/handover/callbacks';
import { MemoryPresence, RedisPresence, type Presence } from '../../src/handover/presence';
import { createStorage, type KeyvStorage } from '../../src/storage';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

/** A clock the test moves. */
function clock(start = Date.parse('2026-11-25T10:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

interface Backend {
  name: string;
  callbacks(now: () => number): Promise<CallbackStore>;
  presence(now: () => number): Promise<Presence>;
  /** Keys of this backend in Redis with their TTL in ms (empty for memory). */
  keys(): Promise<Array<{ key: string; ttl: number }>>;
}

const namespace = uniqueNamespace('cb');
const storages: KeyvStorage[] = [];
async function redisClient() {
  const storage = createStorage(TEST_REDIS_URL, { namespace });
  storages.push(storage);
  expect(await storage.whenReady(2000)).to.equal(true);
  return storage.redisClient!;
}

const backends: Backend[] = [
  {
    name: 'memory',
    callbacks: async (now) => new MemoryCallbackStore(now),
    presence: async (now) => new MemoryPresence(now),
    keys: async () => [],
  },
  {
    name: 'redis',
    callbacks: async (now) => new RedisCallbackStore(await redisClient(), namespace, now),
    presence: async (now) => new RedisPresence(await redisClient(), namespace, now),
    keys: async () => {
      const client = await rawRedis();
      try {
        const found: Array<{ key: string; ttl: number }> = [];
        for await (const keys of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 100 })) {
          for (const key of keys) found.push({ key, ttl: await client.pTTL(key) });
        }
        return found;
      } finally {
        await client.close();
      }
    },
  },
];

const request = (conversationId: string, contact: string): NewCallbackRequest => ({
  conversationId,
  language: 'tr',
  audience: 'company',
  topics: ['company-eligibility'],
  description: 'Restoranım çırak yetiştirebilir mi?',
  contact,
  contactType: 'phone',
});

after(async function () {
  for (const storage of storages) await storage.close();
  await dropNamespace(namespace);
});

for (const backend of backends) {
  describe(`callback requests and presence contract: ${backend.name}`, function () {
    it('keeps a request until it is done, then deletes it with its contact', async function () {
      const time = clock();
      const store = await backend.callbacks(time.now);
      const first = await store.add(request('conv-a', '0176 1234567'));
      time.advance(1000);
      const second = await store.add(request('conv-b', '+49 341 555555'));
      expect((await store.list()).map((entry) => entry.id)).to.deep.equal([first.id, second.id]);
      expect(first).to.include({ contact: '0176 1234567', language: 'tr' });
      expect(await store.remove(first.id)).to.equal(true);
      expect(await store.remove(first.id), 'already gone').to.equal(false);
      expect((await store.list()).map((entry) => entry.contact)).to.deep.equal(['+49 341 555555']);
      await store.removeConversation('conv-b');
      expect(await store.list()).to.deep.equal([]);
      const left = await backend.keys();
      expect(
        left.filter(({ key }) => key.includes('::cb:') && !key.endsWith('::cb:all')),
      ).to.deep.equal([]);
    });

    it(`stores every key with the ${CALLBACK_TTL_MS / 86_400_000}-day limit, and a request older than that is gone`, async function () {
      const time = clock();
      const store = await backend.callbacks(time.now);
      await store.add(request('conv-c', 'name@example.de'));
      for (const { key, ttl } of await backend.keys()) {
        if (!key.includes('::cb:')) continue;
        expect(ttl, key)
          .to.be.above(CALLBACK_TTL_MS - 60_000)
          .and.at.most(CALLBACK_TTL_MS);
      }
      if (backend.name === 'memory') {
        time.advance(CALLBACK_TTL_MS + 1);
        expect(await store.list()).to.deep.equal([]);
      }
      await store.removeConversation('conv-c');
    });

    it('changes a kept request without extending how long it is kept', async function () {
      const time = clock();
      const store = await backend.callbacks(time.now);
      const stored = await store.add(request('conv-d', '0341 1234567'));
      const changed = await store.update(stored.id, { description: 'Rückruf am Vormittag' });
      expect(changed).to.include({ id: stored.id, description: 'Rückruf am Vormittag' });
      expect(await store.get(stored.id)).to.deep.equal(changed);
      for (const { key, ttl } of await backend.keys()) {
        if (key.endsWith(stored.id)) expect(ttl, key).to.be.above(0).and.at.most(CALLBACK_TTL_MS);
      }
      expect(await store.update('gone', { description: 'x' })).to.equal(undefined);
      await store.removeConversation('conv-d');
    });

    it('counts a counsellor online until the entry lapses or they leave', async function () {
      const time = clock();
      const presence = await backend.presence(time.now);
      await presence.touch('mariam', 60_000);
      await presence.touch('samir', 10_000);
      expect(await presence.online()).to.deep.equal(['mariam', 'samir']);
      time.advance(10_001);
      expect(await presence.online(), 'samir lapsed').to.deep.equal(['mariam']);
      await presence.leave('mariam');
      expect(await presence.online()).to.deep.equal([]);
      const keys = await backend.keys();
      for (const { key, ttl } of keys.filter(({ key }) => key.endsWith('::ho:online'))) {
        expect(ttl, key).to.be.above(0);
      }
    });
  });
}
