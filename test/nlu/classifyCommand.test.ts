import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/paths';

/** Runs `npm run --silent classify` the way content editors do, on these input lines. */
function classify(lines: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'dist/src/nlu/classifyCommand.js')],
      {
        cwd: PROJECT_ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`exit ${code}`)),
    );
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe('nlu: the classify command', function () {
  this.timeout(30_000);

  it('writes one JSON line per input, in order, with topic, language and confidence', async function () {
    const output = await classify([
      JSON.stringify({ text: 'wie viel verdient man als azubi' }),
      JSON.stringify({ text: 'ممكن اعمل اوسبيلدونغ مع دولدونغ؟', locale: 'ar-SY' }),
      'this is not json',
      JSON.stringify({ text: 'who won the football yesterday' }),
    ]);
    const results = output.map(
      (line) => JSON.parse(line) as { topic: string; language: string; confidence: number },
    );
    expect(results).to.have.length(4);
    expect(results[0]).to.include({ topic: 'training-pay', language: 'de' });
    expect(results[1]).to.include({ topic: 'residence-and-permission', language: 'ar' });
    expect(results[2]).to.include({ topic: 'unknown' });
    expect(results[3]).to.include({ topic: 'unknown', language: 'en' });
    for (const result of results) expect(result.confidence).to.be.within(0, 1);
  });
});
