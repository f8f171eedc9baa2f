import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'restify';

const gzipAsync = promisify(gzip);

/** A file served as it is, from memory after the first request. */
export interface AssetSource {
  file: string;
  contentType: string;
  /** Seconds browsers may keep it without asking (0: ask every time, with its ETag). */
  maxAgeSeconds: number;
}

interface Loaded {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

/**
 * A few static files, read and gzip-compressed once (Web Chat's bundle is
 * 3.9 MB, about 1 MB compressed: it matters on a phone), then served from
 * memory with an ETag so a returning browser gets 304.
 */
export class StaticAssets {
  private readonly loaded = new Map<string, Promise<Loaded>>();

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
    res.setHeader('Content-Type', source.contentType);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader(
      'Cache-Control',
      source.maxAgeSeconds > 0 ? `public, max-age=${source.maxAgeSeconds}` : 'no-cache',
    );
    if (req.header('if-none-match') === asset.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = acceptsGzip ? asset.gzipped : asset.body;
    if (acceptsGzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', String(body.length));
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private load(path: string, source: AssetSource): Promise<Loaded> {
    let loading = this.loaded.get(path);
    if (!loading) {
      loading = (async () => {
        const body = await readFile(source.file);
        const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
        return { body, gzipped: await gzipAsync(body), etag };
      })();
      loading.catch(() => this.loaded.delete(path));
      this.loaded.set(path, loading);
    }
    return loading;
  }
}
