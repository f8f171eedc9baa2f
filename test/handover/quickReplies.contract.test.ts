import { expect } from 'chai';
import {
  MemoryQuickReplyStore,
  RedisQuickReplyStore,
  type QuickReplyStore,
} from '../../src/handover/quickReplies';
import { createStorage, type KeyvStorage } from '../../src/storage';
import { CALL_BACK_TOMORROW } from '../support/quickReplies';
import { dropNamespace, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

const backends: Array<{
  name: string;
  make(): Promise<QuickReplyStore>;
  tearDown(): Promise<void>;
}> = [];
backends.push({
  name: 'memory',
  make: async () => new MemoryQuickReplyStore(),
  tearDown: async () => undefined,
});
{
  const namespace = uniqueNamespace('qr');
  let storage: KeyvStorage | undefined;
  backends.push({
    name: 'redis',
    async make() {
      storage = createStorage(TEST_REDIS_URL, { namespace });
      expect(await storage.whenReady(2000), 'Redis must answer').to.equal(true);
      return new RedisQuickReplyStore(storage.redisClient!, namespace);
    },
    async tearDown() {
      await storage?.close();
      await dropNamespace(namespace);
    },
  });
}

for (const backend of backends) {
  describe(`counsellors' own quick replies contract: ${backend.name}`, function () {
    let store: QuickReplyStore;
    before(async function () {
      store = await backend.make();
    });
    after(async function () {
      await store.close();
      await backend.tearDown();
    });

    it('keeps each counsellor’s own, oldest first, in every language, until deleted', async function () {
      const first = await store.add('jana', CALL_BACK_TOMORROW, 1);
      const second = await store.add(
        'jana',
        { ...CALL_BACK_TOMORROW, de: 'Bis morgen, {{name}}' },
        2,
      );
      await store.add('samir', CALL_BACK_TOMORROW, 3);
      expect((await store.list('jana')).map((reply) => reply.id)).to.deep.equal([
        first.id,
        second.id,
      ]);
      expect((await store.list('jana'))[0]?.texts.fa).to.equal(CALL_BACK_TOMORROW.fa);
      expect(await store.remove('jana', first.id)).to.equal(true);
      expect(await store.remove('jana', first.id), 'already gone').to.equal(false);
      expect(await store.remove('samir', second.id), 'not hers to delete').to.equal(false);
      expect((await store.list('jana')).map((reply) => reply.id)).to.deep.equal([second.id]);
      expect(await store.list('nobody')).to.deep.equal([]);
    });
  });
}
