import path from 'node:path';
import helmet from 'helmet';
import type { Request, Response, Server } from 'restify';
import { clientAddress, streamOrigin, type PublicAddress } from '../http/address';
import { respond } from '../http/respond';
import { directLineError } from '../channels/directline/http';
import type { DirectLineGateway } from '../channels/directline/gateway';
import { describeError, type Logger } from '../logger';
import { PUBLIC_DIR } from '../paths';
import { StaticAssets, type AssetSource } from './assets';
import type { WidgetConfig } from './widgetConfig';
import type { ConsoleStrings } from '../content/consoleStrings';

/** The console's pages: never shown in a frame (no clickjacking of a counsellor's session). */
const CONSOLE_PREFIX = '/counsellor/';

/** What the widget's routes need. */
export interface WidgetDeps {
  gateway: DirectLineGateway;
  config: WidgetConfig;
  address: PublicAddress;
  /** CSP frame-ancestors sources: who may show the page in a frame. */
  frameAncestors: string[];
  /** Replaces the built-in page policy when not empty. */
  contentSecurityPolicy: string;
  /** The counsellor console's strings (`/counsellor/strings.json`). */
  consoleStrings: ConsoleStrings;
  logger: Logger;
}

/** Web Chat's folder: its `exports` hide `dist/`, so it is found from the package's main file. */
function webchatDist(): string {
  const main = require.resolve('botframework-webchat');
  return path.join(main.slice(0, main.lastIndexOf(`${path.sep}lib${path.sep}`)), 'dist');
}

const JS = 'text/javascript; charset=utf-8';

/** The counsellor console's ES modules (public/counsellor/), served as they are: no build step. */
const CONSOLE_MODULES = [
  'main.js',
  'api.js',
  'commands.js',
  'dom.js',
  'events.js',
  'i18n.js',
  'notify.js',
  'render.js',
  'store.js',
  'views/actions.js',
  'views/charts.js',
  'views/composer.js',
  'views/detail.js',
  'views/lists.js',
  'views/login.js',
  'views/requests.js',
  'views/shell.js',
  'views/stats.js',
  'views/transcript.js',
] as const;

/**
 * The console's modules as assets. Browsers ask for each again on every load
 * (mostly a 304 by ETag): a module cached longer than the others could meet
 * newer ones after a deploy, and the console would not start.
 */
function consoleModules(): Record<string, AssetSource> {
  return Object.fromEntries(
    CONSOLE_MODULES.map((name) => [
      `${CONSOLE_PREFIX}${name}`,
      { file: path.join(PUBLIC_DIR, 'counsellor', name), contentType: JS, maxAgeSeconds: 0 },
    ]),
  );
}

/** The page's Content-Security-Policy: scripts only from here; streams to this host. */
function pagePolicy(req: Request, deps: WidgetDeps): string {
  const base =
    deps.contentSecurityPolicy !== ''
      ? deps.contentSecurityPolicy.replace(/;\s*$/, '')
      : [
          "default-src 'self'",
          "script-src 'self'",
          // Web Chat styles itself with inserted <style> elements.
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self' data:",
          `connect-src 'self' ${streamOrigin(req, deps.address)}`,
          "media-src 'self' blob:",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'none'",
        ].join('; ');
  const ancestors = (req.path() ?? '').startsWith(CONSOLE_PREFIX)
    ? "'none'"
    : deps.frameAncestors.join(' ');
  return `${base}; frame-ancestors ${ancestors}`;
}

/**
 * The web widget: the page at `/` with Web Chat served from node_modules (no
 * CDN), `/embed.js` for partner sites, the page's configuration and the
 * token endpoint that starts a widget conversation. Every response carries
 * helmet's security headers and the page policy.
 */
export function registerWidgetRoutes(server: Server, deps: WidgetDeps): void {
  const assets = new StaticAssets({
    '/': {
      file: path.join(PUBLIC_DIR, 'index.html'),
      contentType: 'text/html; charset=utf-8',
      maxAgeSeconds: 0,
    },
    '/widget.js': { file: path.join(PUBLIC_DIR, 'widget.js'), contentType: JS, maxAgeSeconds: 300 },
    '/widget.css': {
      file: path.join(PUBLIC_DIR, 'widget.css'),
      contentType: 'text/css; charset=utf-8',
      maxAgeSeconds: 300,
    },
    '/embed.js': { file: path.join(PUBLIC_DIR, 'embed.js'), contentType: JS, maxAgeSeconds: 300 },
    '/counsellor/': {
      file: path.join(PUBLIC_DIR, 'counsellor', 'index.html'),
      contentType: 'text/html; charset=utf-8',
      maxAgeSeconds: 0,
    },
    ...consoleModules(),
    // i18next's browser ES module (no imports of its own), for the console's strings.
    '/counsellor/vendor/i18next.js': {
      file: path.join(path.dirname(require.resolve('i18next/package.json')), 'dist/esm/i18next.js'),
      contentType: JS,
      maxAgeSeconds: 86400,
    },
    '/counsellor/console.css': {
      file: path.join(PUBLIC_DIR, 'counsellor', 'console.css'),
      contentType: 'text/css; charset=utf-8',
      maxAgeSeconds: 300,
    },
    '/counsellor/chart.js': {
      file: path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
      contentType: JS,
      maxAgeSeconds: 86400,
    },
    '/webchat/webchat.js': {
      file: path.join(webchatDist(), 'webchat.js'),
      contentType: JS,
      maxAgeSeconds: 86400,
    },
  } satisfies Record<string, AssetSource>);
  const configJson = JSON.stringify(deps.config);
  const consoleJson = JSON.stringify(deps.consoleStrings);
  const secureHeaders = helmet({
    contentSecurityPolicy: false, // set per request below (it names this host's stream origin)
    strictTransportSecurity: false, // set below, only when the request came over TLS
    xFrameOptions: false, // frame-ancestors decides; X-Frame-Options cannot name partner sites
  });

  // Pages and assets only: the bot's and the gateway's JSON routes need none of it.
  const withSecureHeaders =
    (route: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: (error?: Error) => void) => {
      secureHeaders(req, res, (error?: unknown) => {
        if (error) return next(error as Error);
        res.setHeader('Content-Security-Policy', pagePolicy(req, deps));
        if (streamOrigin(req, deps.address).startsWith('wss:')) {
          res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
        }
        route(req, res).then(() => next(), next);
      });
    };

  const serve = (assetPath: string) => async (req: Request, res: Response) => {
    // embed.js runs on partner sites, which must be allowed to load it.
    if (assetPath === '/embed.js') res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    try {
      await assets.send(assetPath, req, res);
    } catch (error) {
      deps.logger.error({ err: describeError(error), asset: assetPath }, 'asset missing');
      res.send(500, { code: 'InternalError', message: 'Internal error' });
    }
  };
  for (const assetPath of assets.paths) {
    server.get(assetPath, withSecureHeaders(serve(assetPath)));
    server.head(assetPath, withSecureHeaders(serve(assetPath)));
  }
  server.get(
    '/widget/config.json',
    withSecureHeaders(async (_req, res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.writeHead(200);
      res.end(configJson);
    }),
  );
  server.get('/counsellor', (_req: Request, res: Response, next: (error?: Error) => void) => {
    res.redirect(301, CONSOLE_PREFIX, next);
  });
  server.get(
    '/counsellor/strings.json',
    withSecureHeaders(async (_req, res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.writeHead(200);
      res.end(consoleJson);
    }),
  );
  server.post(
    '/widget/token',
    withSecureHeaders((req, res) =>
      respond(
        res,
        async () => ({ body: await deps.gateway.widgetToken(clientAddress(req, deps.address)) }),
        { logger: deps.logger, what: 'widget token failed', format: directLineError },
      ),
    ),
  );
}
