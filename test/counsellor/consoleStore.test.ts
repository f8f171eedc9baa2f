import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { PUBLIC_DIR } from '../../src/paths';

// The console's store and event reader are browser ES modules without imports
// at run time, so Node loads them as they are served.
const load = (file: string) =>
  import(pathToFileURL(path.join(PUBLIC_DIR, 'counsellor', file)).href) as Promise<
    Record<string, (...args: never[]) => unknown>
  >;

interface Ticket {
  id: string;
  status: string;
  counsellor?: string;
  language: string;
}
interface State {
  screen: string;
  token: string | null;
  me: { username: string } | null;
  selected: Ticket | null;
  notes: Record<string, Array<{ key: string }>>;
  transcript: Array<{ role: string; name: string; text: string }>;
  lists: { closed: Ticket[] };
  offered: string[] | null;
  unseen: number;
}
type Reduce = (state: State, action: object) => State;

const ticket = (id: string, status: string, counsellor?: string): Ticket => ({
  id,
  status,
  language: 'fa',
  ...(counsellor ? { counsellor } : {}),
});

describe('counsellor console: the store and the live updates, without a browser', function () {
  let reduce: Reduce;
  let start: State;

  before(async function () {
    const store = await load('store.js');
    reduce = store.reduce as unknown as Reduce;
    const initial = store.initialState as unknown as (start: object) => State;
    const period = { from: '2026-11-05', to: '2026-12-04' };
    start = [
      { type: 'session/started', token: 'token' },
      {
        type: 'session/ready',
        me: { username: 'mariam', name: 'Mariam' },
        counsellors: [],
        partners: [],
      },
    ].reduce(reduce, initial({ token: null, period, now: 0 }));
  });

  const open = (selected: Ticket) => reduce(start, { type: 'ticket/selected', ticket: selected });
  const change = (state: State, status: string, counsellor?: string) =>
    reduce(state, {
      type: 'ticket/changed',
      event: { type: 'ticket', id: state.selected!.id, status, language: 'fa', counsellor },
    });

  it('shows the login until a session is ready, and forgets everything at logout', function () {
    expect(start).to.include({ screen: 'console', token: 'token' });
    const ended = reduce(open(ticket('t1', 'waiting')), { type: 'session/ended' });
    expect(ended).to.include({ screen: 'login', token: null, me: null, selected: null });
  });

  it('notes on the open ticket when the person left, someone else took it, or it ended', function () {
    const left = change(open(ticket('t1', 'active', 'mariam')), 'cancelled');
    expect(left.notes.t1).to.deep.equal([{ key: 'status.userLeft' }]);
    expect(left.selected!.status).to.equal('cancelled');
    const taken = change(open(ticket('t1', 'waiting')), 'active', 'samir');
    expect(taken.notes.t1).to.deep.equal([{ key: 'status.taken' }]);
    expect(taken.selected!.counsellor).to.equal('samir');
    expect(change(open(ticket('t1', 'waiting')), 'active', 'mariam').notes.t1).to.equal(undefined);
    const closed = change(open(ticket('t1', 'active', 'mariam')), 'closed');
    expect(closed.notes.t1).to.deep.equal([{ key: 'status.closed' }]);
  });

  it('keeps the open ticket as it is when a live update changes nothing of it (a reply being typed stays)', function () {
    const state = open(ticket('t1', 'active', 'mariam'));
    expect(change(state, 'active', 'mariam').selected).to.equal(state.selected);
    const other = reduce(state, {
      type: 'ticket/changed',
      event: { type: 'ticket', id: 't2', status: 'closed', language: 'ar' },
    });
    expect(other).to.equal(state);
  });

  it('reads the transcript: cards by their title, counsellors by name, empty lines left out', function () {
    const state = reduce(open(ticket('t1', 'active', 'mariam')), {
      type: 'transcript/loaded',
      ticketId: 't1',
      activities: [
        { type: 'message', text: 'سلام', from: { role: 'user' } },
        { type: 'message', attachments: [{ content: { title: 'IHK zu Leipzig' } }], from: {} },
        { type: 'message', text: 'Hallo', channelData: { counsellor: 'Mariam' }, from: {} },
        { type: 'typing', from: { role: 'user' } },
        { type: 'message', text: '', from: { role: 'bot' } },
      ],
    });
    expect(state.transcript).to.deep.equal([
      { role: 'user', name: '', text: 'سلام' },
      { role: 'bot', name: '', text: '[IHK zu Leipzig]' },
      { role: 'counsellor', name: 'Mariam', text: 'Hallo' },
    ]);
    const later = reduce(state, {
      type: 'transcript/message',
      ticketId: 't1',
      message: { from: 'user', text: '<b>?</b>', at: 1 },
    });
    expect(later.transcript.at(-1)).to.deep.equal({ role: 'user', name: '', text: '<b>?</b>' });
    expect(later.transcript.slice(0, 3)).to.deep.equal(state.transcript);
  });

  it('lists the 50 newest closed tickets first, remembers what was offered and counts unseen arrivals', function () {
    const closed = Array.from({ length: 60 }, (_, index) => ticket(`c${index}`, 'closed'));
    const empty = { waiting: [], active: [], callbacks: [], referrals: [], appointments: [] };
    const lists = { ...empty, waiting: [ticket('w1', 'waiting')], closed };
    const state = reduce(start, { type: 'lists/loaded', lists, now: 1 });
    expect(state.lists.closed).to.have.length(50);
    expect(state.lists.closed[0]!.id).to.equal('c59');
    expect(state.offered).to.deep.equal(['w1']);
    const arrived = reduce(state, { type: 'tickets/arrived', count: 2, unnoticed: true });
    expect(arrived.unseen).to.equal(2);
    expect(reduce(state, { type: 'tickets/arrived', count: 2, unnoticed: false }).unseen).to.equal(
      0,
    );
    expect(reduce(arrived, { type: 'tickets/seen' }).unseen).to.equal(0);
  });

  it('splits the event stream into events, skipping keep-alive comments and keeping a partial event', async function () {
    const parseEvents = (await load('events.js')).parseEvents as unknown as (buffer: string) => {
      events: Array<Record<string, unknown>>;
      rest: string;
    };
    const stream =
      ': connected\n\n' +
      'event: ticket\ndata: {"type":"ticket","id":"t1","status":"waiting","language":"fa"}\n\n' +
      ': keep-alive\n\n' +
      'event: callback\ndata: {"type":"callback","id":"c1","status":"open"}\n\n' +
      'event: message\ndata: {"type":"mess';
    const { events, rest } = parseEvents(stream);
    expect(events).to.deep.equal([
      { type: 'ticket', id: 't1', status: 'waiting', language: 'fa' },
      { type: 'callback', id: 'c1', status: 'open' },
    ]);
    expect(rest).to.equal('event: message\ndata: {"type":"mess');
  });
});
