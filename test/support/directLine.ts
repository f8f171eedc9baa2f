import type { Activity } from 'botbuilder';
import { DirectLine, ConnectionStatus } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- xhr2 ships no types
const XHR2: unknown = require('xhr2');

// As botframework-directlinejs's README says for Node.js: give it XMLHttpRequest and WebSocket.
const globals = globalThis as Record<string, unknown>;
globals.XMLHttpRequest ??= XHR2;
globals.WebSocket ??= WebSocket;

/** The stock Direct Line client against a running bot, with what it received. */
export interface Client {
  directLine: DirectLine;
  received: Activity[];
  /** Resolves with the first received activity after `from` matching `match`. */
  next(
    match: (activity: Activity) => boolean,
    from?: number,
    timeoutMs?: number,
  ): Promise<Activity>;
  /** Posts and resolves the activity id the gateway assigned. */
  post(activity: Partial<Activity>): Promise<string>;
  end(): void;
}

/** Options of {@link connect}. */
export interface ConnectOptions {
  token: string;
  webSocket: boolean;
  conversationId?: string;
  watermark?: string;
  locale?: string;
}

/** Opens the stock `botframework-directlinejs` client on `baseUrl`/v3/directline. */
export function connect(baseUrl: string, options: ConnectOptions): Client {
  const directLine = new DirectLine({
    domain: `${baseUrl}/v3/directline`,
    token: options.token,
    webSocket: options.webSocket,
    conversationId: options.conversationId,
    watermark: options.watermark,
    pollingInterval: 200,
    ...(options.locale ? { conversationStartProperties: { locale: options.locale } } : {}),
  });
  const received: Activity[] = [];
  const waiting = new Set<() => void>();
  const subscription = directLine.activity$.subscribe((activity) => {
    received.push(activity as Activity);
    for (const wake of waiting) wake();
  });
  return {
    directLine,
    received,
    next(match, from = 0, timeoutMs = 8000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.slice(from).find(match);
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no matching activity within ${timeoutMs} ms; got ${received.length}`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    post(activity) {
      return directLine
        .postActivity({ from: { id: 'ignored' }, ...activity } as never)
        .toPromise() as Promise<string>;
    },
    end() {
      subscription.unsubscribe();
      if (directLine.connectionStatus$.getValue() !== ConnectionStatus.Ended) directLine.end();
    },
  };
}

/** Gets a widget token (a new conversation) from a running bot. */
export async function widgetToken(
  baseUrl: string,
): Promise<{ conversationId: string; token: string; expires_in: number }> {
  const response = await fetch(`${baseUrl}/widget/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`widget token: HTTP ${response.status}`);
  return (await response.json()) as { conversationId: string; token: string; expires_in: number };
}

/** Calls a Direct Line REST route with a bearer token; resolves status, headers and JSON body. */
export async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string | undefined,
  body?: string | object,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/v3/directline${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}
