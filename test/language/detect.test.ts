import { expect } from 'chai';
import { detector, understander } from '../support/bot';
import shortMessages from './fixtures/short-messages.json';

const MAIN = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'];
/** The languages added in December 2026 (issue 20), read with the recognizers' word lists as the bot reads them. */
const NEW = ['ps', 'ti', 'kmr', 'fr', 'vi'];
/** Issue 20 asks for 95 % per new language on short messages. */
const MIN_NEW_ACCURACY = 0.95;
/** Measured 146/151 (96.7 %) when chosen; below this something broke. */
const MIN_ACCURACY = 0.93;

describe('language: detecting the language of short messages', function () {
  const detect = (text: string) => detector.detect(text);
  before(async function () {
    await detector.ready;
  });

  const cases: Array<[string, string | undefined]> = [
    ['ممكن اعمل اوسبيلدونغ مع دولدونغ؟', 'ar'],
    ['شو لازم اعمل لحتى لاقي تدريب', 'ar'],
    ['من از افغانستان هستم و میخواهم آوسبیلدونگ کنم', 'fa'],
    ['معاش چقدر است', 'fa'],
    ['мій син закінчив школу в Україні, що далі', 'uk'],
    ['дякую', 'uk'],
    ['мой сын окончил школу, что дальше', 'ru'],
    ['спасибо', 'ru'],
    ['how much money azubi', 'en'],
    ['wie viel verdient man in der ausbildung', 'de'],
    ['şirketim çırak yetiştirebilir mi', 'tr'],
    ['merhaba', 'tr'],
    ['ok', undefined],
    ['hi', undefined], // typed in every language: the page's or conversation's language stays
    ['👍', undefined],
    ['زه غواړم زده کړه وکړم', 'ps'],
    ['زه د کار اجازه لرم', 'ps'], // Pashto words without Pashto-only letters
    ['ኣነ Ausbildung ክገብር እደሊ', 'ti'],
    ['kurê min dixwaze perwerdeya pîşeyî bike', 'kmr'],
    ["je cherche une formation, s'il vous plaît", 'fr'],
    ['con tôi muốn học nghề', 'vi'],
  ];
  for (const [text, language] of cases) {
    it(`reads "${text}" as ${String(language)}`, async function () {
      expect(await detect(text)).to.equal(language);
    });
  }

  it('keeps a Ukrainian conversation Ukrainian when a short message could be either', async function () {
    expect(await detector.detect('Я повернулася', 'uk')).to.equal('uk');
    expect(await detector.detect('как дела', 'uk')).to.equal('uk');
  });

  it('switches when a message is clearly in another language', async function () {
    expect(await detector.detect('мой сын окончил школу', 'uk')).to.equal('ru');
    expect(await detector.detect('how much money do trainees get', 'de')).to.equal('en');
    expect(await detector.detect('ممكن اعمل تدريب مهني', 'de')).to.equal('ar');
  });

  it(`recognises at least ${MIN_ACCURACY * 100} % of the short test messages in the main languages`, async function () {
    const main = shortMessages.filter(({ lang }) => MAIN.includes(lang));
    const detected = await Promise.all(main.map(({ text }) => detect(text)));
    const right = main.filter(({ lang }, index) => detected[index] === lang).length;
    expect(right / main.length).to.be.at.least(MIN_ACCURACY);
    for (const language of MAIN) {
      const own = main.flatMap(({ lang }, index) => (lang === language ? [detected[index]] : []));
      const ownRight = own.filter((found) => found === language).length;
      expect(ownRight / own.length, language).to.be.at.least(0.85);
    }
  });

  it(`reads at least ${MIN_NEW_ACCURACY * 100} % of the short messages in each new language as that language, as the bot does`, async function () {
    for (const language of NEW) {
      const own = shortMessages.filter(({ lang }) => lang === language);
      expect(own.length, language).to.be.at.least(10);
      const read = await Promise.all(
        own.map(async ({ text }) => (await understander.understand(text)).language),
      );
      const wrong = own.filter((_, index) => read[index] !== language).map(({ text }) => text);
      expect(1 - wrong.length / own.length, `${language}: ${wrong.join(' | ')}`).to.be.at.least(
        MIN_NEW_ACCURACY,
      );
    }
  });
});
