import { isIP } from 'node:net';
import type { Request } from 'restify';

/** How the service is reached from outside. */
export interface PublicAddress {
  /** Configured origin (`https://chat.example.org`), or empty to take it from each request. */
  publicUrl: string;
  /** How many reverse proxies in front of the bot are trusted (0: X-Forwarded-* are ignored). */
  trustProxy: number;
}

const HOST_PATTERN = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

function firstHeader(req: Request, name: string): string | undefined {
  const value = req.header(name);
  return value === undefined || value === '' ? undefined : value.split(',')[0]?.trim();
}

/** The origin WebSocket streams are reached at: `wss://host` behind TLS, else `ws://host`. */
export function streamOrigin(req: Request, address: PublicAddress): string {
  if (address.publicUrl !== '') return address.publicUrl.replace(/^http/, 'ws');
  const trusted = address.trustProxy > 0;
  const forwardedHost = trusted ? firstHeader(req, 'x-forwarded-host') : undefined;
  const forwardedProto = trusted ? firstHeader(req, 'x-forwarded-proto') : undefined;
  const host = forwardedHost ?? req.header('host') ?? '';
  const secure = forwardedProto === 'https' || req.isSecure();
  return `${secure ? 'wss' : 'ws'}://${HOST_PATTERN.test(host) ? host : 'localhost'}`;
}

/**
 * The client's IP address. Each trusted proxy appends the address it was
 * reached from to X-Forwarded-For, so with `trustProxy` hops the client is
 * the entry that many places from the right; whatever a client wrote itself
 * stands further left and is never taken.
 */
export function clientAddress(req: Request, address: PublicAddress): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (address.trustProxy === 0) return socketAddress;
  const entries = (req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return socketAddress;
  const client = entries[Math.max(0, entries.length - address.trustProxy)] ?? '';
  return isIP(client) ? client : socketAddress;
}
