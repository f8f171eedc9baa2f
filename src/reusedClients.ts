import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { refusingConnector } from './channels/botFramework';

/** Connector and token clients kept per app id, service URL and audience; the oldest go first. */
export const MAX_REUSED_CLIENTS = 256;

/** A small insertion-ordered cache of promises: drops its oldest entry when full, and a failed one at once. */
class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    let value = this.entries.get(key);
    if (value === undefined) {
      const created = create();
      value = created;
      created.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      if (this.entries.size >= this.max) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, value);
    }
    return value;
  }
}

const appIdOf = (identity: ClaimsIdentity) =>
  JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';

/**
 * Bot Framework authentication that reuses connector and user-token clients.
 * CloudAdapter builds a new ConnectorClient (a whole HTTP pipeline) and a
 * UserTokenClient for every turn, even when the replies go back in the HTTP
 * response; that was about a sixth of the bot's CPU per turn. The clients
 * hold no per-turn state (the legacy BotFrameworkAdapter cached them too), so
 * one per app id, service URL and audience is enough. Authentication itself
 * is unchanged: every request is still validated by `inner`.
 */
export class ClientReusingAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>(MAX_REUSED_CLIENTS);
  private readonly tokenClients = new BoundedCache<UserTokenClient>(MAX_REUSED_CLIENTS);

  /** The one connector given for every serviceUrl the bot may not call. */
  private refused: ConnectorClient | undefined;

  /**
   * @param mayCall whether the bot may send to a serviceUrl; for any other, the
   *   connector refuses every call before anything leaves the process.
   */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly mayCall: (serviceUrl: string) => boolean = () => true,
  ) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    return factory
      ? { ...result, connectorFactory: this.reusing(factory, result.claimsIdentity) }
      : result;
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    const connectors = this.connectors;
    const appId = appIdOf(identity);
    const refused = () => (this.refused ??= refusingConnector());
    const mayCall = this.mayCall;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        if (!mayCall(serviceUrl)) return Promise.resolve(refused());
        return connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
          factory.create(serviceUrl, audience),
        );
      }
    })();
  }
}
