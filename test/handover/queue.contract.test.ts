import { expect } from 'chai';
import { HandoverQueue, type HandoverRequest } from '../../src/handover/queue';
import { MemoryTicketStore } from '../../src/handover/memoryTicketStore';
import { RedisTicketStore } from '../../src/handover/redisTicketStore';
import type { CounsellorProfile } from '../../src/handover/ticket';
import type { TicketStore } from '../../src/handover/ticketStore';
import { createStorage, type KeyvStorage } from '../../src/storage';
import { dropNamespace, rawRedis, TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

interface Backend {
  name: string;
  makeStore(ttlMs?: number): Promise<TicketStore>;
  /** Keys the backend holds and their TTLs, or undefined for memory. */
  keys(): Promise<Array<{ key: string; ttlMs: number }> | undefined>;
  tearDown(): Promise<void>;
}

function memory(): Backend {
  const stores: TicketStore[] = [];
  return {
    name: 'memory',
    makeStore: async (ttlMs) => {
      const store = new MemoryTicketStore(ttlMs);
      stores.push(store);
      return store;
    },
    keys: async () => undefined,
    tearDown: async () => {
      for (const store of stores) await store.close();
    },
  };
}

function redis(): Backend {
  // Each store gets a namespace of its own, as each memory store is empty.
  const base = uniqueNamespace('ho');
  const namespaces: string[] = [];
  const storages: KeyvStorage[] = [];
  return {
    name: 'redis',
    makeStore: async (ttlMs) => {
      const namespace = `${base}-${namespaces.length}`;
      namespaces.push(namespace);
      const storage = createStorage(TEST_REDIS_URL, { namespace });
      storages.push(storage);
      expect(await storage.whenReady(2000), 'Redis must answer').to.equal(true);
      return new RedisTicketStore(storage.redisClient!, namespace, ttlMs);
    },
    keys: async () => {
      const client = await rawRedis();
      try {
        const keys = await client.keys(`${base}-*::*`);
        return Promise.all(keys.map(async (key) => ({ key, ttlMs: await client.pTTL(key) })));
      } finally {
        await client.close();
      }
    },
    tearDown: async () => {
      for (const storage of storages) await storage.close();
      for (const namespace of namespaces) await dropNamespace(namespace);
    },
  };
}

let counter = 0;
function request(overrides: Partial<HandoverRequest> = {}): HandoverRequest {
  counter += 1;
  return {
    reference: {
      conversation: { id: `conv-${counter}-${Date.now()}` } as never,
      channelId: 'directline',
      serviceUrl: 'urn:kausa:directline',
      user: { id: `dl_user${counter}`, name: '' },
    },
    language: 'ar',
    audience: 'youth',
    topics: ['certificate-recognition'],
    description: 'شهادتي من سوريا',
    ...overrides,
  };
}

const dari: CounsellorProfile = { id: 'mariam', languages: ['fa', 'de'], audiences: [] };
const arabic: CounsellorProfile = { id: 'samir', languages: ['ar', 'de'], audiences: ['youth'] };
const german: CounsellorProfile = { id: 'jana', languages: ['de'], audiences: [] };

for (const backend of [memory(), redis()]) {
  describe(`handover queue contract: ${backend.name}`, function () {
    let clock = 1_800_000_000_000;
    const now = () => clock;
    let queue: HandoverQueue;

    before(async function () {
      queue = new HandoverQueue(await backend.makeStore(), {
        now,
        escalateAfterMs: 60_000,
        maxWaitMs: 600_000,
      });
    });

    afterEach(async function () {
      // Each test starts with an empty waiting list.
      for (const ticket of await queue.list('waiting')) await queue.cancel(ticket.id);
    });

    after(async function () {
      await backend.tearDown();
    });

    it('opens a waiting ticket with what the counsellor needs, once per conversation', async function () {
      const asked = request({ topics: [] });
      const ticket = await queue.request(asked);
      expect(ticket).to.deep.include({ status: 'waiting', language: 'ar', audience: 'youth' });
      expect(await queue.get(ticket.id)).to.deep.equal(ticket);
      expect((await queue.request(asked)).id, 'asking again does not queue twice').to.equal(
        ticket.id,
      );
      expect((await queue.openFor(ticket.conversationId))?.id).to.equal(ticket.id);
      const accepted = await queue.accept(ticket.id, 'samir');
      expect(accepted?.topics, 'an empty list stays a list').to.deep.equal([]);
      expect(accepted?.description).to.equal('شهادتي من سوريا');
      expect(accepted?.reference).to.deep.equal(asked.reference);
      await queue.close(ticket.id);
    });

    it('gives a ticket to exactly one of many counsellors accepting it at once', async function () {
      const ticket = await queue.request(request());
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) => queue.accept(ticket.id, `counsellor-${index}`)),
      );
      const winners = results.filter((result) => result !== undefined);
      expect(winners).to.have.length(1);
      const stored = await queue.get(ticket.id);
      expect(stored?.status).to.equal('active');
      expect(stored?.counsellor).to.equal(winners[0]?.counsellor);
      expect(await queue.accept(ticket.id, 'late')).to.equal(undefined);
      await queue.close(ticket.id);
    });

    it('offers a Dari ticket first to counsellors who speak Dari, and to everyone after the wait, marked', async function () {
      const fa = await queue.request(request({ language: 'fa', audience: 'parent' }));
      expect(
        (await queue.offers(dari)).map((offer) => [offer.ticket.id, offer.escalated]),
      ).to.deep.equal([[fa.id, false]]);
      expect(await queue.offers(german)).to.deep.equal([]);
      clock += 60_000;
      expect(
        (await queue.offers(german)).map((offer) => [offer.ticket.id, offer.escalated]),
      ).to.deep.equal([[fa.id, true]]);
    });

    it('respects the audiences a counsellor advises, and puts matching tickets first', async function () {
      const company = await queue.request(request({ language: 'ar', audience: 'company' }));
      clock += 1000;
      const youth = await queue.request(request({ language: 'ar', audience: 'youth' }));
      expect((await queue.offers(arabic)).map((offer) => offer.ticket.id)).to.deep.equal([
        youth.id,
      ]);
      clock += 60_000;
      expect(
        (await queue.offers(arabic)).map((offer) => [offer.ticket.id, offer.escalated]),
      ).to.deep.equal([
        [youth.id, false],
        [company.id, true],
      ]);
    });

    it('tells a waiting user their place and a wait estimated from recent accepts', async function () {
      // A store of its own: the estimate learns from the accepts it holds.
      const queue = new HandoverQueue(await backend.makeStore(), { now });
      const first = await queue.request(request());
      clock += 1000;
      const second = await queue.request(request());
      clock += 1000;
      const third = await queue.request(request());
      expect(await queue.place(second.id)).to.deep.equal({ position: 2, estimatedWaitMinutes: 8 });
      clock = first.createdAt + 2 * 60_000; // the first one is taken after two minutes
      await queue.accept(first.id, 'samir');
      expect(await queue.place(second.id)).to.deep.equal({ position: 1, estimatedWaitMinutes: 2 });
      expect(await queue.place(third.id)).to.deep.equal({ position: 2, estimatedWaitMinutes: 4 });
      expect(await queue.place(first.id), 'an accepted ticket has no place').to.equal(undefined);
      await queue.close(first.id);
      for (const ticket of [second, third]) await queue.cancel(ticket.id);
    });

    it('lets the user cancel while waiting or talking, once', async function () {
      const ticket = await queue.request(request());
      expect((await queue.cancel(ticket.id))?.status).to.equal('cancelled');
      expect(await queue.cancel(ticket.id)).to.equal(undefined);
      expect(await queue.openFor(ticket.conversationId)).to.equal(undefined);
      expect((await queue.list('waiting')).map((waiting) => waiting.id)).to.not.include(ticket.id);
      const next = await queue.request({ ...request(), reference: ticket.reference });
      expect(next.id, 'a new request after cancelling is a new ticket').to.not.equal(ticket.id);
      await queue.accept(next.id, 'samir');
      expect((await queue.cancel(next.id))?.status).to.equal('cancelled');
    });

    it('closes and transfers only active tickets', async function () {
      const ticket = await queue.request(request());
      expect(await queue.close(ticket.id), 'not accepted yet').to.equal(undefined);
      await queue.accept(ticket.id, 'samir');
      expect((await queue.transfer(ticket.id, 'mariam'))?.counsellor).to.equal('mariam');
      const closed = await queue.close(ticket.id);
      expect(closed).to.deep.include({ status: 'closed', counsellor: 'mariam' });
      expect((await queue.list('closed')).map((done) => done.id)).to.include(ticket.id);
      expect(await queue.transfer(ticket.id, 'jana')).to.equal(undefined);
    });

    it('cancels tickets nobody accepted in time', async function () {
      const old = await queue.request(request());
      clock += 300_000;
      const recent = await queue.request(request());
      clock += 300_000;
      const expired = await queue.expireWaiting();
      expect(expired.map((ticket) => ticket.id)).to.deep.equal([old.id]);
      expect((await queue.get(recent.id))?.status).to.equal('waiting');
    });

    it('keeps the messages between user and counsellor with the ticket, in order', async function () {
      const ticket = await queue.request(request());
      await queue.accept(ticket.id, 'samir');
      await queue.record(ticket.id, { from: 'user', text: 'مرحبا، عندي سؤال', at: 1 });
      await queue.record(ticket.id, {
        from: 'counsellor',
        counsellor: 'samir',
        text: 'أهلاً! تفضل',
        at: 2,
      });
      expect(await queue.messages(ticket.id)).to.deep.equal([
        { from: 'user', text: 'مرحبا، عندي سؤال', at: 1 },
        { from: 'counsellor', counsellor: 'samir', text: 'أهلاً! تفضل', at: 2 },
      ]);
      expect(await queue.messages('no-such-ticket')).to.deep.equal([]);
      await queue.close(ticket.id);
    });

    it('keeps machine translations per ticket and language, for texts it has seen', async function () {
      const ticket = await queue.request(request());
      const question = 'كم لازم ادفع للمدرسة المهنية';
      await queue.saveTranslations(
        ticket.id,
        'de',
        new Map([[question, 'Wie viel muss ich für die Berufsschule bezahlen?']]),
      );
      expect([...(await queue.translations(ticket.id, 'de', [question, 'مرحبا']))]).to.deep.equal([
        [question, 'Wie viel muss ich für die Berufsschule bezahlen?'],
      ]);
      expect((await queue.translations(ticket.id, 'en', [question])).size).to.equal(0);
      const other = await queue.request(request());
      expect((await queue.translations(other.id, 'de', [question])).size).to.equal(0);
      await queue.saveTranslations('no-such-ticket', 'de', new Map([['a', 'b']]));
      expect((await queue.translations('no-such-ticket', 'de', ['a'])).size).to.equal(0);
      const keys = await backend.keys();
      if (keys) expect(keys.map((entry) => entry.key).join(' ')).to.not.contain('no-such-ticket');
    });

    it('forgets every ticket of a conversation, with its messages and translations', async function () {
      const ticket = await queue.request(request());
      await queue.record(ticket.id, { from: 'user', text: 'my phone is 0176 1234567', at: 1 });
      await queue.saveTranslations(ticket.id, 'de', new Map([['مرحبا', 'Hallo']]));
      await queue.forget(ticket.conversationId);
      expect((await queue.translations(ticket.id, 'de', ['مرحبا'])).size).to.equal(0);
      expect(await queue.messages(ticket.id)).to.deep.equal([]);
      expect(await queue.get(ticket.id)).to.equal(undefined);
      expect(await queue.openFor(ticket.conversationId)).to.equal(undefined);
      const keys = await backend.keys();
      if (keys) {
        expect(keys.map((entry) => entry.key).join(' ')).to.not.contain(ticket.id);
        expect(keys.map((entry) => entry.key).join(' ')).to.not.contain(ticket.conversationId);
      }
    });

    it('keeps every key only for the retention period', async function () {
      const short = new HandoverQueue(await backend.makeStore(300), { now });
      const ticket = await short.request(request());
      await short.record(ticket.id, { from: 'user', text: 'hallo', at: 1 });
      await short.saveTranslations(ticket.id, 'ar', new Map([['hallo', 'مرحبا']]));
      const keys = await backend.keys();
      if (keys) {
        expect(keys.length).to.be.greaterThan(0);
        for (const entry of keys) expect(entry.ttlMs, entry.key).to.be.above(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await short.get(ticket.id)).to.equal(undefined);
      expect((await short.translations(ticket.id, 'ar', ['hallo'])).size).to.equal(0);
      expect((await short.list('waiting')).map((waiting) => waiting.id)).to.not.include(ticket.id);
    });
  });
}
