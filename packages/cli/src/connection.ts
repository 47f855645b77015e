import { createJeexClient, type JeexClient } from "@jeex/client";
import type { GlobalFlags } from "./args.ts";
import type { CliEnvironment, CommandContext } from "./command.ts";
import { readSavedLogin } from "./config-file.ts";
import { notLoggedIn, UsageError } from "./errors.ts";

export interface Connection {
  url: string;
  apiKey: string;
  tenantId?: string;
}

export interface Connected {
  client: JeexClient;
  connection: Connection;
}

/** Accepts http(s) URLs only; the client appends `/trpc` itself. */
export function checkServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  }
  return url.replace(/\/+$/, "");
}

/**
 * Flags win over JEEX_* variables, which win over the saved login. The saved key is only sent to
 * the saved URL: pointing --url at another server never leaks it there.
 */
export async function resolveConnection(flags: GlobalFlags, env: CliEnvironment): Promise<Connection> {
  const url = flags.url ?? env.JEEX_URL;
  const apiKey = flags["api-key"] ?? env.JEEX_API_KEY;
  const tenantId = flags.tenant ?? env.JEEX_TENANT_ID;
  const saved = url && apiKey ? undefined : await readSavedLogin(env);
  const resolvedUrl = url ?? saved?.url;
  if (!resolvedUrl) throw notLoggedIn();
  const sameServer = saved !== undefined && checkServerUrl(saved.url) === checkServerUrl(resolvedUrl);
  const resolvedKey = apiKey ?? (sameServer ? saved.apiKey : undefined);
  if (!resolvedKey) throw notLoggedIn();
  const resolvedTenant = tenantId ?? (sameServer ? saved.tenantId : undefined);
  return {
    url: checkServerUrl(resolvedUrl),
    apiKey: resolvedKey,
    ...(resolvedTenant ? { tenantId: resolvedTenant } : {}),
  };
}

export function clientFor(connection: Connection, context: Pick<CommandContext, "fetch">): JeexClient {
  return createJeexClient({ ...connection, fetch: context.fetch });
}

export async function connect(context: CommandContext, flags: GlobalFlags): Promise<Connected> {
  const connection = await resolveConnection(flags, context.env);
  context.server = connection.url;
  return { client: clientFor(connection, context), connection };
}
