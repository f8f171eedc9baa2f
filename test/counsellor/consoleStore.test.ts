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
  summary: Array<{ field: string; value: string }>;
  translations: { ticketId: string | null; texts: Record<string, string>; problem: string | null };
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

  it('shows the transcript and summary the server read, appends live messages, and keeps translations per ticket', function () {
    const lines = [
      {
        role: 'user',
        name: '',
        text: 'سلام',
        gist: { id: 'greeting', confidence: 0.9, text: 'Verstanden: Begrüßung (90 %)' },
      },
      { role: 'bot', name: '', text: '[IHK zu Leipzig]' },
    ];
    const summary = [{ field: 'language', label: 'Sprache', value: 'Dari / Persisch' }];
    const state = reduce(open(ticket('t1', 'active', 'mariam')), {
      type: 'transcript/loaded',
      ticketId: 't1',
      lines,
      summary,
    });
    expect(state.transcript).to.deep.equal(lines);
    expect(state.summary).to.deep.equal(summary);
    const later = reduce(state, {
      type: 'transcript/message',
      ticketId: 't1',
      message: { from: 'user', text: '<b>?</b>', at: 1 },
    });
    expect(later.transcript.at(-1)).to.deep.equal({ role: 'user', name: '', text: '<b>?</b>' });
    expect(later.transcript.slice(0, 2)).to.deep.equal(state.transcript);
    const translated = reduce(later, {
      type: 'translations/loaded',
      ticketId: 't1',
      translations: { translations: [{ text: 'سلام', translation: 'Hallo' }], problem: 'timeout' },
    });
    expect(translated.translations).to.deep.equal({
      ticketId: 't1',
      texts: { سلام: 'Hallo' },
      problem: 'timeout',
    });
    const elsewhere = reduce(translated, {
      type: 'translations/loaded',
      ticketId: 'other',
      translations: { translations: [{ text: 'x', translation: 'y' }] },
    });
    expect(elsewhere, 'another ticket’s translations are ignored').to.equal(translated);
    const next = reduce(translated, { type: 'ticket/selected', ticket: ticket('t2', 'waiting') });
    expect(next.translations.texts, 'a new ticket starts without translations').to.deep.equal({});
    expect(next.summary).to.deep.equal([]);
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
