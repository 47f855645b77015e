#!/usr/bin/env node
import { parseArgs } from "node:util";
import { roleSchema } from "@jeex/contracts/common";
import { provisionApiKey } from "@jeex/core/auth/api-keys";
import { z } from "zod";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./database.ts";
import { acquireEmbeddedLock } from "./embedded-lock.ts";

// Admin CLI: `pnpm admin create-api-key --tenant <slug> --email <email> --role <role> [--name <label>]`.
// Prints the result as JSON on stdout (the key is shown only here); diagnostics go to stderr.

const USAGE =
  "usage: pnpm admin create-api-key --tenant <slug> --email <email> --role <owner|admin|editor|viewer> [--name <label>]";

const createApiKeyArgs = z.strictObject({
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "a slug: lowercase letters, digits and dashes"),
  email: z.email(),
  role: roleSchema,
  name: z.string().min(1).max(100).default("admin-cli"),
});

class UsageError extends Error {}

async function createApiKey(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
    },
    strict: true,
  });
  const parsed = createApiKeyArgs.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  const config = loadConfig();
  const releaseLock = config.database.url ? undefined : acquireEmbeddedLock(config.dataDir);
  const db = openDatabase(config, "jeex-admin");
  try {
    process.stderr.write(`database: ${db.description}\n`);
    if (config.database.migrateOnStart) await db.migrate(config.database.migrationsDir);
    const { apiKey, tenantId, userId } = await provisionApiKey(db.system, config.apiKeys, {
      tenantSlug: parsed.data.tenant,
      email: parsed.data.email,
      role: parsed.data.role,
      keyName: parsed.data.name,
    });
    process.stdout.write(`${JSON.stringify({ apiKey, tenantId, userId })}\n`);
  } finally {
    await db.close();
    releaseLock?.();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command !== "create-api-key")
    throw new UsageError(command ? `unknown command: ${command}` : "no command given");
  await createApiKey(rest);
} catch (error) {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`admin: ${(error as Error).message}\n`);
  process.exit(1);
}
