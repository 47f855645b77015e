import { booleanFlag } from "./flags.ts";

// Development mode: the conveniences that make `pnpm start` work with no configuration — the
// bundled OpenID provider (public passwords), the /panel debugging UI, the demo tenant's key file
// and the fixed development secrets. Each is public knowledge, so they run only when this one flag
// says so, never because NODE_ENV happens not to be "production". config.ts composes the shape.

export const devModeEnvShape = {
  /** `true` turns development mode on (the root `pnpm start` does); off by default. */
  JEEX_DEV_MODE: booleanFlag(false),
};

interface DevModeEnv {
  JEEX_DEV_MODE: boolean;
  NODE_ENV: "development" | "test" | "production";
  HOST: string;
  API_KEY_HASH_SECRET?: string | undefined;
  EXPORT_SIGNING_SECRET?: string | undefined;
  OIDC_PROVIDERS: readonly unknown[];
}

const LOOPBACK_HOSTS = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/;
const REQUIRED_UNLESS_DEV = "is required unless JEEX_DEV_MODE=true";

/** Cross-variable rules, reported with every other configuration problem. */
export function devModeEnvIssues(env: DevModeEnv): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (env.JEEX_DEV_MODE) {
    if (env.NODE_ENV === "production") {
      issues.push({ path: ["JEEX_DEV_MODE"], message: "must not be true with NODE_ENV=production" });
    }
    if (!LOOPBACK_HOSTS.test(env.HOST)) {
      issues.push({
        path: ["HOST"],
        message:
          "must be a loopback address (127.0.0.1, ::1, localhost) in development mode: the development " +
          "identity provider, /panel and the public development secrets would be reachable from the network",
      });
    }
    return issues;
  }
  if (env.OIDC_PROVIDERS.length === 0) {
    issues.push({
      path: ["OIDC_PROVIDERS"],
      message: `${REQUIRED_UNLESS_DEV}: without a provider the bundled development identity provider would sign anyone in with a public password`,
    });
  }
  // Production names these itself ("is required in production").
  if (env.NODE_ENV !== "production") {
    if (!env.API_KEY_HASH_SECRET) {
      issues.push({
        path: ["API_KEY_HASH_SECRET"],
        message: `${REQUIRED_UNLESS_DEV}: the development secret is public (e.g. openssl rand -hex 32)`,
      });
    }
    if (!env.EXPORT_SIGNING_SECRET) {
      issues.push({
        path: ["EXPORT_SIGNING_SECRET"],
        message: `${REQUIRED_UNLESS_DEV}: links signed with the public development secret can be forged (e.g. openssl rand -hex 32)`,
      });
    }
  }
  return issues;
}
