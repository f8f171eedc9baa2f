import { expect } from 'chai';
import {
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Storage,
  type StoreItem,
} from 'botbuilder';
import { DialogSet, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { createStorage, ETagConflictError, type KeyvStorage } from '../../src/storage';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

interface Backend {
  name: string;
  url: string;
  /** Removes what the suite left behind. */
  cleanup(namespace: string): Promise<void>;
}

const backends: Backend[] = [
  { name: 'memory', url: 'memory://', cleanup: async () => undefined },
  { name: 'redis', url: TEST_REDIS_URL, cleanup: (namespace) => dropNamespace(namespace) },
];

const ODD_KEYS = [
  '!@#$%^&*()~/\\><,.?\';"',
  'emulator/conversations/a|b:c/users/ü ö ä',
  'مرحبا/سلام/привіт',
  `${'k'.repeat(500)}/long`,
  'ns::inner::key',
];

async function settle<T>(
  work: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error };
  }
}

for (const backend of backends) {
  describe(`storage contract: ${backend.name}`, function () {
    const namespace = uniqueNamespace(backend.name);
    let storage: KeyvStorage;

    before(async function () {
      storage = createStorage(backend.url, { namespace, ttlMs: 60_000 });
      expect(await storage.whenReady(2000), `${backend.name} storage must answer`).to.equal(true);
    });

    after(async function () {
      await storage.close();
      await backend.cleanup(namespace);
    });

    it('leaves unknown keys out of the read result', async function () {
      await storage.write({ known: { n: 1 } });
      const items = await storage.read(['known', 'unknown-1', 'unknown-2']);
      expect(Object.keys(items)).to.deep.equal(['known']);
      expect(items.known).to.include({ n: 1 });
    });

    it('treats read([]), write({}) and delete([]) as no-ops', async function () {
      expect(await storage.read([])).to.deep.equal({});
      await storage.write({});
      await storage.delete([]);
    });

    it('round-trips nested values and gives each stored item an eTag', async function () {
      const value = { text: 'مرحبا', list: [1, 'zwei', { drei: true }], nested: { deep: null } };
      await storage.write({ roundtrip: { ...value } });
      const { roundtrip } = await storage.read(['roundtrip']);
      expect(roundtrip).to.deep.include(value);
      expect(roundtrip?.eTag).to.be.a('string').and.not.equal('');
    });

    it('gives every write a fresh eTag', async function () {
      await storage.write({ fresh: { v: 1 } });
      const first = (await storage.read(['fresh'])).fresh?.eTag as string;
      await storage.write({ fresh: { v: 1, eTag: first } });
      const second = (await storage.read(['fresh'])).fresh?.eTag as string;
      await storage.write({ fresh: { v: 1 } });
      const third = (await storage.read(['fresh'])).fresh?.eTag as string;
      expect(new Set([first, second, third]).size).to.equal(3);
    });

    it('rejects a write with a stale eTag, naming the key, and keeps the stored item', async function () {
      await storage.write({ 'conflict/key': { v: 1 } });
      const stale = (await storage.read(['conflict/key']))['conflict/key'] as StoreItem;
      await storage.write({ 'conflict/key': { ...stale, v: 2 } });
      const result = await settle(storage.write({ 'conflict/key': { ...stale, v: 3 } }));
      expect(result.ok).to.equal(false);
      const error = (result as { error: unknown }).error;
      expect(error).to.be.instanceOf(ETagConflictError);
      expect((error as Error).message).to.include('conflict/key');
      expect((await storage.read(['conflict/key']))['conflict/key']).to.include({ v: 2 });
    });

    it('accepts a write whose eTag matches the stored one', async function () {
      await storage.write({ matching: { v: 1 } });
      const current = (await storage.read(['matching'])).matching as StoreItem;
      await storage.write({ matching: { ...current, v: 2 } });
      expect((await storage.read(['matching'])).matching).to.include({ v: 2 });
    });

    it('writes unconditionally with "*" or without an eTag', async function () {
      await storage.write({ unconditional: { v: 1 } });
      await storage.write({ unconditional: { v: 2, eTag: '*' } });
      expect((await storage.read(['unconditional'])).unconditional).to.include({ v: 2 });
      await storage.write({ unconditional: { v: 3 } });
      expect((await storage.read(['unconditional'])).unconditional).to.include({ v: 3 });
    });

    it('creates an item even when the writer brings an eTag for a key not stored yet', async function () {
      await storage.write({ 'new-with-etag': { v: 1, eTag: 'from-elsewhere' } });
      expect((await storage.read(['new-with-etag']))['new-with-etag']).to.include({ v: 1 });
    });

    it('round-trips keys with any characters', async function () {
      const changes: Record<string, StoreItem> = {};
      ODD_KEYS.forEach((key, index) => (changes[key] = { index }));
      await storage.write(changes);
      const items = await storage.read(ODD_KEYS);
      expect(Object.keys(items).sort()).to.deep.equal([...ODD_KEYS].sort());
      ODD_KEYS.forEach((key, index) => expect(items[key]).to.include({ index }));
      await storage.delete(ODD_KEYS);
      expect(await storage.read(ODD_KEYS)).to.deep.equal({});
    });

    it('deletes stored keys and accepts deleting unknown ones', async function () {
      await storage.write({ doomed: { v: 1 } });
      await storage.delete(['doomed', 'never-written']);
      expect(await storage.read(['doomed'])).to.deep.equal({});
    });

    it('hands out copies: changing a read item does not change what is stored', async function () {
      await storage.write({ copy: { list: [1] } });
      const first = (await storage.read(['copy'])).copy as StoreItem;
      (first.list as number[]).push(2);
      expect((await storage.read(['copy'])).copy?.list).to.deep.equal([1]);
    });

    it('lets exactly one of many concurrent writers with the same eTag win', async function () {
      await storage.write({ race: { writer: 'none' } });
      const base = (await storage.read(['race'])).race as StoreItem;
      const writers = Array.from({ length: 25 }, (_, writer) =>
        settle(storage.write({ race: { ...base, writer } })),
      );
      const results = await Promise.all(writers);
      const winners = results.flatMap((result, writer) => (result.ok ? [writer] : []));
      expect(winners).to.have.length(1);
      for (const result of results) {
        if (!result.ok) expect(result.error).to.be.instanceOf(ETagConflictError);
      }
      expect((await storage.read(['race'])).race).to.include({ writer: winners[0] });
    });

    it('forgets items once their retention period has passed', async function () {
      const shortLived = createStorage(backend.url, { namespace, ttlMs: 150 });
      try {
        expect(await shortLived.whenReady(2000)).to.equal(true);
        await shortLived.write({ ephemeral: { v: 1 } });
        expect(await shortLived.read(['ephemeral'])).to.have.property('ephemeral');
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(await shortLived.read(['ephemeral'])).to.deep.equal({});
      } finally {
        await shortLived.close();
      }
    });

    it('keeps a waterfall dialog going across turns in ConversationState', async function () {
      const run = async (storageForTurns: Storage) => {
        const conversationState = new ConversationState(storageForTurns);
        const dialogState = conversationState.createProperty<DialogState>('dialogState');
        const dialogs = new DialogSet(dialogState);
        dialogs.add(new TextPrompt('text'));
        dialogs.add(
          new WaterfallDialog('steps', [
            async (step) => step.prompt('text', 'first?'),
            async (step) => step.prompt('text', `got ${String(step.result)}, second?`),
            async (step) => {
              await step.context.sendActivity(`done with ${String(step.result)}`);
              return step.endDialog();
            },
          ]),
        );
        const adapter = new TestAdapter(async (context) => {
          const dc = await dialogs.createContext(context);
          const result = await dc.continueDialog();
          if (result.status === 'empty') await dc.beginDialog('steps');
          await conversationState.saveChanges(context);
        });
        await adapter
          .send('hi')
          .assertReply('first?')
          .send('one')
          .assertReply('got one, second?')
          .send('two')
          .assertReply('done with two')
          .startTest();
      };
      await run(storage);
      // The same conversation is finished and starts again from step one.
      await run(storage);
      // MemoryStorage is botbuilder's reference; the same transcript must hold there.
      await run(new MemoryStorage());
    });

    if (backend.name === 'redis') {
      it('gives every Redis key the retention TTL', async function () {
        const ttlMs = 30 * 24 * 60 * 60 * 1000;
        const retained = createStorage(backend.url, { namespace, ttlMs });
        const client = await rawRedis();
        try {
          expect(await retained.whenReady(2000)).to.equal(true);
          await retained.write({ retained: { v: 1 } });
          const current = (await retained.read(['retained'])).retained as StoreItem;
          await retained.write({ retained: { ...current, v: 2 } }); // the conditional path
          await retained.write({ 'retained-2': { v: 1 } });
          for (const key of ['retained', 'retained-2']) {
            const pttl = await client.pTTL(`${namespace}::${key}`);
            expect(pttl, key)
              .to.be.greaterThan(ttlMs - 60_000)
              .and.at.most(ttlMs);
          }
        } finally {
          await client.close();
          await retained.close();
        }
      });
    }
  });
}
