import { expect } from 'chai';
import type { Example } from '../../src/content/examples';
import { TopicClassifier } from '../../src/nlu/classifier';

/**
 * A classifier of a few phrases, so each case shows one way people write. (Its
 * scores are too small to be evidence on their own, so the cases read the
 * ranking: which class the message is closest to.)
 */
function classifier(examples: Array<[Example['id'], string, string]>): TopicClassifier {
  return new TopicClassifier(examples.map(([id, language, text]) => ({ id, language, text })));
}

function best(nlu: TopicClassifier, text: string): string | undefined {
  return nlu.classify(text).ranked[0]?.id;
}

describe('nlu: the classifier reads words as people write them', function () {
  it('Tigrinya: a word whose last syllable changes its vowel (ደሞዝ, ደሞዘይ "my pay") is the same word', function () {
    const nlu = classifier([
      ['training-pay', 'ti', 'ደሞዝ ክንደይ እዩ'],
      ['vocational-school', 'ti', 'ቤት ትምህርቲ መዓስ እዩ'],
    ]);
    expect(best(nlu, 'ደሞዘይ')).to.equal('training-pay');
  });

  it('Pashto typed on a Persian keyboard (شوونزی for ښوونځی) is read as Pashto letters', function () {
    const nlu = classifier([
      ['vocational-school', 'ps', 'ښوونځی ته ځم'],
      ['training-pay', 'ps', 'معاش څومره دی'],
    ]);
    expect(best(nlu, 'شوونزی')).to.equal('vocational-school');
    expect(best(nlu, 'معاش سومره دی')).to.equal('training-pay');
  });

  it('Vietnamese: a pair of syllables ("học nghề") counts more than the same syllables apart', function () {
    const nlu = classifier([
      ['dual-training-basics', 'vi', 'học nghề là gì'],
      ['german-language', 'vi', 'học tiếng Đức ở đâu, nghề gì cũng cần tiếng'],
    ]);
    const [first, second] = nlu.classify('hoc nghe').ranked;
    expect(first?.id).to.equal('dual-training-basics');
    expect(first!.score).to.be.greaterThan(2 * second!.score);
  });

  it('a message of words no phrase has is not understood', function () {
    const nlu = classifier([['training-pay', 'de', 'wie viel verdient man']]);
    expect(nlu.classify('xyzzy plugh')).to.deep.equal({ id: 'unknown', confidence: 0, ranked: [] });
  });
});
