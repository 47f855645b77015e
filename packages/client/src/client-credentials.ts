import * as oidc from "openid-client";

export interface ClientCredentialsOptions {
  /** The authorization server's issuer URL; its metadata is discovered at first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** RFC 8707 resource indicator naming the API (the token's audience); omit if the server defaults it. */
  resource?: string;
  scope?: string;
  /** How the client authenticates at the token endpoint (default HTTP Basic). */
  clientAuthentication?: "client_secret_basic" | "client_secret_post";
  /** Fetch a new token this long before the current one expires (default 60 s). */
  refreshBeforeExpiryMs?: number;
  /** Allows an http:// issuer, i.e. the API's bundled development provider. Never in production. */
  allowInsecureRequests?: boolean;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
  fetch?: typeof globalThis.fetch;
}

/** Supplies OAuth2 client-credentials access tokens for calling the API as a service. */
export interface AccessTokens {
  /** A token that is valid now: cached until shortly before it expires; concurrent callers share one request. */
  get(): Promise<string>;
  /** Drops the cached token, e.g. after the API answered UNAUTHORIZED. */
  invalidate(): void;
}

const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 60_000;

/**
 * Client-credentials tokens for a service, for example:
 *
 * ```ts
 * const tokens = createClientCredentialsTokens({ issuer, clientId, clientSecret, resource: apiUrl });
 * const jeex = createJeexClient({ url: apiUrl, headers: async () => ({ authorization: `Bearer ${await tokens.get()}` }) });
 * ```
 */
export function createClientCredentialsTokens(options: ClientCredentialsOptions): AccessTokens {
  const now = options.now ?? Date.now;
  const refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
  let configuration: Promise<oidc.Configuration> | undefined;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  function discover(): Promise<oidc.Configuration> {
    if (!configuration) {
      const clientAuth =
        options.clientAuthentication === "client_secret_post"
          ? oidc.ClientSecretPost(options.clientSecret)
          : oidc.ClientSecretBasic(options.clientSecret);
      const discovered = oidc.discovery(new URL(options.issuer), options.clientId, undefined, clientAuth, {
        execute: options.allowInsecureRequests ? [oidc.allowInsecureRequests] : [],
        ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}),
      });
      // A failed discovery is retried by the next call instead of failing forever.
      discovered.catch(() => {
        if (configuration === discovered) configuration = undefined;
      });
      configuration = discovered;
    }
    return configuration;
  }

  async function requestToken(): Promise<string> {
    const parameters: Record<string, string> = {};
    if (options.resource) parameters.resource = options.resource;
    if (options.scope) parameters.scope = options.scope;
    const issuedAt = now();
    const response = await oidc.clientCredentialsGrant(await discover(), parameters);
    const expiresInMs = (response.expiresIn() ?? 0) * 1000;
    // Short-lived tokens are still reused for half their life rather than never.
    const reuseForMs = Math.max(expiresInMs - refreshBeforeExpiryMs, expiresInMs / 2);
    cached = expiresInMs > 0 ? { token: response.access_token, refreshAt: issuedAt + reuseForMs } : undefined;
    return response.access_token;
  }

  return {
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= requestToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
