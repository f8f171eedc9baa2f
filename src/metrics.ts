import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Channel ids that become a metric label as they are; any other is counted
 * as `other`, so a caller cannot add label values (each one is a series
 * kept in memory for good): the Bot Framework's channels, the Emulator, and
 * the ids the tests and the bench use.
 */
export const KNOWN_CHANNELS: ReadonlySet<string> = new Set([
  'directline',
  'webchat',
  'emulator',
  'msteams',
  'telegram',
  'facebook',
  'slack',
  'email',
  'sms',
  'line',
  'kik',
  'groupme',
  'twilio-sms',
  'omnichannel',
  'telephony',
  'alexa',
  'test',
  'bench',
]);

/** The label of a channel id: itself when known, else `other`. */
export function channelLabel(channelId: string | undefined): string {
  return channelId !== undefined && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}

/** What the gauges read at each scrape. */
export interface MetricSources {
  /** Open Direct Line WebSocket streams of this instance. */
  streams(): number;
  /** Whether Redis (or the embedded store) answers. */
  storageUp(): Promise<boolean>;
}

/**
 * Prometheus metrics (prom-client): turns and their latency, errors, Direct
 * Line connections, storage health, and Node's own process metrics. Other
 * modules register theirs on {@link Metrics.registry} (the handover its
 * tickets and waits: `src/handover/metrics.ts`).
 * Nothing per user: labels are known channels, outcomes and statuses (closed sets).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'channel' | 'outcome'>;
  private readonly turnSeconds: Histogram<'channel'>;
  private readonly errors: Counter<'kind'>;

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'kausa_' });
    const registers = [this.registry];
    this.turns = new Counter({
      name: 'kausa_turns_total',
      help: 'Bot turns by channel and outcome (ok, failed)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: 'kausa_turn_duration_seconds',
      help: 'Time from an incoming activity to its replies being sent and state saved',
      labelNames: ['channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    });
    this.errors = new Counter({
      name: 'kausa_errors_total',
      help: 'Errors by kind (turn, http, storage)',
      labelNames: ['kind'],
      registers,
    });
    new Gauge({
      name: 'kausa_directline_streams',
      help: 'Open Direct Line WebSocket streams on this instance',
      registers,
      collect() {
        this.set(sources.streams());
      },
    });
    new Gauge({
      name: 'kausa_storage_up',
      help: '1 when the state storage (Redis) answers, else 0',
      registers,
      async collect() {
        this.set((await sources.storageUp().catch(() => false)) ? 1 : 0);
      },
    });
  }

  /** Runs a turn, counting it and its duration by channel (see {@link channelLabel}); a failure is counted and passed on. */
  async timeTurn<T>(channelId: string | undefined, work: () => Promise<T>): Promise<T> {
    const channel = channelLabel(channelId);
    const stop = this.turnSeconds.startTimer({ channel });
    try {
      const result = await work();
      this.turns.inc({ channel, outcome: 'ok' });
      return result;
    } catch (error) {
      this.turns.inc({ channel, outcome: 'failed' });
      this.errors.inc({ kind: 'turn' });
      throw error;
    } finally {
      stop();
    }
  }

  error(kind: 'http' | 'storage'): void {
    this.errors.inc({ kind });
  }

  /** The text Prometheus scrapes. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Whether a request carries the metrics bearer token (compared in constant time). */
export function hasMetricsToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A listener of its own for `/metrics` (METRICS_PORT): keep that port inside the cluster. */
export function startMetricsServer(
  metrics: Metrics,
  port: number,
  token: string,
): Promise<HttpServer> {
  // (No chaining of writeHead: restify patches Node's response and drops its return value.)
  const answer = (res: ServerResponse, status: number, body = '', type = 'text/plain') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  const server = createServer((req, res) => {
    if (req.url !== '/metrics' || req.method !== 'GET') return answer(res, 404);
    if (token !== '' && !hasMetricsToken(req.headers.authorization, token)) return answer(res, 401);
    metrics.scrape().then(
      (body) => answer(res, 200, body, metrics.contentType),
      () => answer(res, 500),
    );
  });
  return new Promise((resolve) => server.listen(port, '::', () => resolve(server)));
}
