import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { describeError, type Logger } from '../../logger';
import type { ActivityLog } from './activityLog';
import { DirectLineError } from './errors';
import { parseWatermark, type DirectLineGateway } from './gateway';
import { MAX_STREAMS_PER_CONVERSATION } from './limits';

/** WebSocket close code sent on shutdown: 1012, service restart (reconnect). */
export const SHUTDOWN_CLOSE_CODE = 1012;
/** How often open streams are pinged; one that has not answered the last ping is closed. */
export const STREAM_HEARTBEAT_MS = 30_000;
/** Largest frame a client may send (clients only send empty keep-alive frames). */
export const MAX_CLIENT_FRAME_BYTES = 1024;
/** A stream whose unsent data exceeds this is closed; the client reconnects with its watermark. */
export const MAX_STREAM_BUFFER_BYTES = 1024 * 1024;

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

interface Stream {
  socket: WebSocket;
  conversationId: string;
  watermark: number;
  alive: boolean;
  busy: boolean;
  again: boolean;
}

/**
 * The WebSocket streams of Direct Line: `{activities, watermark}` frames.
 * A stream starts after the watermark of its URL (all history without one),
 * and after every append, on any instance, it reads what follows its own
 * watermark, so each activity reaches it once and in order.
 */
export class StreamHub {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
  });
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly gateway: DirectLineGateway,
    log: ActivityLog,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = log.onAppend((conversationId) => this.wake(conversationId));
    this.heartbeat = setInterval(() => this.ping(), STREAM_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes over WebSocket upgrades of stream URLs on `httpServer`. */
  attach(httpServer: HttpServer): void {
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Nothing an upgrade request carries may take the process down: any failure is a refusal.
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.logger.warn({ err: describeError(error) }, 'stream upgrade failed');
        refuse(socket, 400, 'Bad Request');
      });
    });
  }

  /** Open streams (for tests and metrics). */
  get size(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  /**
   * Closes every stream with 1012 "service restart": clients reconnect (to
   * another instance, or this one when it is back) and resume from their watermark.
   */
  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const set of this.streams.values()) {
      for (const stream of set) stream.socket.close(SHUTDOWN_CLOSE_CODE, 'restarting, reconnect');
    }
    this.streams.clear();
    this.server.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => undefined);
    const url = new URL(request.url ?? '/', 'http://gateway');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return refuse(socket, 404, 'Not Found');
    const conversationId = decodePathSegment(match[1]);
    if (conversationId === undefined) return refuse(socket, 400, 'Bad Request');
    try {
      await this.gateway.authorizeStream(url.searchParams.get('t') ?? '', conversationId);
    } catch (error) {
      if (error instanceof DirectLineError) return refuse(socket, error.status, error.code);
      this.logger.warn({ err: describeError(error) }, 'stream refused');
      return refuse(socket, 503, 'Service Unavailable');
    }
    this.server.handleUpgrade(request, socket, head, (ws) => {
      this.open(ws, conversationId, parseWatermark(url.searchParams.get('watermark')));
    });
  }

  private open(socket: WebSocket, conversationId: string, watermark: number): void {
    const stream: Stream = {
      socket,
      conversationId,
      watermark,
      alive: true,
      busy: false,
      again: false,
    };
    let set = this.streams.get(conversationId);
    if (!set) this.streams.set(conversationId, (set = new Set()));
    if (set.size >= MAX_STREAMS_PER_CONVERSATION) {
      const oldest = set.values().next().value;
      if (oldest) {
        set.delete(oldest);
        oldest.socket.close(1008, 'too many streams');
      }
    }
    set.add(stream);
    socket.on('pong', () => (stream.alive = true));
    socket.on('message', () => undefined); // clients send empty keep-alive frames
    socket.on('error', () => undefined);
    socket.on('close', () => {
      set.delete(stream);
      if (set.size === 0 && this.streams.get(conversationId) === set) {
        this.streams.delete(conversationId);
      }
    });
    void this.pump(stream);
  }

  /** After an append: pump the conversation's streams (all streams when `undefined`). */
  private wake(conversationId: string | undefined): void {
    const sets =
      conversationId === undefined
        ? [...this.streams.values()]
        : [this.streams.get(conversationId)];
    for (const set of sets) if (set) for (const stream of set) void this.pump(stream);
  }

  /** Sends what follows the stream's watermark; a wake during a send reads again after it. */
  private async pump(stream: Stream): Promise<void> {
    if (stream.busy) {
      stream.again = true;
      return;
    }
    stream.busy = true;
    try {
      do {
        stream.again = false;
        const group = await this.gateway.read(stream.conversationId, stream.watermark);
        if (stream.socket.readyState !== WebSocket.OPEN) return;
        if (group.activities.length === 0) continue;
        if (stream.socket.bufferedAmount > MAX_STREAM_BUFFER_BYTES) {
          stream.socket.terminate();
          return;
        }
        stream.socket.send(JSON.stringify(group));
        stream.watermark = Number(group.watermark);
      } while (stream.again);
    } catch (error) {
      // Storage is down: the client's next reconnect resumes from its watermark.
      this.logger.warn({ err: describeError(error) }, 'stream read failed');
      stream.socket.close(1011, 'try again');
    } finally {
      stream.busy = false;
    }
  }

  private ping(): void {
    for (const set of this.streams.values()) {
      for (const stream of set) {
        if (!stream.alive) {
          stream.socket.terminate();
          continue;
        }
        stream.alive = false;
        stream.socket.ping();
      }
    }
  }
}

/** A percent-encoded path segment, or undefined when its encoding is malformed (`%zz`, half a character). */
function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed || !socket.writable) return;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
