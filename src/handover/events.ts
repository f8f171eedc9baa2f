import { EventEmitter } from 'node:events';
import type { RedisClient } from '../storage';
import type { RelayedMessage, TicketStatus } from './ticket';

/** What changed in the handover, for the consoles' live updates. */
export type HandoverEvent =
  | { type: 'ticket'; id: string; status: TicketStatus; language: string; counsellor?: string }
  | { type: 'message'; ticketId: string; counsellor?: string; message: RelayedMessage }
  /** A callback request was added or done (its contents are fetched with the API). */
  | { type: 'callback'; id: string; status: 'open' | 'done' }
  /** A referral to a partner was added or done. */
  | { type: 'referral'; id: string; status: 'open' | 'done' }
  /** An appointment request was added, confirmed or declined. */
  | { type: 'appointment'; id: string; status: 'requested' | 'confirmed' | 'declined' | 'done' };

/** Handover events across every instance. */
export interface HandoverEvents {
  publish(event: HandoverEvent): Promise<void>;
  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (event: HandoverEvent) => void): () => void;
  close(): Promise<void>;
}

/** Events within one process (the embedded default). */
export class MemoryHandoverEvents implements HandoverEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: HandoverEvent): Promise<void> {
    // A copy per publish, as Redis would deliver.
    this.emitter.emit('event', JSON.parse(JSON.stringify(event)) as HandoverEvent);
  }

  subscribe(listener: (event: HandoverEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Events over Redis pub/sub on `<ns>::ho:events`, with a subscriber
 * connection of this instance's own: a counsellor whose console is served by
 * instance A hears of a ticket opened on instance B.
 */
export class RedisHandoverEvents implements HandoverEvents {
  private readonly channel: string;
  private readonly listeners = new Set<(event: HandoverEvent) => void>();
  private readonly subscriber: RedisClient;
  private readonly subscribing: Promise<unknown>;

  constructor(
    private readonly client: RedisClient,
    namespace: string,
    onError: (error: Error) => void = () => undefined,
  ) {
    this.channel = `${namespace}::ho:events`;
    this.subscriber = client.duplicate();
    this.subscriber.on('error', onError);
    this.subscribing = this.subscriber
      .connect()
      .then(() =>
        this.subscriber.subscribe(this.channel, (json) => {
          const event = JSON.parse(json) as HandoverEvent;
          for (const listener of this.listeners) listener(event);
        }),
      )
      .catch(onError);
  }

  async publish(event: HandoverEvent): Promise<void> {
    await this.client.publish(this.channel, JSON.stringify(event));
  }

  subscribe(listener: (event: HandoverEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once this instance hears every instance's events. */
  async whenSubscribed(): Promise<void> {
    await this.subscribing;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.subscriber.isReady) await this.subscriber.close();
    else if (this.subscriber.isOpen) this.subscriber.destroy();
  }
}
