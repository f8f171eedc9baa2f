/**
 * `npm run bench`: drives kausa-bot (Redis state) and a bare echo bot (the
 * floor) over loopback HTTP with expectReplies, then the widget's Direct Line
 * round trip with 200 open conversations, then the widget page on emulated
 * Slow 3G in headless Chromium (cold and returning), and prints one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Pool } from 'undici';
import { WebSocket } from 'ws';
import { createClient } from '@redis/client';
import { createClassifier } from '../../src/nlu/classifier';

import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';
import { loadEvalSet } from '../nlu/evalNlu';
import { freePort, waitFor } from '../support/http';
import { benchSlowNetwork } from './slowNetwork';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const TURNS_PER_CONVERSATION = Number(process.env.BENCH_TURNS ?? 250);
const WARMUP_TURNS_PER_CONVERSATION = 50;
const ROUNDS = 2;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const NAMESPACE = `bench-${process.pid}`;
const NODE_FLAGS = ['--max-semi-space-size=16', '--disable-warning=DEP0111'];
/** Widget conversations kept open with a WebSocket stream during the Direct Line bench. */
const DL_CONVERSATIONS = Number(process.env.BENCH_DL_CONVERSATIONS ?? 200);
/** Messages each of them sends, one at a time, after a pause like a person typing. */
const DL_MESSAGES_EACH = 8;
/** Mean pause between a reply and the next message (uniform 0–2× this). */
const DL_THINK_MS = 2000;
const DL_SECRET = 'bench-direct-line-secret-0123456789abcdef';

interface Served {
  url: string;
  child: ChildProcess;
  startupMs: number;
}

async function serve(script: string, env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const started = performance.now();
  // The same Node flags as `npm start`, for the bot and the floor alike.
  const child = spawn(process.execPath, [...NODE_FLAGS, script], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 10_000, script);
  return { url, child, startupMs: performance.now() - started };
}

function body(conversation: string, turn: number): string {
  return JSON.stringify({
    type: 'message',
    id: `t${turn}`,
    text: turn % 2 === 0 ? 'hallo, was ist eine Ausbildung?' : 'wie viel verdient man?',
    locale: 'de-DE',
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    conversation: { id: conversation },
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
  });
}

interface RunResult {
  turns: number;
  seconds: number;
  latenciesMs: number[];
}

async function drive(url: string, label: string, turnsEach: number): Promise<RunResult> {
  const pool = new Pool(url, { connections: CONVERSATIONS, pipelining: 1 });
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, index) => {
      const conversation = `${label}-${index}`;
      for (let turn = 0; turn < turnsEach; turn += 1) {
        const sent = performance.now();
        const response = await pool.request({
          path: '/api/messages',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(conversation, turn),
        });
        const text = await response.body.text();
        if (response.statusCode !== 200 || !text.includes('"activities"')) {
          throw new Error(`${label}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
        }
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { turns: CONVERSATIONS * turnsEach, seconds, latenciesMs };
}

function summarise(runs: RunResult[]) {
  const turns = runs.reduce((sum, run) => sum + run.turns, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const sorted = runs.flatMap((run) => run.latenciesMs).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    turnsPerSec: Math.round(turns / seconds),
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
  };
}

async function stateBytes(): Promise<{ maxBytes: number; keys: number }> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  let maxBytes = 0;
  let keys = 0;
  const all: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${NAMESPACE}::*`, COUNT: 1000 })) {
    all.push(...batch);
  }
  for (const key of all) {
    // Bot state is a string per conversation/user; Direct Line keeps hashes and lists beside it.
    if ((await client.type(key)) !== 'string') continue;
    keys += 1;
    maxBytes = Math.max(maxBytes, await client.strLen(key));
  }
  if (all.length > 0) await client.del(all);
  await client.close();
  return { maxBytes, keys };
}

interface Stream {
  socket: WebSocket;
  /** Resolves with the next bot activity's arrival time. */
  waiting?: (at: number) => void;
}

/** Opens a widget conversation: token, start, stream; resolves once the welcome has arrived. */
async function openConversation(
  pool: Pool,
): Promise<{ id: string; token: string; stream: Stream }> {
  const request = async (path: string, token: string, payload: unknown) => {
    const response = await pool.request({
      path: `/v3/directline${path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
    });
    const json = (await response.body.json()) as Record<string, string>;
    if (response.statusCode >= 300) throw new Error(`${path}: HTTP ${response.statusCode}`);
    return json;
  };
  const generated = await request('/tokens/generate', DL_SECRET, {});
  const started = await request('/conversations', generated.token!, { locale: 'de' });
  const socket = new WebSocket(started.streamUrl!);
  const stream: Stream = { socket };
  const welcomed = new Promise<void>((resolve) => (stream.waiting = () => resolve()));
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { activities: Array<{ from: { role?: string } }> };
    if (frame.activities.some((activity) => activity.from.role === 'bot')) {
      const wake = stream.waiting;
      stream.waiting = undefined;
      wake?.(performance.now());
    }
  });
  await welcomed;
  return { id: started.conversationId!, token: started.token!, stream };
}

/**
 * The widget's round trip over Direct Line: {@link DL_CONVERSATIONS} open
 * conversations with WebSocket streams; each posts a message after a
 * person-like pause and times it until the bot's answer arrives on its stream.
 */
async function benchDirectLine(url: string) {
  const pool = new Pool(url, { connections: 50, pipelining: 1 });
  const conversations = [];
  for (let index = 0; index < DL_CONVERSATIONS; index += 1) {
    conversations.push(await openConversation(pool));
  }
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    conversations.map(async (conversation, index) => {
      for (let turn = 0; turn < DL_MESSAGES_EACH; turn += 1) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * DL_THINK_MS));
        const answered = new Promise<number>((resolve) => (conversation.stream.waiting = resolve));
        const sent = performance.now();
        const response = await pool.request({
          path: `/v3/directline/conversations/${conversation.id}/activities`,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${conversation.token}`,
          },
          body: JSON.stringify({
            type: 'message',
            text: (index + turn) % 2 === 0 ? 'was ist eine Ausbildung?' : 'wie viel verdient man?',
            channelData: { clientActivityID: `bench-${index}-${turn}` },
          }),
        });
        await response.body.text();
        if (response.statusCode !== 200)
          throw new Error(`direct line post: HTTP ${response.statusCode}`);
        latenciesMs.push((await answered) - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const conversation of conversations) conversation.stream.socket.close();
  await pool.close();
  const summary = summarise([{ turns: latenciesMs.length, seconds, latenciesMs }]);
  return {
    openConversations: DL_CONVERSATIONS,
    messages: latenciesMs.length,
    messagesPerSec: summary.turnsPerSec,
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
  };
}

/** Classification of every evaluation message, in this process, after building the classifier. */
function benchClassify() {
  const started = performance.now();
  const classifier = createClassifier(LOCALES_DIR);
  const buildMs = performance.now() - started;
  const texts = loadEvalSet().map((entry) => entry.text);
  const times: number[] = [];
  for (const text of texts) {
    const sent = performance.now();
    classifier.classify(text);
    times.push(performance.now() - sent);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.floor(q * (times.length - 1))] ?? 0) * 1000) / 1000;
  return {
    messages: texts.length,
    medianMs: at(0.5),
    p99Ms: at(0.99),
    buildMs: Math.round(buildMs),
  };
}

async function main(): Promise<void> {
  const bot = await serve(path.join(PROJECT_ROOT, 'dist/src/index.js'), {
    // BENCH_STORAGE_URL=memory:// shows what Redis costs.
    STORAGE_URL: process.env.BENCH_STORAGE_URL ?? REDIS_URL,
    STORAGE_NAMESPACE: NAMESPACE,
    DIRECT_LINE_SECRET: DL_SECRET,
    // The per-address limit of the open endpoint still runs (its cost is measured), far above the load.
    API_MESSAGES_PER_MINUTE: '10000000',
  });
  const floor = await serve(path.join(PROJECT_ROOT, 'dist/test/bench/echoBot.js'), {});
  try {
    await waitFor(async () => (await fetch(`${bot.url}/readyz`)).ok, 10_000, 'bot readyz');
    await drive(floor.url, 'warm-floor', WARMUP_TURNS_PER_CONVERSATION);
    await drive(bot.url, 'warm-bot', WARMUP_TURNS_PER_CONVERSATION);
    const floorRuns: RunResult[] = [];
    const botRuns: RunResult[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      floorRuns.push(await drive(floor.url, `floor-${round}`, TURNS_PER_CONVERSATION));
      botRuns.push(await drive(bot.url, `bot-${round}`, TURNS_PER_CONVERSATION));
    }
    const botSummary = summarise(botRuns);
    const floorSummary = summarise(floorRuns);
    const directLine = await benchDirectLine(bot.url);
    const state = await stateBytes();
    const classify = benchClassify();
    // The widget on a phone on Slow 3G, cold and returning (issue 18's figures).
    const slow3g = await benchSlowNetwork(`${bot.url}/`);
    const round = (n: number) => Math.round(n * 1000) / 1000;
    process.stdout.write(
      `${JSON.stringify({
        concurrency: CONVERSATIONS,
        turns: CONVERSATIONS * TURNS_PER_CONVERSATION * ROUNDS,
        bot: botSummary,
        floor: floorSummary,
        ratio: round(botSummary.turnsPerSec / floorSummary.turnsPerSec),
        p99Ratio: round(botSummary.p99Ms / floorSummary.p99Ms),
        startupMs: Math.round(bot.startupMs),
        stateMaxBytes: state.maxBytes,
        stateKeys: state.keys,
        classify,
        directLine,
        slow3g,
      })}\n`,
    );
  } finally {
    bot.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
