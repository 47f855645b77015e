#!/usr/bin/env node
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { roleSchema } from "@jeex/contracts/common";
import { tenantSlugSchema } from "@jeex/contracts/tenants";
import { provisionApiKey } from "@jeex/core/api-keys";
import { dumpEmbeddedDatabase, restoreEmbeddedDatabase } from "@jeex/db/backup";
import type { Database } from "@jeex/db/client";
import { type ZodType, z } from "zod";
import { type AppConfig, ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./database.ts";
import { acquireEmbeddedLock } from "./embedded-lock.ts";

// Admin CLI. Prints results as JSON on stdout (an API key is shown only here); diagnostics go to stderr.

const USAGE = `usage:
  pnpm admin create-api-key --tenant <slug> --email <email> --role <owner|admin|editor|viewer> [--name <label>]
  pnpm admin grant-service-client --issuer <url> --client-id <id> --tenant <slug> --role <owner|admin|editor|viewer>
  pnpm admin backup --out <file>       (embedded database; the server must be stopped)
  pnpm admin restore --from <file>     (into an empty DATA_DIR; for Postgres use pg_dump / pg_restore)`;

class UsageError extends Error {}

interface Command<Args> {
  options: Record<string, { type: "string" }>;
  args: ZodType<Args>;
  run(db: Database, config: AppConfig, args: Args): Promise<unknown>;
}

/** Works on the embedded database's files rather than through a connection (backup, restore). */
interface DataDirCommand<Args> {
  options: Record<string, { type: "string" }>;
  args: ZodType<Args>;
  onDataDir(pgDataDir: string, args: Args): Promise<unknown>;
}

const backup: DataDirCommand<{ out: string }> = {
  options: { out: { type: "string" } },
  args: z.strictObject({ out: z.string().min(1) }),
  async onDataDir(pgDataDir, args) {
    const archive = await dumpEmbeddedDatabase(pgDataDir);
    const file = resolve(args.out);
    // The dump holds key hashes and sessions: readable by its owner only.
    writeFileSync(file, archive, { mode: 0o600 });
    return { file, bytes: archive.byteLength, sha256: createHash("sha256").update(archive).digest("hex") };
  },
};

const restore: DataDirCommand<{ from: string }> = {
  options: { from: { type: "string" } },
  args: z.strictObject({ from: z.string().min(1) }),
  async onDataDir(pgDataDir, args) {
    await restoreEmbeddedDatabase(readFileSync(resolve(args.from)), pgDataDir);
    return { restoredInto: pgDataDir, from: resolve(args.from) };
  },
};

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

const commands: Record<string, Command<never> | DataDirCommand<never>> = {
  "create-api-key": createApiKey as Command<never>,
  "grant-service-client": grantServiceClient as Command<never>,
  backup: backup as DataDirCommand<never>,
  restore: restore as DataDirCommand<never>,
};

function parseCommandArgs<Args>(
  command: { options: Command<Args>["options"]; args: ZodType<Args> },
  argv: string[],
) {
  const { values } = parseArgs({ args: argv, options: command.options, strict: true });
  const parsed = command.args.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return parsed.data;
}

async function runOnDataDir(command: DataDirCommand<never>, argv: string[]) {
  const args = parseCommandArgs(command, argv);
  const config = loadConfig();
  if (config.database.url) {
    throw new UsageError(
      "backup and restore work on the embedded database; for Postgres use pg_dump / pg_restore",
    );
  }
  const releaseLock = acquireEmbeddedLock(config.dataDir);
  try {
    process.stdout.write(`${JSON.stringify(await command.onDataDir(join(config.dataDir, "pg"), args))}\n`);
  } finally {
    releaseLock();
  }
}

async function runCommand(command: Command<never>, argv: string[]) {
  const args = parseCommandArgs(command, argv);
  const config = loadConfig();
  const releaseLock = config.database.url ? undefined : acquireEmbeddedLock(config.dataDir);
  const db = openDatabase(config, "jeex-admin");
  try {
    process.stderr.write(`database: ${db.description}\n`);
    if (config.database.migrateOnStart) await db.migrate(config.database.migrationsDir);
    process.stdout.write(`${JSON.stringify(await command.run(db, config, args))}\n`);
  } finally {
    await db.close();
    releaseLock?.();
  }
}

const [name, ...rest] = process.argv.slice(2);
try {
  const command = name ? commands[name] : undefined;
  if (!command) throw new UsageError(name ? `unknown command: ${name}` : "no command given");
  await ("onDataDir" in command ? runOnDataDir(command, rest) : runCommand(command, rest));
} catch (error) {
  const code = (error as { code?: string }).code;
  if (error instanceof UsageError || error instanceof ConfigError || code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`admin: ${(error as Error).message}\n`);
  process.exit(1);
}
