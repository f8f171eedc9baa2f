import { expect } from 'chai';
import {
  MemoryHandoverEvents,
  RedisHandoverEvents,
  type HandoverEvent,
  type HandoverEvents,
} from '../../src/handover/events';
import { createStorage, type KeyvStorage } from '../../src/storage';
import { TEST_REDIS_URL, uniqueNamespace } from '../support/redis';

/** Two instances' event buses on one backend (the memory one is one process: the same bus). */
interface Backend {
  name: string;
  pair(): Promise<[HandoverEvents, HandoverEvents]>;
  tearDown(): Promise<void>;
}

const memoryBus = new MemoryHandoverEvents();
const storages: KeyvStorage[] = [];
const buses: HandoverEvents[] = [];

const backends: Backend[] = [
  { name: 'memory', pair: async () => [memoryBus, memoryBus], tearDown: () => memoryBus.close() },
  {
    name: 'redis',
    pair: async () => {
      const namespace = uniqueNamespace('events');
      const made: RedisHandoverEvents[] = [];
      for (let index = 0; index < 2; index += 1) {
        const storage = createStorage(TEST_REDIS_URL, { namespace });
        storages.push(storage);
        expect(await storage.whenReady(2000)).to.equal(true);
        const bus = new RedisHandoverEvents(storage.redisClient!, namespace);
        await bus.whenSubscribed();
        made.push(bus);
        buses.push(bus);
      }
      return [made[0]!, made[1]!];
    },
    tearDown: async () => {
      for (const bus of buses) await bus.close();
      for (const storage of storages) await storage.close();
    },
  },
];

for (const backend of backends) {
  describe(`handover events contract: ${backend.name}`, function () {
    after(async function () {
      await backend.tearDown();
    });

    it('delivers an event published on one instance to the listeners of the other, once and in order', async function () {
      const [a, b] = await backend.pair();
      const heard: HandoverEvent[] = [];
      const stop = b.subscribe((event) => heard.push(event));
      const events: HandoverEvent[] = [
        { type: 'ticket', id: 't1', status: 'waiting', language: 'fa' },
        { type: 'ticket', id: 't1', status: 'active', language: 'fa', counsellor: 'mariam' },
        {
          type: 'message',
          ticketId: 't1',
          counsellor: 'mariam',
          message: { from: 'user', text: 'سلام', at: 1 },
        },
      ];
      for (const event of events) await a.publish(event);
      const until = Date.now() + 3000;
      while (heard.length < events.length && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(heard).to.deep.equal(events);
      stop();
      await a.publish(events[0]!);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard, 'nothing after unsubscribing').to.have.length(events.length);
    });
  });
}
