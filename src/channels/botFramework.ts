import type { Activity } from 'botbuilder';
import { ConnectorClient, type ConnectorClientOptions } from 'botframework-connector';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../util/httpError';
import { DIRECT_LINE_CHANNEL_ID, DIRECT_LINE_SERVICE_URL } from './directline/adapter';

/**
 * Who may use `POST /api/messages`, and where the bot may send what it says there:
 * - `authenticated`: app credentials are set; the Bot Framework's rules apply
 *   (every request carries a channel's token, replies go to its serviceUrl).
 * - `open`: no credentials (the shipped Compose and Kubernetes files, `npm start`):
 *   anyone may call, so only `deliveryMode: "expectReplies"` is answered, in
 *   the HTTP response, and the bot never calls any serviceUrl.
 * - `development` (`npm run dev`): open, and replies may also go to a
 *   loopback serviceUrl, as the Bot Framework Emulator on this machine needs.
 * In no mode can `/api/messages` reach a conversation of the self-hosted widget.
 */
export type EndpointMode = 'authenticated' | 'open' | 'development';

/** The mode a configuration gives: credentials decide, then the development flag. */
export function endpointModeOf(config: {
  botAuth: { MicrosoftAppId: string };
  devMode: boolean;
}): EndpointMode {
  if (config.botAuth.MicrosoftAppId !== '') return 'authenticated';
  return config.devMode ? 'development' : 'open';
}

/** An outbound call to a serviceUrl that the endpoint mode does not allow (a console action answers 409). */
export class OutboundRefusedError extends HttpError {
  constructor() {
    super(409, 'Unreachable', "This user's channel cannot receive messages from this bot.");
    this.name = 'OutboundRefusedError';
  }
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a URL points at this machine by name or address (no DNS lookup is made). */
export function isLoopbackUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.test(url.hostname)
    );
  } catch {
    return false;
  }
}

/** Whether the bot may send HTTP requests to `serviceUrl` in `mode`. */
export function mayCall(mode: EndpointMode, serviceUrl: string): boolean {
  if (mode === 'authenticated') return true;
  return mode === 'development' && isLoopbackUrl(serviceUrl);
}

/** A connector whose every call fails with {@link OutboundRefusedError} before anything is sent. */
export function refusingConnector(): ConnectorClient {
  const httpClient: NonNullable<ConnectorClientOptions['httpClient']> = {
    sendRequest: () => Promise.reject(new OutboundRefusedError()),
  };
  const credentials = { signRequest: async <T>(request: T) => request };
  return new ConnectorClient(credentials as never, {
    baseUri: 'https://refused.invalid',
    httpClient,
  });
}

/** The refusal of a request to `/api/messages`, answered as `{code, message}`. */
export class EndpointRefusal extends HttpError {}

const belongsToWidget = () =>
  new EndpointRefusal(
    403,
    'Forbidden',
    'The channel "directline" and conversation ids of 22 base64url characters belong to the web widget (/v3/directline); use another channel id and conversation id.',
  );

/** What the admission rules need to know besides the activity. */
export interface ApiMessagesPolicyDeps {
  mode: EndpointMode;
  /** Requests one address may send per minute while the endpoint is open. */
  perMinute: number;
  /** Whether a conversation id is (or could be) one of the self-hosted widget's. */
  isWidgetConversation(conversationId: string): boolean;
}

/**
 * The admission rules of `/api/messages` (see {@link EndpointMode}), checked
 * before the Bot Framework adapter sees a request. Counting per address is
 * done in each instance's memory, like the Direct Line post limits.
 */
export class ApiMessagesPolicy {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly deps: ApiMessagesPolicyDeps) {
    this.limiter = new RateLimiterMemory({ points: deps.perMinute, duration: 60 });
  }

  /** The endpoint's mode. */
  get mode(): EndpointMode {
    return this.deps.mode;
  }

  /**
   * Admits or refuses one request.
   * @throws EndpointRefusal 403 (a widget conversation), 429 (too many requests),
   *   400 (a delivery the open endpoint does not make)
   */
  async admit(activity: Partial<Activity>, clientAddress: string): Promise<void> {
    // The gateway's activities never arrive over HTTP: whoever sends its serviceUrl forges it.
    if (activity.serviceUrl === DIRECT_LINE_SERVICE_URL) throw belongsToWidget();
    if (this.deps.mode === 'authenticated') return;
    try {
      await this.limiter.consume(clientAddress);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      throw new EndpointRefusal(
        429,
        'TooManyRequests',
        'Too many requests; try again later.',
        Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
      );
    }
    const conversationId = activity.conversation?.id ?? '';
    if (
      (activity.channelId ?? '').toLowerCase() === DIRECT_LINE_CHANNEL_ID ||
      this.deps.isWidgetConversation(conversationId)
    ) {
      throw belongsToWidget();
    }
    if (activity.deliveryMode === 'expectReplies') return;
    if (this.deps.mode === 'open') {
      throw new EndpointRefusal(
        400,
        'ExpectRepliesOnly',
        'Without Bot Framework credentials this endpoint answers only "deliveryMode": "expectReplies" (the replies come in the HTTP response). For the Emulator, run npm run dev.',
      );
    }
    if (!isLoopbackUrl(activity.serviceUrl)) {
      throw new EndpointRefusal(
        400,
        'LoopbackOnly',
        'In development mode replies are sent only to a serviceUrl on this machine (localhost); use "deliveryMode": "expectReplies" otherwise.',
      );
    }
  }
}
