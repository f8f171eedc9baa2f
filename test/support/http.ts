import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { connect as connectTcp, createServer } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { TEST_DIRECT_LINE_SECRET } from './app';

/** A reply activity as the bot returns it with expectReplies. */
export interface ReplyActivity {
  type: string;
  text?: string;
  locale?: string;
  channelData?: { language?: string; direction?: string };
}

/** An incoming message activity as a channel would send it. */
export function message(
  text: string,
  conversationId: string,
  options: { locale?: string; userId?: string } = {},
): Record<string, unknown> {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    text,
    locale: options.locale,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: options.userId ?? `user-${conversationId}` },
    recipient: { id: 'kausa-bot' },
  };
}

/** Posts an activity with expectReplies and returns the status and the replies. */
export async function post(
  baseUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; replies: ReplyActivity[]; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const raw = await response.text();
  const body: unknown = raw === '' ? undefined : JSON.parse(raw);
  const replies = (body as { activities?: ReplyActivity[] } | undefined)?.activities ?? [];
  return { status: response.status, replies, body };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A bot running as its own process, as `npm start` runs it. */
export interface BotProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node dist/src/index.js` with `env` and waits until /healthz answers. */
export async function spawnBot(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  // DEP0111: restify loads spdy, which touches a deprecated Node binding at import.
  const args = ['--disable-warning=DEP0111', path.join(PROJECT_ROOT, 'dist/src/index.js')];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      DIRECT_LINE_SECRET: TEST_DIRECT_LINE_SECRET,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 10_000, 'the bot to start');
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Sends a raw WebSocket upgrade request for `path` (no client library would
 * send a malformed one) and resolves the HTTP status line ('' if none came).
 */
export function rawUpgrade(baseUrl: string, path: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connectTcp(Number(port), hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
          'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // An accepted upgrade stays open: the status line is all that is needed.
      if (received.includes('\r\n')) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.setTimeout(3000, () => socket.destroy());
  });
}

/** An HTTP listener that records every request reaching it (a stand-in for an internal service). */
export interface CountingListener {
  url: string;
  /** `METHOD path` of each request, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** Starts a {@link CountingListener} on a free loopback port. */
export async function countingListener(): Promise<CountingListener> {
  const hits: string[] = [];
  const server = createHttpServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
