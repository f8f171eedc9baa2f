import { expect } from 'chai';
import { BadActivityError, checkActivity } from '../src/activityInput';
import { MAX_JSON_DEPTH } from '../src/util/json';

const conversation = { id: 'c1' };

/** `value` nested in `depth` lists. */
function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('activities posted to /api/messages', function () {
  const refused: Array<[string, unknown, string]> = [
    ['a list instead of an activity', [], 'Send an activity: a JSON object.'],
    ['an activity without a type', { conversation }, 'The activity needs a "type".'],
    ['an empty type', { type: '', conversation }, 'The activity needs a "type".'],
    [
      'a conversation without an id',
      { type: 'message', conversation: {} },
      'The activity needs "conversation": {"id": "…"}.',
    ],
    [
      'a value nested too deep',
      { type: 'message', conversation, value: nested(MAX_JSON_DEPTH + 1) },
      `The activity nests deeper than ${MAX_JSON_DEPTH} levels.`,
    ],
    [
      'deep nesting in a field that would be dropped',
      { type: 'message', conversation, locale: nested(MAX_JSON_DEPTH + 1) },
      `The activity nests deeper than ${MAX_JSON_DEPTH} levels.`,
    ],
  ];
  for (const [what, body, message] of refused) {
    it(`refuses ${what}, saying what is missing`, function () {
      expect(() => checkActivity(body))
        .to.throw(BadActivityError)
        .with.property('message', message);
    });
  }

  it('drops optional fields of the wrong kind, leaving no key, and keeps the rest as sent', function () {
    const activity = checkActivity({
      type: 'message',
      conversation,
      text: 'hallo',
      locale: 42,
      from: { id: 7 },
      recipient: { id: 'bot' },
      channelData: 'not an object',
      attachments: 'not a list',
      value: { choice: 'yes' },
      custom: 'kept',
    });
    expect(activity).to.deep.equal({
      type: 'message',
      conversation,
      text: 'hallo',
      recipient: { id: 'bot' },
      value: { choice: 'yes' },
      custom: 'kept',
    });
    expect(Object.keys(activity)).to.not.include.members([
      'locale',
      'from',
      'channelData',
      'attachments',
    ]);
  });

  it('keeps only the objects of a list, and only members with an id', function () {
    const activity = checkActivity({
      type: 'conversationUpdate',
      conversation,
      membersAdded: [{ id: 'user' }, { name: 'no id' }, 'text', null],
      entities: [{ type: 'mention' }, [], 3],
    });
    expect(activity.membersAdded).to.deep.equal([{ id: 'user' }]);
    expect(activity.entities).to.deep.equal([{ type: 'mention' }]);
  });

  it('reads times as dates and keeps their text as sent', function () {
    const activity = checkActivity({
      type: 'message',
      conversation,
      timestamp: '2026-12-05T08:00:00.000Z',
      localTimestamp: '2026-12-05T09:00:00+01:00',
    }) as Record<string, unknown>;
    expect(activity.timestamp).to.deep.equal(new Date('2026-12-05T08:00:00.000Z'));
    expect(activity.rawTimestamp).to.equal('2026-12-05T08:00:00.000Z');
    expect(activity.rawLocalTimestamp).to.equal('2026-12-05T09:00:00+01:00');
    expect(activity).to.not.have.property('expiration');
  });
});
