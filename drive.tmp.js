const { Pool } = require('undici');
(async () => {
  const pool = new Pool('http://127.0.0.1:3995', { connections: 20 });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 20 }, async (_, c) => {
    for (let i = 0; i < 400; i++) {
      const r = await pool.request({ path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', id: 'x' + i, text: i % 2 ? 'hallo, was ist eine Ausbildung?' : 'wie viel verdient man?', locale: 'de-DE', channelId: 'bench', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', conversation: { id: 'p' + c }, from: { id: 'u' + c }, recipient: { id: 'bot' } }) });
      await r.body.text();
    }
  }));
  console.log('turns/s', Math.round(8000 / ((performance.now() - t0) / 1000)));
  await pool.close();
})();
