import { readFileSync } from 'node:fs';
import path from 'node:path';
import helmet from 'helmet';
import type { Request, Response, Server } from 'restify';
import { clientAddress, streamOrigin, type PublicAddress } from '../http/address';
import { respond } from '../http/respond';
import { directLineError } from '../channels/directline/http';
import type { DirectLineGateway } from '../channels/directline/gateway';
import { describeError, type Logger } from '../logger';
import { PUBLIC_DIR } from '../paths';
import {
  compress,
  sendCompressed,
  StaticAssets,
  type AssetSource,
  type Compressed,
} from './assets';
import { pageLanguage, renderPage, versionOf, type PageParts } from './page';
import type { Language } from '../language/languages';
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
  /** What renders the opening messages into the page, as the bot will send them. */
  page: Pick<PageParts, 'ui' | 'registers' | 'opening'>;
  logger: Logger;
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
  'views/ownReplies.js',
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
          // The counsellor console sets a few styles inline (the widget page sets none).
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

/** The widget's script parts (public/widget/), in the order they build on each other. */
const WIDGET_SCRIPTS = ['context.js', 'view.js', 'connection.js', 'start.js'] as const;

/** The widget's script: its parts as one file, one request on a slow network. */
function widgetScript(): string {
  return WIDGET_SCRIPTS.map((name) =>
    readFileSync(path.join(PUBLIC_DIR, 'widget', name), 'utf8'),
  ).join('\n');
}

/** The widget's style sheet with the organisation's colours (no style is set inline). */
function widgetStyles(config: WidgetConfig): string {
  const { primary, onPrimary } = config.colours;
  return `${readFileSync(path.join(PUBLIC_DIR, 'widget.css'), 'utf8')}\n:root {\n  --primary: ${primary};\n  --on-primary: ${onPrimary};\n}\n`;
}

/**
 * The web widget: the page at `/`, rendered by the server in the user's
 * language with the opening messages in it, its script and style sheet
 * (versioned URLs, cached for good), `/embed.js` for partner sites, the
 * page's configuration and the endpoint that starts a widget conversation.
 * Every response carries helmet's security headers and the page policy;
 * everything text is sent brotli- or gzip-compressed.
 */
export function registerWidgetRoutes(server: Server, deps: WidgetDeps): void {
  const script = widgetScript();
  const styles = widgetStyles(deps.config);
  const scriptUrl = `/widget.js?v=${versionOf(script)}`;
  const styleUrl = `/widget.css?v=${versionOf(styles)}`;
  const assets = new StaticAssets({
    '/widget.js': { body: script, contentType: JS, maxAgeSeconds: 300, immutable: true },
    '/widget.css': {
      body: styles,
      contentType: 'text/css; charset=utf-8',
      maxAgeSeconds: 300,
      immutable: true,
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
  } satisfies Record<string, AssetSource>);
  const configJson = compress(JSON.stringify(deps.config));
  const consoleJson = JSON.stringify(deps.consoleStrings);
  // One page per language, rendered and compressed once.
  const pages = new Map<Language, Promise<Compressed>>();
  const pageIn = (language: Language): Promise<Compressed> => {
    let page = pages.get(language);
    if (!page) {
      page = compress(renderPage(deps.config, language, { ...deps.page, scriptUrl, styleUrl }));
      pages.set(language, page);
    }
    return page;
  };
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
  const page = withSecureHeaders(async (req, res) => {
    const query = new URLSearchParams(req.getQuery());
    const language = pageLanguage(query.get('lang') ?? undefined, req.header('accept-language'));
    sendCompressed(req, res, await pageIn(language), {
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-cache',
      vary: 'Accept-Language',
    });
  });
  server.get('/', page);
  server.head('/', page);
  server.get(
    '/widget/config.json',
    withSecureHeaders(async (req, res) => {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('Access-Control-Allow-Origin', '*');
      sendCompressed(req, res, await configJson, {
        contentType: 'application/json; charset=utf-8',
        cacheControl: 'public, max-age=300',
      });
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
  // The page's start: a conversation, its opening messages and its stream, in one round trip.
  server.post(
    '/widget/conversation',
    withSecureHeaders((req, res) =>
      respond(
        res,
        async () => ({
          body: await deps.gateway.widgetConversation(
            clientAddress(req, deps.address),
            new URLSearchParams(req.getQuery()).get('locale') ?? undefined,
            streamOrigin(req, deps.address),
          ),
        }),
        { logger: deps.logger, what: 'widget conversation failed', format: directLineError },
      ),
    ),
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
