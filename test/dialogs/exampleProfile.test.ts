/**
 * The shipped organisation profile is an example (the Leipzig service point
 * ended in 2022) and declares no company hotline (issue 17; content audit
 * row 1): nothing offers, names or claims a hotline, and the widget says
 * plainly that the contacts are examples.
 */
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { buildWidgetConfig } from '../../src/widget/widgetConfig';
import { botAdapter, content, offersContent, reply, tap, tr } from '../support/bot';

const values = (activity: Partial<Activity>) =>
  (activity.suggestedActions?.actions ?? []).map((action) => action.value as unknown);

describe('an organisation without a company hotline (the shipped example profile)', function () {
  it('is marked as an example, and the widget carries the notice in every language', function () {
    expect(content.organisation.example).to.equal(true);
    const config = buildWidgetConfig(content.i18n, content.organisation, 30);
    expect(config.organisation.example).to.equal(true);
    for (const language of config.languages) {
      expect(language.strings.example, language.code).to.equal(
        content.i18n.getFixedT(language.code, 'widget')('example'),
      );
      expect(language.strings.example, language.code).to.have.length.above(20);
    }
  });

  it('offers the hotline topic in no menu and as no related topic', function () {
    expect(content.catalogue.unavailable?.has('company-hotline')).to.equal(true);
    for (const groups of Object.values(content.catalogue.menus)) {
      for (const group of groups) expect(group.topics).not.to.include('company-hotline');
    }
    for (const [, meta] of content.catalogue.topics) {
      expect(meta.related).not.to.include('company-hotline');
    }
    // With a hotline in its data (the offers fixture), the topic is there.
    expect(offersContent.catalogue.unavailable?.has('company-hotline') ?? false).to.equal(false);
  });

  it('drops every line that would name the missing hotline number, in every language', function () {
    for (const language of ['de', 'en', 'ar', 'uk']) {
      const t = content.i18n.getFixedT(language);
      for (const topic of ['company-support', 'contact', 'company-eligibility']) {
        for (const field of ['answer', 'more']) {
          const text = t(`topics:${topic}.${field}`);
          expect(text, `${language} ${topic} ${field}`).not.to.match(/{{|}}/);
          expect(text, `${language} ${topic} ${field}`).not.to.match(/\n\s*$/);
        }
      }
    }
    // The German contact details: no hotline line, the office's phone still there.
    const contactMore = tr('de')('topics:contact.more');
    expect(contactMore).not.to.include('Hotline');
  });

  it('answers a company that asks for the hotline with how to reach the service point (de)', async function () {
    const company = tr('de', 'company');
    await botAdapter('de')
      .send(tap({ audience: 'company' }))
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .send(tap({ topic: 'company-hotline' }))
      .assertReply((activity: Partial<Activity>) => {
        reply('de', company('answer.notOffered'))(activity);
        expect(values(activity)).to.deep.equal([{ topic: 'contact' }, { action: 'menu' }]);
      })
      .startTest();
  });

  it('ends the company check without a hotline button or hotline sentence (tr)', async function () {
    const t = tr('tr', 'company');
    await botAdapter('tr')
      .send(tap({ audience: 'company' }))
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .send(tap({ action: 'companyCheck' }))
      .assertReply(reply('tr', t('offers:company.intro')))
      .assertReply(() => undefined)
      .send(tap({ choice: 'ihk' }))
      .assertReply(reply('tr', t('offers:company.field.ask')))
      .send('Aşçı')
      .assertReply(() => undefined)
      .send(tap({ choice: 'no' }))
      .assertReply(() => undefined)
      .send('4')
      .assertReply(() => undefined)
      .send(tap({ choice: 'dontKnow' }))
      .assertReply(() => undefined)
      .assertReply((activity: Partial<Activity>) => {
        reply('tr', t('offers:company.next', { chamber: 'IHK' }), [
          { action: 'refer', partner: 'ihk-leipzig' },
          { action: 'menu' },
        ])(activity);
        expect(activity.text).not.to.include('0341');
      })
      .startTest();
  });
});

describe('dialogs: a specific question inside a topic gets its own short answer', function () {
  it('de: the company told to report a tolerated trainee who stops gets that answer, the whole topic one tap away', async function () {
    const t = tr('de', 'company');
    const topic = 'company-hiring-refugees';
    await botAdapter('de')
      .send(tap({ audience: 'company' }))
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .send('muss ich der ausländerbehörde melden wenn mein azubi abbricht')
      .assertReply((activity: Partial<Activity>) => {
        reply(
          'de',
          `${t(`topics:${topic}.questions.duldung-trainee-stops.question`)}\n${t(`topics:${topic}.questions.duldung-trainee-stops.answer`)}`,
        )(activity);
        expect(activity.text).to.include('§ 60c');
      })
      .assertReply((activity: Partial<Activity>) => {
        reply('de', t('answer.needsCounsellor'))(activity);
        const buttons = values(activity);
        expect(buttons[0]).to.deep.equal({ action: 'counsellor' });
        expect(buttons[1]).to.deep.equal({ topic });
      })
      .startTest();
  });

  it('fa (right to left): "do my documents need translating?" gets the translation answer', async function () {
    const t = tr('fa', 'youth');
    const topic = 'certificate-recognition';
    await botAdapter('fa')
      .send(tap({ audience: 'youth' }))
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .send('ترجمه اسناد لازم است؟')
      .assertReply(
        reply(
          'fa',
          `${t(`topics:${topic}.questions.translation-needed.question`)}\n${t(`topics:${topic}.questions.translation-needed.answer`)}`,
        ),
      )
      .startTest();
  });
});
