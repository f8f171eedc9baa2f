import { expect } from 'chai';
import { runConversations, summarise } from './conversationEval';

/**
 * The conversation-level evaluation in CI. Issue 16's targets are 90 % of
 * turns right at once overall, 85 % in every language and every
 * confirmation; measured 87.5 % overall (304 turns), ar 89 %, de 100 %,
 * de-simple 87 %, en 80 %, fa 78 %, ru 85 %, tr 92 %, uk 93 %, confirmations
 * 96 %. Until the targets are reached, these floors keep what was reached
 * from slipping back (a little below the measured figures: a loaded machine may time out an NLU request).
 */
const FLOOR = { overall: 0.85, language: 0.75, confirmations: 0.95 };

describe('conversations: scripted multi-turn conversations in every language', function () {
  this.timeout(120_000);

  it('answers at least the reached share of turns right at once, overall, per language and for confirmations', async function () {
    const summary = summarise(await runConversations());
    const share = ({ right, all }: { right: number; all: number }) => right / all;
    expect(share(summary.overall), 'overall').to.be.at.least(FLOOR.overall);
    for (const [language, result] of Object.entries(summary.languages)) {
      expect(share(result), language).to.be.at.least(FLOOR.language);
      expect(result.all, `${language}: scored turns`).to.be.at.least(24);
    }
    expect(share(summary.kinds.confirmation!), 'confirmations').to.be.at.least(FLOOR.confirmations);
  });
});
