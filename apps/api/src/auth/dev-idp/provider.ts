import { randomBytes, randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import { type Configuration, errors, Provider } from "oidc-provider";
import { findDevAccount } from "./accounts.ts";
import { createMemoryAdapter } from "./memory-adapter.ts";

/** Where the provider is mounted on our server; its issuer is `<public URL>/oidc`. */
export const DEV_IDP_PREFIX = "/oidc";
/** Our own sign-in/consent pages for the provider, served by Fastify routes (see interactions.ts). */
export const DEV_INTERACTION_PATH = `${DEV_IDP_PREFIX}/interaction`;

export const DEV_PROVIDER_ID = "dev";
export const DEV_PROVIDER_NAME = "JEEX development accounts";
const LOGIN_CLIENT_ID = "jeex-web";

/**
 * A client-credentials client for trying service calls locally (grant it a tenant first). Its
 * secret is public on purpose: the provider only ever runs outside production.
 */
export const DEV_SERVICE_CLIENT = {
  clientId: "jeex-dev-service",
  clientSecret: "jeex-dev-service-secret",
} as const;

const ACCESS_TOKEN_TTL_SECONDS = 5 * 60;
const SIGN_IN_TTL_SECONDS = 10 * 60;
const SSO_SESSION_TTL_SECONDS = 8 * 60 * 60;

export interface DevIdentityProviderOptions {
  issuer: string;
  /** Our own `/auth/callback`, registered for the login client. */
  redirectUri: string;
  /** The `aud` (resource indicator) of the access tokens it issues for the API. */
  audience: string;
}

const grantsClientCredentials = (client: { grantTypes?: readonly string[] | undefined }) =>
  client.grantTypes?.includes("client_credentials") === true;

/**
 * A real OpenID provider (oidc-provider) with in-memory storage and keys made at start: code
 * flow with PKCE for our login client, JWT access tokens for the service client.
 */
export async function createDevIdentityProvider(options: DevIdentityProviderOptions) {
  const { issuer, redirectUri, audience } = options;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "RS256", use: "sig" };
  const loginClient = { clientId: LOGIN_CLIENT_ID, clientSecret: randomBytes(32).toString("base64url") };

  const configuration: Configuration = {
    clients: [
      {
        client_id: loginClient.clientId,
        client_secret: loginClient.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: DEV_SERVICE_CLIENT.clientId,
        client_secret: DEV_SERVICE_CLIENT.clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    adapter: createMemoryAdapter(),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Put email and name in the ID token itself, so the callback needs no userinfo request.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      Interaction: SIGN_IN_TTL_SECONDS,
      Session: SSO_SESSION_TTL_SECONDS,
      Grant: SSO_SESSION_TTL_SECONDS,
    },
    findAccount: (_ctx, sub) => {
      const account = findDevAccount(sub);
      if (!account) return undefined;
      return {
        accountId: account.accountId,
        claims: () => ({
          sub: account.accountId,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `${DEV_INTERACTION_PATH}/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Service clients get the API audience without naming it; the login client's access token
        // stays an opaque one for userinfo, so a browser sign-in never yields an API bearer token.
        defaultResource: (_ctx, client) => (grantsClientCredentials(client) ? audience : undefined),
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, indicator, client) => {
          if (indicator !== audience || !grantsClientCredentials(client)) throw new errors.InvalidTarget();
          return {
            scope: "api",
            audience,
            accessTokenFormat: "jwt",
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
  };

  const provider = new Provider(issuer, configuration);
  return {
    provider,
    /** The provider as a plain Node request handler (Koa's callback), made once. */
    handle: provider.callback(),
    issuer,
    jwksUri: `${issuer}/jwks`,
    loginClient,
  };
}

export type DevIdentityProvider = Awaited<ReturnType<typeof createDevIdentityProvider>>;
