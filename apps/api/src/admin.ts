#!/usr/bin/env node
import { parseArgs } from "node:util";
import { roleSchema } from "@jeex/contracts/common";
import { tenantSlugSchema } from "@jeex/contracts/tenants";
import { provisionApiKey } from "@jeex/core/auth/api-keys";
import type { Database } from "@jeex/db/client";
import { type ZodType, z } from "zod";
import { type AppConfig, ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./database.ts";
import { acquireEmbeddedLock } from "./embedded-lock.ts";

// Admin CLI. Prints results as JSON on stdout (an API key is shown only here); diagnostics go to stderr.

const USAGE = `usage:
  pnpm admin create-api-key --tenant <slug> --email <email> --role <owner|admin|editor|viewer> [--name <label>]
  pnpm admin grant-service-client --issuer <url> --client-id <id> --tenant <slug> --role <owner|admin|editor|viewer>`;

class UsageError extends Error {}

interface Command<Args> {
  options: Record<string, { type: "string" }>;
  args: ZodType<Args>;
  run(db: Database, config: AppConfig, args: Args): Promise<unknown>;
}

const createApiKey: Command<{
  tenant: string;
  email: string;
  role: z.infer<typeof roleSchema>;
  name: string;
}> = {
  options: {
    tenant: { type: "string" },
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
  },
  args: z.strictObject({
    tenant: tenantSlugSchema,
    email: z.email(),
    role: roleSchema,
    name: z.string().min(1).max(100).default("admin-cli"),
  }),
  async run(db, config, args) {
    const { apiKey, tenantId, userId } = await provisionApiKey(db.system, config.apiKeys, {
      tenantSlug: args.tenant,
      email: args.email,
      role: args.role,
      keyName: args.name,
    });
    return { apiKey, tenantId, userId };
  },
};

/** A client-credentials client of an OpenID issuer, acting in a tenant with a role. */
const grantServiceClient: Command<{
  issuer: string;
  "client-id": string;
  tenant: string;
  role: z.infer<typeof roleSchema>;
}> = {
  options: {
    issuer: { type: "string" },
    "client-id": { type: "string" },
    tenant: { type: "string" },
    role: { type: "string" },
  },
  args: z.strictObject({
    issuer: z.url(),
    "client-id": z.string().min(1).max(200),
    tenant: tenantSlugSchema,
    role: roleSchema,
  }),
  run: (db, _config, args) =>
    db.system.grantServiceClient({
      issuer: args.issuer,
      clientId: args["client-id"],
      tenantSlug: args.tenant,
      role: args.role,
    }),
};

const commands: Record<string, Command<never>> = {
  "create-api-key": createApiKey as Command<never>,
  "grant-service-client": grantServiceClient as Command<never>,
};

async function runCommand(command: Command<never>, argv: string[]) {
  const { values } = parseArgs({ args: argv, options: command.options, strict: true });
  const parsed = command.args.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  const config = loadConfig();
  const releaseLock = config.database.url ? undefined : acquireEmbeddedLock(config.dataDir);
  const db = openDatabase(config, "jeex-admin");
  try {
    process.stderr.write(`database: ${db.description}\n`);
    if (config.database.migrateOnStart) await db.migrate(config.database.migrationsDir);
    process.stdout.write(`${JSON.stringify(await command.run(db, config, parsed.data))}\n`);
  } finally {
    await db.close();
    releaseLock?.();
  }
}

const [name, ...rest] = process.argv.slice(2);
try {
  const command = name ? commands[name] : undefined;
  if (!command) throw new UsageError(name ? `unknown command: ${name}` : "no command given");
  await runCommand(command, rest);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (error instanceof UsageError || error instanceof ConfigError || code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`admin: ${(error as Error).message}\n`);
  process.exit(1);
}
