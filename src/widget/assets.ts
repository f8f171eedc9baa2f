import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, Response } from 'restify';

/** A file served as it is (or a body built at start-up), from memory after the first request. */
export type AssetSource = {
  contentType: string;
  /** Seconds browsers may keep it without asking (0: ask every time, with its ETag). */
  maxAgeSeconds: number;
  /** Named by its content's version in its URL: browsers keep it for good. */
  immutable?: boolean;
} & ({ file: string } | { body: string | Buffer });

/** A body in the encodings browsers accept, with its ETag. */
export interface Compressed {
  body: Buffer;
  gzipped: Buffer;
  brotli: Buffer;
  etag: string;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Compresses a body once (brotli at its best setting: it is done once, read by every phone). */
export async function compress(body: Buffer | string): Promise<Compressed> {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(buffer, { level: 9 }),
    brotliAsync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }),
  ]);
  return {
    body: buffer,
    gzipped,
    brotli,
    etag: `"${createHash('sha1').update(buffer).digest('base64url')}"`,
  };
}

/**
 * Sends a compressed body in the best encoding the browser accepts (brotli,
 * gzip, none), or 304 when the browser has it already.
 */
export function sendCompressed(
  req: Request,
  res: Response,
  asset: Compressed,
  headers: { contentType: string; cacheControl: string; vary?: string },
): void {
  res.setHeader('Content-Type', headers.contentType);
  res.setHeader('ETag', asset.etag);
  res.setHeader('Vary', headers.vary ? `Accept-Encoding, ${headers.vary}` : 'Accept-Encoding');
  res.setHeader('Cache-Control', headers.cacheControl);
  if (req.header('if-none-match') === asset.etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  const accepted = req.header('accept-encoding') ?? '';
  const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : '';
  const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzipped : asset.body;
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(body.length));
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The Cache-Control of an asset. */
function cacheControl(source: AssetSource): string {
  if (source.immutable) return 'public, max-age=31536000, immutable';
  return source.maxAgeSeconds > 0 ? `public, max-age=${source.maxAgeSeconds}` : 'no-cache';
}

/**
 * A few static files, read and compressed once, then served from memory with
 * an ETag so a returning browser gets 304 (or, for a versioned asset, does
 * not ask at all).
 */
export class StaticAssets {
  private readonly loaded = new Map<string, Promise<Compressed>>();

  constructor(private readonly sources: Readonly<Record<string, AssetSource>>) {}

  /** The URL paths served. */
  get paths(): string[] {
    return Object.keys(this.sources);
  }

  /** Sends the asset at `path`; rejects when its file cannot be read. */
  async send(path: string, req: Request, res: Response): Promise<void> {
    const source = this.sources[path];
    if (!source) throw new Error(`no asset at ${path}`);
    const asset = await this.load(path, source);
    sendCompressed(req, res, asset, {
      contentType: source.contentType,
      cacheControl: cacheControl(source),
    });
  }

  private load(path: string, source: AssetSource): Promise<Compressed> {
    let loading = this.loaded.get(path);
    if (!loading) {
      loading = (async () =>
        compress('file' in source ? await readFile(source.file) : source.body))();
      loading.catch(() => this.loaded.delete(path));
      this.loaded.set(path, loading);
    }
    return loading;
  }
}
