import { expect } from 'chai';
import type { RunningApp } from '../../src/index';
import { startTestApp } from '../support/app';
import { freePort, message, post } from '../support/http';
import { addCounsellor, counsellorApi, login } from '../support/handover';

const METRICS_TOKEN = 'metrics-token-for-the-tests';

describe('operations: Prometheus metrics and the anonymous statistics', function () {
  let app: RunningApp;

  before(async function () {
    app = await startTestApp({ METRICS_TOKEN });
  });

  after(async function () {
    await app?.close();
  });

  it('serves /metrics only with the token: turns, their latency, handovers, streams, storage', async function () {
    await post(app.url, message('Hallo', 'metrics-1', { locale: 'de' }));
    expect((await fetch(`${app.url}/metrics`)).status).to.equal(401);
    expect(
      (await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).to.equal(401);
    const response = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain/);
    const text = await response.text();
    expect(text).to.match(/^kausa_turns_total\{channel="test",outcome="ok"\} [1-9]/m);
    expect(text).to.match(/^kausa_turn_duration_seconds_count\{channel="test"\} [1-9]/m);
    expect(text).to.match(/^kausa_handover_tickets\{status="waiting"\} 0$/m);
    expect(text).to.match(/^kausa_directline_streams 0$/m);
    expect(text).to.match(/^kausa_storage_up 1$/m);
    expect(text).to.contain('kausa_process_cpu_seconds_total');
    expect(text, 'nothing a user wrote').to.not.contain('Hallo');
  });

  it('can put /metrics on an internal port of its own instead', async function () {
    const port = await freePort();
    const internal = await startTestApp({ METRICS_PORT: String(port) });
    try {
      expect((await fetch(`${internal.url}/metrics`)).status).to.equal(404);
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).to.equal(200);
      expect(await scraped.text()).to.contain('kausa_turns_total');
    } finally {
      await internal.close();
    }
  });

  it("gives leads (and only leads) the day's counts as JSON and CSV", async function () {
    await addCounsellor(app, {
      username: 'karin',
      name: 'Karin',
      languages: ['de'],
      password: 'statistik-2026',
    });
    const lead = await app.handover.directory.get('karin');
    await app.handover.directory.put({ ...lead!, role: 'lead' });
    await addCounsellor(app, {
      username: 'tom',
      name: 'Tom',
      languages: ['de'],
      password: 'statistik-2027',
    });
    const leadToken = await login(app.url, 'karin', 'statistik-2026');
    const counsellorToken = await login(app.url, 'tom', 'statistik-2027');

    await post(app.url, {
      ...message('', 'stats-1', { locale: 'uk' }),
      value: { audience: 'parent' },
    });
    await post(app.url, {
      ...message('', 'stats-1', { locale: 'uk' }),
      value: { topic: 'entry-requirements' },
    });
    await post(app.url, {
      ...message('', 'stats-1', { locale: 'uk' }),
      value: { topic: 'entry-requirements' },
    });
    const today = new Date().toISOString().slice(0, 10);
    const query = `?from=${today}&to=${today}`;

    expect(
      (await counsellorApi(app.url, 'GET', `/stats${query}`, counsellorToken)).status,
    ).to.equal(403);
    expect((await counsellorApi(app.url, 'GET', '/stats?from=gestern', leadToken)).status).to.equal(
      400,
    );
    const report = (await counsellorApi(app.url, 'GET', `/stats${query}`, leadToken)).body as {
      rows: Array<{
        metric: string;
        language: string;
        audience: string;
        topic: string;
        count: number;
      }>;
    };
    expect(report.rows).to.deep.include({
      day: today,
      metric: 'answers',
      language: 'uk',
      audience: 'parent',
      topic: 'entry-requirements',
      count: 2,
    });
    expect(
      report.rows.find((row) => row.metric === 'conversations' && row.language === 'uk')?.count,
    ).to.be.at.least(1);
    expect(JSON.stringify(report), 'no ids').to.not.contain('stats-1');

    const csv = await fetch(`${app.url}/api/counsellor/stats.csv${query}`, {
      headers: { authorization: `Bearer ${leadToken}` },
    });
    expect(csv.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).to.contain(
      `kausa-statistik-${today}-${today}.csv`,
    );
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).to.equal('day,metric,language,audience,topic,count');
    expect(lines).to.include(`${today},answers,uk,parent,entry-requirements,2`);
  });
});
