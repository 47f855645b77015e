import * as oidc from "openid-client";
import { SignInError, unavailable } from "./errors.ts";

/** An OpenID provider people can sign in with, as configured or as the bundled development one. */
export interface SignInProvider {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  scopes: readonly string[];
}

const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * The providers by id, each with its openid-client configuration discovered at first use and
 * cached; a failed discovery is forgotten so the next sign-in tries again.
 */
export function createSignInProviders(providers: readonly SignInProvider[], options: { allowHttp: boolean }) {
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const discovered = new Map<string, Promise<oidc.Configuration>>();

  function discover(provider: SignInProvider): Promise<oidc.Configuration> {
    const issuer = new URL(provider.issuer);
    const clientAuth = provider.clientSecret ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None();
    return oidc.discovery(issuer, provider.clientId, undefined, clientAuth, {
      // Plain http only for the development provider (and configured http issuers outside production).
      execute: issuer.protocol === "http:" && options.allowHttp ? [oidc.allowInsecureRequests] : [],
      timeout: DISCOVERY_TIMEOUT_SECONDS,
    });
  }

  return {
    /** The requested provider, or the only one when none is named. */
    pick(id: string | undefined): SignInProvider {
      const provider = id === undefined && byId.size === 1 ? providers[0] : byId.get(id ?? "");
      if (!provider) {
        const known = [...byId.keys()].join(", ");
        throw new SignInError(
          "UNKNOWN_PROVIDER",
          id === undefined
            ? `choose a provider: one of ${known}`
            : `unknown provider "${id}"; one of ${known}`,
        );
      }
      return provider;
    },

    async configurationOf(provider: SignInProvider): Promise<oidc.Configuration> {
      let configuration = discovered.get(provider.id);
      if (!configuration) {
        configuration = discover(provider);
        discovered.set(provider.id, configuration);
        configuration.catch(() => discovered.delete(provider.id));
      }
      try {
        return await configuration;
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

export type SignInProviders = ReturnType<typeof createSignInProviders>;
