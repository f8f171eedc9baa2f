import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { consoleLabelsOf } from '../../src/content/consoleStrings';
import { transcriptLines } from '../../src/handover/consoleTranscript';
import type { Ticket } from '../../src/handover/ticket';
import { content } from '../support/bot';

const labels = consoleLabelsOf(content.i18n);

const ticket = (language: Ticket['language']): Ticket => ({
  id: 't1',
  status: 'active',
  reference: {},
  conversationId: 'c1',
  language,
  topics: [],
  createdAt: 0,
});

/** How the console reads a conversation it did not see happen (the server's side of the transcript). */
describe('console transcript: the lines a counsellor reads', function () {
  const activities: Array<Partial<Activity>> = [
    { type: 'message', id: 'c1|1', text: 'سلام', from: { role: 'user' } as never },
    {
      type: 'message',
      text: 'x',
      value: { topic: 'vocational-school' },
      from: { role: 'user' } as never,
    },
    {
      type: 'message',
      attachments: [{ contentType: 'x', content: { title: 'IHK zu Leipzig' } }],
      from: { role: 'bot' } as never,
    },
    {
      type: 'message',
      text: 'سلام، چطور کمک کنم؟',
      channelData: { counsellor: 'Mariam' },
      from: { role: 'bot' } as never,
    },
    { type: 'typing', from: { role: 'user' } as never },
    { type: 'message', text: '', from: { role: 'bot' } as never },
    {
      type: 'message',
      text: 'ترجمه',
      channelData: { source: { key: 'handover:consent.ask' } },
      from: { role: 'bot' } as never,
    },
  ];

  it('labels who wrote what, shows cards by title, leaves out empty lines, and glosses the bot in German', async function () {
    const lines = await transcriptLines(ticket('fa'), activities, [], {
      labels: labels('de'),
      understand: async () => ({ id: 'greeting', confidence: 0.8 }),
      gloss: (activity, language) =>
        (activity.channelData as { source?: unknown })?.source ? `gloss in ${language}` : undefined,
    });
    expect(lines.map((line) => [line.role, line.text])).to.deep.equal([
      ['user', 'سلام'],
      ['user', 'x'],
      ['bot', '[IHK zu Leipzig]'],
      ['counsellor', 'سلام، چطور کمک کنم؟'],
      ['bot', 'ترجمه'],
    ]);
    expect(lines[0]).to.deep.include({ id: 'c1|1', lang: 'fa' });
    expect(lines[0]?.gist).to.deep.equal({
      id: 'greeting',
      confidence: 0.8,
      text: 'Verstanden: Begrüßung (80 %)',
    });
    expect(lines[1]?.gist?.text, 'a tapped topic is its title').to.equal(
      'Verstanden: Berufsschule (100 %)',
    );
    expect(lines[3]?.name).to.equal('Mariam');
    expect(lines[4]?.gloss).to.equal('gloss in de');
    expect(lines[2], 'a card has no source').to.not.have.property('gloss');
  });

  it('does not gloss a German conversation for a German console', async function () {
    const lines = await transcriptLines(ticket('de-simple'), activities, [], {
      labels: labels('de'),
      gloss: () => 'never',
    });
    expect(lines.some((line) => line.gloss)).to.equal(false);
    expect(lines[0], 'without understanding there is no gist').to.not.have.property('gist');
  });

  it('names Dari as the service point’s staff do, in German and English', function () {
    expect(labels('de').languageName('fa')).to.equal('Dari / Persisch');
    expect(labels('en').languageName('fa')).to.equal('Dari / Persian');
    expect(labels('de').languageName('uk')).to.equal('Ukrainisch');
    expect(labels('en').classTitle('human')).to.equal('Wants to talk to a person');
  });
});
