import type { Activity, TestFlow } from 'botbuilder';
import { expect } from 'chai';
import { describeTime } from '../../src/content/hours';
import type { Reader } from '../../src/content/register';
import type { Audience } from '../../src/content/topics';
import { handoverBot, offersContent, reply, tap, translator } from '../support/bot';

/** Wednesday, 25 November 2026, 13:00 in Leipzig: the hotline is answered, consultations are on Tue and Thu. */
const WEDNESDAY_1PM = Date.parse('2026-11-25T12:00:00Z');
/** Saturday, 28 November 2026, 11:00 in Leipzig: the hotline is closed. */
const SATURDAY = Date.parse('2026-11-28T10:00:00Z');
const MENU = { action: 'menu' };
/** A translator on the fixture data, in the form of address `language` uses for `reader`. */
const tr = (language: string, reader: Reader) => translator(offersContent, language, reader);

/** A bot on the fixture data, at `now`, where a user of `audience` has reached the menu. */
function atMenu(language: string, audience: Audience, now = WEDNESDAY_1PM) {
  // The welcome goes out before the tap is read: nobody has said who they are yet.
  const anyone = tr(language, 'unknown');
  const t = tr(language, audience);
  const bot = handoverBot(language, { content: offersContent, now: () => now });
  const flow = bot.adapter
    .send(tap({ audience }))
    .assertReply(reply(language, anyone('welcome.hello')))
    .assertReply(reply(language, anyone('welcome.privacy', { days: 30 })))
    .assertReply(reply(language, t('menu.ask')));
  return { bot, flow, t };
}

/** Checks a card message: its language and the cards' titles. */
function cards(language: string, titles: string[], check?: (activity: Partial<Activity>) => void) {
  return (activity: Partial<Activity>) => {
    expect(activity.locale).to.equal(language);
    expect(
      activity.attachments?.map((card) => (card.content as { title: string }).title),
    ).to.deep.equal(titles);
    check?.(activity);
  };
}

const buttonsOf = (activity: Partial<Activity>, card = 0) =>
  (activity.attachments?.[card]?.content as { buttons: Array<{ title: string; value: unknown }> })
    .buttons;

const at = (iso: string) => Date.parse(iso);
const time = (language: string, iso: string) =>
  describeTime(new Date(iso), language, 'Europe/Berlin');

/** The company check's buttons for yes / no / "I don't know". */
const yesNo = [{ choice: 'yes' }, { choice: 'no' }, { choice: 'dontKnow' }];

/** The company check's result: its heading and one marked line per requirement. */
function companyResult(
  t: (key: string, args?: Record<string, unknown>) => string,
  occupation: string,
  lines: Array<[mark: 'fulfilled' | 'missing' | 'unclear', key: string, args?: object]>,
): string {
  return [
    t('offers:company.summary', { occupation }),
    ...lines.map(([mark, key, args]) =>
      t(`offers:company.${mark}`, { text: t(`offers:company.${key}`, { ...args }) }),
    ),
  ].join('\n');
}

for (const language of ['de', 'ar', 'tr']) {
  describe(`service point offers in ${language}`, () => {
    it("suggests partners for a topic in the user's district, and refers with consent; withdrawing deletes it", async () => {
      const { bot, flow, t } = atMenu(language, 'youth');
      let referralId = '';
      await flow
        .send(tap({ action: 'partners', topic: 'certificate-recognition' }))
        .assertReply(reply(language, t('offers:region.ask')))
        .send(tap({ choice: 'leipzig' }))
        .assertReply(reply(language, t('offers:partners.intro')))
        .assertReply(
          cards(
            language,
            ['IQ Netzwerk Sachsen', 'Landesamt für Schule und Bildung (LaSuB)'],
            (activity) => {
              const first = activity.attachments?.[0]?.content as { text: string };
              const description = offersContent.partners.find(
                (partner) => partner.id === 'iq-sachsen',
              )!.description[language as 'de'];
              expect(first.text).to.contain(description);
              expect(buttonsOf(activity).at(-1)).to.deep.include({
                title: t('offers:partners.refer'),
                value: { action: 'refer', partner: 'iq-sachsen' },
              });
            },
          ),
        )
        .assertReply(reply(language, t('answer.followUp'), [MENU]))
        .send(tap({ action: 'refer', partner: 'iq-sachsen' }))
        .assertReply(
          reply(language, t('offers:referral.consent', { partner: 'IQ Netzwerk Sachsen' })),
        )
        .send(tap({ choice: 'yes' }))
        .assertReply(
          reply(language, t('offers:referral.askContact', { partner: 'IQ Netzwerk Sachsen' })),
        )
        .send('name@example.org')
        .assertReply(reply(language, t('handover:describe.ask')))
        .send(tap({ choice: 'skip' }))
        .assertReply((activity: Partial<Activity>) => {
          expect(activity.text).to.equal(
            t('offers:referral.saved', { partner: 'IQ Netzwerk Sachsen' }),
          );
          const withdraw = activity.suggestedActions?.actions[0]?.value as { referral: string };
          referralId = withdraw.referral;
        })
        .then(async () => {
          expect(await bot.service.referrals.get(referralId)).to.include({
            partnerId: 'iq-sachsen',
            language,
            contact: 'name@example.org',
            contactType: 'email',
          });
        })
        .send(tap({ action: 'withdraw', referral: '' }))
        .assertReply(reply(language, t('offers:referral.gone')))
        .then(async () => {
          // The real button: withdraws this conversation's referral.
          expect(await bot.service.referrals.list()).to.have.length(1);
        })
        .startTest();
      await bot.adapter
        .send(tap({ action: 'withdraw', referral: referralId }))
        .assertReply(reply(language, t('offers:referral.withdrawn')))
        .startTest();
      expect(await bot.service.referrals.list()).to.deep.equal([]);
    });

    it('stores nothing when the referral consent is refused', async () => {
      const { bot, flow, t } = atMenu(language, 'parent');
      await flow
        .send(tap({ action: 'refer', partner: 'jugendmigrationsdienste' }))
        .assertReply(
          reply(
            language,
            t('offers:referral.consent', { partner: 'Jugendmigrationsdienste (JMD)' }),
          ),
        )
        .send(tap({ choice: 'no' }))
        .assertReply(
          reply(
            language,
            t('offers:referral.refused', { partner: 'Jugendmigrationsdienste (JMD)' }),
            [MENU],
          ),
        )
        .startTest();
      expect(await bot.service.referrals.list()).to.deep.equal([]);
    });

    it('offers the next free consultation slots as buttons and requests one with consent', async () => {
      const { bot, flow, t } = atMenu(language, 'parent');
      const slots = [
        '2026-11-26T12:00:00Z',
        '2026-11-26T12:30:00Z',
        '2026-11-26T13:00:00Z',
        '2026-11-26T13:30:00Z',
      ];
      const place = 'Willkommenszentrum (Beispiel)';
      const other = language === 'tr' ? [] : [{ choice: 'other' }];
      await flow
        .send(tap({ action: 'appointment' }))
        .assertReply((activity: Partial<Activity>) => {
          reply(language, t('offers:appointment.ask', { place }), [
            ...slots.map((slot) => ({ choice: String(at(slot)) })),
            ...other,
          ])(activity);
          expect(activity.suggestedActions?.actions[0]?.title).to.equal(time(language, slots[0]!));
        })
        .send(tap({ choice: String(at(slots[1]!)) }))
        .assertReply(
          reply(language, t('offers:appointment.consent', { time: time(language, slots[1]!) })),
        )
        .send(tap({ choice: 'yes' }))
        .assertReply(reply(language, t('offers:appointment.askContact')))
        .send('+49 176 1234567')
        .assertReply(
          reply(
            language,
            t('offers:appointment.requested', { time: time(language, slots[1]!), place }),
            [MENU],
          ),
        )
        .startTest();
      const [request] = await bot.service.appointments.list();
      expect(request).to.include({
        start: at(slots[1]!),
        status: 'requested',
        language,
        contact: '+49 176 1234567',
      });
      expect(await bot.service.takenSlots()).to.deep.equal(new Set([at(slots[1]!)]));
    });

    it('lists upcoming events for the audience, never past ones', async () => {
      const { flow, t } = atMenu(language, 'company');
      const title = offersContent.offers.events.find(
        (event) => event.id === 'betriebe-fruehstueck-2027',
      )!.title;
      await flow
        .send(tap({ action: 'events' }))
        .assertReply(reply(language, t('offers:events.intro')))
        .assertReply(
          cards(language, [title[language as 'de'] ?? title.en!], (activity) => {
            expect(buttonsOf(activity).map((button) => button.value)).to.deep.equal([
              '/calendar/events/betriebe-fruehstueck-2027.ics',
              'https://www.openstreetmap.org/search?query=Goerdelerring%205%2C%2004109%20Leipzig',
            ]);
          }),
        )
        .assertReply(reply(language, t('answer.followUp'), [MENU]))
        .startTest();
    });

    it('checks whether a company can train and names what is missing', async () => {
      const { flow, t } = atMenu(language, 'company');
      await flow
        .send(tap({ action: 'companyCheck' }))
        .assertReply(reply(language, t('offers:company.intro')))
        .assertReply(
          reply(language, t('offers:company.chamber.ask'), [
            { choice: 'ihk' },
            { choice: 'hwk' },
            { choice: 'dontKnow' },
          ]),
        )
        .send(tap({ choice: 'ihk' }))
        .assertReply(reply(language, t('offers:company.field.ask')))
        .send('Koch')
        .assertReply(reply(language, t('offers:company.trainer.ask'), yesNo))
        .send(tap({ choice: 'no' }))
        .assertReply(reply(language, t('offers:company.workers.ask')))
        .send('4')
        .assertReply(reply(language, t('offers:company.contents.ask'), yesNo))
        .send(tap({ choice: 'dontKnow' }))
        .assertReply(
          reply(
            language,
            companyResult(t, 'Koch', [
              ['missing', 'trainerMissing'],
              ['fulfilled', 'workersOk', { count: 4, trainees: 2 }],
              ['unclear', 'contentsUnknown'],
            ]),
          ),
        )
        .assertReply(reply(language, t('offers:company.next', { chamber: 'IHK' })))
        // This service point runs a hotline (the fixture's hotline.json): it is named, and offered.
        .assertReply(
          reply(language, t('offers:company.hotline', { phone: '0341 / 71 00 50' }), [
            { action: 'refer', partner: 'ihk-leipzig' },
            { action: 'hotline' },
            MENU,
          ]),
        )
        .startTest();
    });

    it('asks a craft company for the Meister and does not pass it without one (§ 22b HwO)', async () => {
      const { flow, t } = atMenu(language, 'company');
      await flow
        .send(tap({ action: 'companyCheck' }))
        .assertReply(reply(language, t('offers:company.intro')))
        .assertReply(reply(language, t('offers:company.chamber.ask')))
        .send(tap({ choice: 'hwk' }))
        .assertReply(reply(language, t('offers:company.field.ask')))
        .send('Friseur')
        .assertReply(reply(language, t('offers:company.trainer.askCraft'), yesNo))
        // Typed, as the owner would: "no" in the owner's language.
        .send(t('offers:company.no'))
        .assertReply(reply(language, t('offers:company.workers.ask')))
        .send('2')
        .assertReply(reply(language, t('offers:company.contents.ask'), yesNo))
        .send(tap({ choice: 'yes' }))
        .assertReply(
          reply(
            language,
            companyResult(t, 'Friseur', [
              ['unclear', 'trainerCraftMissing'],
              ['fulfilled', 'workersOk', { count: 2, trainees: 1 }],
              ['fulfilled', 'contentsOk'],
            ]),
          ),
        )
        .assertReply(reply(language, t('offers:company.next', { chamber: 'Handwerkskammer' })))
        .startTest();
    });

    it('gives the hotline number: open now, or closed with the next time and a callback', async () => {
      const open = atMenu(language, 'company');
      await open.flow
        .send(tap({ action: 'hotline' }))
        .assertReply(reply(language, open.t('offers:hotline.text', { phone: '0341 / 71 00 50' })))
        .assertReply(reply(language, open.t('offers:hotline.openNow'), [MENU]))
        .startTest();
      const closed = atMenu(language, 'company', SATURDAY);
      await closed.flow
        .send(tap({ action: 'hotline' }))
        .assertReply(reply(language, closed.t('offers:hotline.text', { phone: '0341 / 71 00 50' })))
        .assertReply(
          reply(
            language,
            closed.t('offers:hotline.next', { next: time(language, '2026-11-30T08:00:00Z') }),
          ),
        )
        .assertReply(reply(language, closed.t('handover:callback.offer')))
        .startTest();
    });

    it('shows orientation routes by field and opens a whole route in a map app', async () => {
      const { flow, t } = atMenu(language, 'youth');
      const route = offersContent.offers.routes[0]!;
      await flow
        .send(tap({ action: 'routes' }))
        .assertReply(
          reply(language, t('offers:routes.intro'), [
            { action: 'route', route: 'handwerk-ost' },
            MENU,
          ]),
        )
        .send(tap({ action: 'route', route: 'handwerk-ost' }))
        .assertReply(
          cards(language, [route.title[language as 'de'] ?? route.title.en!], (activity) => {
            const text = (activity.attachments?.[0]?.content as { text: string }).text;
            expect(text.split('\n')).to.have.length(2);
            expect(text).to.contain('Beispiel-Tischlerei').and.to.contain('Torgauer Platz 3');
            expect(buttonsOf(activity)[0]?.value).to.equal(
              'https://graphhopper.com/maps/?point=51.3455,12.4118&point=51.3469,12.3999&profile=foot',
            );
          }),
        )
        .assertReply(reply(language, t('answer.followUp')))
        .startTest();
    });
  });
}

describe('"delete my data" and the offers', () => {
  it('deletes the referral and the appointment request of the conversation', async () => {
    const { bot, flow, t } = atMenu('de', 'parent');
    const { service } = bot;
    await flow
      .then(async () => {
        const conversationId = bot.adapter.conversation.conversation.id;
        const common = {
          conversationId,
          language: 'de' as const,
          contact: '0176 1234567',
          contactType: 'phone' as const,
        };
        await service.addReferral({
          ...common,
          partnerId: 'iq-sachsen',
          partnerName: 'IQ Netzwerk Sachsen',
          topics: [],
        });
        await service.addAppointment({
          ...common,
          start: at('2026-11-26T12:00:00Z'),
          minutes: 30,
          place: 'Willkommenszentrum (Beispiel)',
          status: 'requested',
          reference: bot.adapter.conversation,
        });
      })
      .send('Daten löschen')
      .assertReply(reply('de', t('privacy.confirm')))
      .send(tap({ action: 'deleteConfirm' }))
      .assertReply(reply('de', t('privacy.deleted')))
      .startTest();
    expect(await service.referrals.list()).to.deep.equal([]);
    expect(await service.appointments.list()).to.deep.equal([]);
  });
});

describe('appointments from a typed day and time', () => {
  function typed(language: string, text: string): TestFlow {
    const { flow, t } = atMenu(language, 'parent');
    return flow
      .send(tap({ action: 'appointment' }))
      .assertReply(
        reply(language, t('offers:appointment.ask', { place: 'Willkommenszentrum (Beispiel)' })),
      )
      .send(tap({ choice: 'other' }))
      .assertReply(reply(language, t('offers:appointment.askTime')))
      .send(text);
  }

  it('reads "Dienstag 10 Uhr" as the free slot next Tuesday at 10:00', async () => {
    await typed('de', 'Dienstag 10 Uhr')
      .assertReply(
        reply(
          'de',
          tr('de', 'parent')('offers:appointment.consent', {
            time: time('de', '2026-12-01T09:00:00Z'),
          }),
        ),
      )
      .startTest();
  });

  it('reads Arabic "الثلاثاء الساعة 10" the same way', async () => {
    await typed('ar', 'الثلاثاء الساعة 10')
      .assertReply(
        reply(
          'ar',
          tr('ar', 'parent')('offers:appointment.consent', {
            time: time('ar', '2026-12-01T09:00:00Z'),
          }),
        ),
      )
      .startTest();
  });

  it('says when a typed time is not free and offers the free times after it', async () => {
    await typed('de', 'Montag 10 Uhr')
      .assertReply((activity: Partial<Activity>) => {
        expect(activity.text).to.equal(
          tr('de', 'parent')('offers:appointment.notAvailable', {
            time: time('de', '2026-11-30T09:00:00Z'),
          }),
        );
        expect(activity.suggestedActions?.actions[0]?.value).to.deep.equal({
          choice: String(at('2026-12-01T08:00:00Z')),
        });
      })
      .startTest();
  });
});
