import { expect } from 'chai';
import {
  MemoryStorage,
  TestAdapter,
  TurnContext,
  type Activity,
  type StoreItems,
} from 'botbuilder';
import { BotStates } from '../../src/state';

/** A MemoryStorage that counts its calls. */
class CountingStorage extends MemoryStorage {
  reads: string[][] = [];
  writes: string[][] = [];
  override read(keys: string[]): Promise<StoreItems> {
    this.reads.push(keys);
    return super.read(keys);
  }
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(Object.keys(changes));
    return super.write(changes);
  }
}

const turn = (text: string) =>
  new TurnContext(new TestAdapter(), {
    type: 'message',
    text,
    channelId: 'test',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
  } as Activity);

describe('state: the conversation and the user in one read, written only when changed', function () {
  it('reads both in one storage call and writes back only what the turn changed', async function () {
    const storage = new CountingStorage();
    const states = new BotStates(storage);

    const first = turn('hallo');
    await states.load(first);
    (await states.data(first)).turnCount += 1;
    (await states.userProfile(first)).language = 'uk';
    await states.save(first);
    expect(storage.reads).to.deep.equal([['test/conversations/c1/', 'test/users/u1/']]);
    expect(storage.writes).to.deep.equal([['test/conversations/c1/'], ['test/users/u1/']]);

    // The next turn changes only the conversation: the profile is not written again.
    storage.reads = [];
    storage.writes = [];
    const second = turn('wie viel verdient man?');
    await states.load(second);
    const data = await states.data(second);
    expect(data.turnCount).to.equal(1);
    expect((await states.userProfile(second)).language).to.equal('uk');
    data.turnCount += 1;
    await states.save(second);
    expect(storage.reads).to.have.length(1);
    expect(storage.writes).to.deep.equal([['test/conversations/c1/']]);

    // A turn that changes nothing writes nothing.
    storage.writes = [];
    const third = turn('ok');
    await states.load(third);
    await states.data(third);
    await states.save(third);
    expect(storage.writes).to.deep.equal([]);
  });

  it('gives each conversation its own copy of a default value', async function () {
    const states = new BotStates(new MemoryStorage());
    const seen = states.conversationState.createProperty<string[]>('seen');
    const shared: string[] = [];
    const a = turn('a');
    (await seen.get(a, shared))!.push('training-pay');
    const b = new TurnContext(new TestAdapter(), {
      ...a.activity,
      conversation: { id: 'c2' },
    } as Activity);
    expect(await seen.get(b, shared)).to.deep.equal([]);
    expect(shared).to.deep.equal([]);
  });
});
