import type { Server } from 'restify';
import type { createAdapter } from './adapter';
import type { ApiMessagesPolicy } from './channels/botFramework';
import type { DirectLine } from './channels/directline';
import type { Handover } from './handover';
import type { Metrics } from './metrics';
import type { Statistics } from './stats/statistics';

/** A running bot: its HTTP server and how to stop it. */
export interface RunningApp {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:3978. */
  url: string;
  /** The self-hosted Direct Line channel (its adapter sends proactive messages to the widget). */
  directLine: DirectLine;
  /** The handover queue and the counsellor accounts. */
  handover: Handover;
  /** The anonymous statistics. */
  stats: Statistics;
  /** The Prometheus metrics. */
  metrics: Metrics;
  /** The Bot Framework side: the adapter of `/api/messages` and its admission policy. */
  botFramework: { adapter: ReturnType<typeof createAdapter>; policy: ApiMessagesPolicy };
  close(): Promise<void>;
}
