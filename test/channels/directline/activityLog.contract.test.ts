import { expect } from 'chai';
import {
  ConversationFullError,
  ConversationNotFoundError,
  MAX_LOG_ACTIVITIES,
  type ActivityLog,
} from '../../../src/channels/directline/activityLog';
import { MemoryActivityLog, RedisActivityLog } from '../../../src/channels/directline';
import { createStorage, type KeyvStorage } from '../../../src/storage';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../../support/redis';

/** A backend under contract: makes logs (two of them are two instances sharing the backend). */
interface Backend {
  name: string;
  setUp(): Promise<void>;
  makeLog(ttlMs: number): ActivityLog;
  /** Storage keys holding the conversation, or undefined when the backend has no keys to show. */
  keysOf(conversationId: string): Promise<Array<{ key: string; ttlMs: number }> | undefined>;
  tearDown(): Promise<void>;
}

function memoryBackend(): Backend {
  // Two memory logs are two processes: they share nothing, so "two instances" is one log twice.
  let shared: MemoryActivityLog | undefined;
  return {
    name: 'memory',
    setUp: async () => undefined,
    makeLog: (ttlMs) =>
      ttlMs === 60_000 ? (shared ??= new MemoryActivityLog(ttlMs)) : new MemoryActivityLog(ttlMs),
    keysOf: async () => undefined,
    tearDown: async () => {
      await shared?.close();
    },
  };
}

function redisBackend(): Backend {
  const namespace = uniqueNamespace('dl');
  const storages: KeyvStorage[] = [];
  const logs: ActivityLog[] = [];
  return {
    name: 'redis',
    setUp: async () => undefined,
    makeLog: (ttlMs) => {
      const storage = createStorage(TEST_REDIS_URL, { namespace });
      storages.push(storage);
      const log = new RedisActivityLog(storage.redisClient!, namespace, ttlMs);
      logs.push(log);
      return log;
    },
    keysOf: async (conversationId) => {
      const client = await rawRedis();
      try {
        const keys = await client.keys(`${namespace}::dl:${conversationId}*`);
        return Promise.all(keys.map(async (key) => ({ key, ttlMs: await client.pTTL(key) })));
      } finally {
        await client.close();
      }
    },
    tearDown: async () => {
      for (const log of logs) await log.close();
      for (const storage of storages) await storage.close();
      await dropNamespace(namespace);
    },
  };
}

const record = (userId = 'dl_user') => ({ userId, createdAt: Date.now() });
const message = (text: string) => ({ type: 'message', text });
const nextAppend = (log: ActivityLog) =>
  new Promise<string | undefined>((resolve) => {
    const stop = log.onAppend((id) => {
      stop();
      resolve(id);
    });
  });

for (const backend of [memoryBackend(), redisBackend()]) {
  describe(`direct line activity log contract: ${backend.name}`, function () {
    let log: ActivityLog;
    let counter = 0;
    const newId = () => `conv-${backend.name}-${Date.now()}-${(counter += 1)}`;

    before(async function () {
      await backend.setUp();
      log = backend.makeLog(60_000);
      if (log instanceof RedisActivityLog) await log.whenSubscribed();
    });

    after(async function () {
      await backend.tearDown();
    });

    it('creates a conversation once and keeps its user', async function () {
      const id = newId();
      expect(await log.create(id, record('dl_amira'))).to.equal(true);
      expect(await log.create(id, record('dl_other'))).to.equal(false);
      expect((await log.get(id))?.userId).to.equal('dl_amira');
      expect(await log.get(newId())).to.equal(undefined);
    });

    it('starts a conversation exactly once', async function () {
      const id = newId();
      await log.create(id, record());
      const results = await Promise.all([1, 2, 3].map(() => log.markStarted(id)));
      expect(results.filter(Boolean)).to.have.length(1);
      let error: unknown;
      await log.markStarted(newId()).catch((caught) => (error = caught));
      expect(error).to.be.instanceOf(ConversationNotFoundError);
    });

    it('numbers activities 1, 2, 3 … and reads exactly those after a watermark, in order', async function () {
      const id = newId();
      await log.create(id, record());
      expect(await log.append(id, [message('a')])).to.equal(1);
      expect(await log.append(id, [message('b'), message('c')])).to.equal(3);
      const all = await log.read(id, 0);
      expect(all.watermark).to.equal(3);
      expect(all.activities.map((entry) => [entry.watermark, entry.activity.text])).to.deep.equal([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]);
      const rest = await log.read(id, 2);
      expect(rest.activities.map((entry) => entry.activity.text)).to.deep.equal(['c']);
      expect(rest.watermark).to.equal(3);
      const none = await log.read(id, 3);
      expect(none).to.deep.equal({ activities: [], watermark: 3 });
    });

    it('gives concurrent appends distinct, gapless watermarks', async function () {
      const id = newId();
      await log.create(id, record());
      const watermarks = await Promise.all(
        Array.from({ length: 40 }, (_, index) => log.append(id, [message(String(index))])),
      );
      expect([...watermarks].sort((a, b) => a - b)).to.deep.equal(
        Array.from({ length: 40 }, (_, index) => index + 1),
      );
      const read = await log.read(id, 0);
      for (const entry of read.activities) {
        expect(watermarks[Number(entry.activity.text)]).to.equal(entry.watermark);
      }
    });

    it('refuses appends to an unknown conversation and reads it as empty', async function () {
      const id = newId();
      let error: unknown;
      await log.append(id, [message('x')]).catch((caught) => (error = caught));
      expect(error).to.be.instanceOf(ConversationNotFoundError);
      expect(await log.read(id, 0)).to.deep.equal({ activities: [], watermark: 0 });
    });

    it(`takes no more than ${MAX_LOG_ACTIVITIES} activities in one conversation`, async function () {
      const id = newId();
      await log.create(id, record());
      await log.append(
        id,
        Array.from({ length: MAX_LOG_ACTIVITIES - 1 }, () => message('.')),
      );
      let error: unknown;
      await log.append(id, [message('1'), message('2')]).catch((caught) => (error = caught));
      expect(error).to.be.instanceOf(ConversationFullError);
      expect(await log.append(id, [message('last')])).to.equal(MAX_LOG_ACTIVITIES);
    });

    it('tells a second instance sharing the backend about every append', async function () {
      const other = backend.makeLog(60_000);
      if (other instanceof RedisActivityLog) await other.whenSubscribed();
      const id = newId();
      await log.create(id, record());
      const heard = nextAppend(other);
      await log.append(id, [message('hello')]);
      expect(await heard).to.equal(id);
      expect((await other.read(id, 0)).activities[0]?.activity.text).to.equal('hello');
    });

    it('clears the history on request and goes on numbering after it', async function () {
      const id = newId();
      await log.create(id, record());
      await log.append(id, [message('mein Name ist Amira'), message('answer')]);
      await log.clear(id);
      expect(await log.read(id, 0)).to.deep.equal({ activities: [], watermark: 2 });
      expect(await log.append(id, [message('deleted, as you asked')])).to.equal(3);
      const after = await log.read(id, 0);
      expect(after.activities.map((entry) => [entry.watermark, entry.activity.text])).to.deep.equal(
        [[3, 'deleted, as you asked']],
      );
      expect((await log.read(id, 2)).activities).to.have.length(1);
      expect((await log.read(id, 3)).activities).to.have.length(0);
    });

    it('deletes a conversation with its activities', async function () {
      const id = newId();
      await log.create(id, record());
      await log.append(id, [message('secret')]);
      await log.delete(id);
      expect(await log.get(id)).to.equal(undefined);
      expect((await log.read(id, 0)).activities).to.deep.equal([]);
      expect(await backend.keysOf(id)).to.satisfy(
        (keys: unknown[] | undefined) => !keys || keys.length === 0,
      );
    });

    it('forgets a conversation once its retention has passed since the last append', async function () {
      const short = backend.makeLog(300);
      if (short instanceof RedisActivityLog) await short.whenSubscribed();
      const id = newId();
      await short.create(id, record());
      await short.append(id, [message('soon gone')]);
      const keys = await backend.keysOf(id);
      if (keys) {
        expect(keys.map((key) => key.key).sort()).to.have.length(2);
        for (const key of keys) expect(key.ttlMs).to.be.within(1, 300);
      }
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await short.get(id)).to.equal(undefined);
      expect((await short.read(id, 0)).activities).to.deep.equal([]);
      if (!(short instanceof RedisActivityLog)) await short.close();
    });
  });
}
