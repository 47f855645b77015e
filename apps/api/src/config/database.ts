import { z } from "zod";

// Two connection settings for Postgres: DATABASE_URL is the system path (migrations, credential
// look-ups, provisioning, sweeps; owns the tables, bypasses RLS) and DATABASE_TENANT_URL the
// restricted login every tenant transaction connects as. Unset DATABASE_URL: embedded PGlite.

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const databaseEnvShape = {
  DATABASE_URL: postgresUrl,
  DATABASE_TENANT_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_SYSTEM_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(4),
};

/** Public: only ever the default in development mode, where every secret is a public one. */
const DEV_TENANT_LOGIN = { user: "jeex_tenant", password: "jeex-dev-tenant-login" };

interface DatabaseEnv {
  JEEX_DEV_MODE: boolean;
  DATABASE_URL?: string | undefined;
  DATABASE_TENANT_URL?: string | undefined;
}

const loginOf = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).username);
  } catch {
    return "";
  }
};

export function databaseEnvIssues(env: DatabaseEnv): { path: string[]; message: string }[] {
  if (!env.DATABASE_URL) {
    return env.DATABASE_TENANT_URL
      ? [
          {
            path: ["DATABASE_TENANT_URL"],
            message: "needs DATABASE_URL (the embedded database has one session)",
          },
        ]
      : [];
  }
  if (!env.DATABASE_TENANT_URL) {
    return env.JEEX_DEV_MODE
      ? []
      : [
          {
            path: ["DATABASE_TENANT_URL"],
            message:
              "is required with DATABASE_URL unless JEEX_DEV_MODE=true: the login tenant transactions connect as " +
              "(not a superuser, NOBYPASSRLS; pnpm db:migrate creates it with this URL's password when missing)",
          },
        ];
  }
  const tenantLogin = loginOf(env.DATABASE_TENANT_URL);
  if (!tenantLogin)
    return [{ path: ["DATABASE_TENANT_URL"], message: "must name a login (postgres://login:password@…)" }];
  if (tenantLogin === loginOf(env.DATABASE_URL)) {
    return [
      {
        path: ["DATABASE_TENANT_URL"],
        message: "must name another login than DATABASE_URL: the system login bypasses row level security",
      },
    ];
  }
  return [];
}

export function databaseConfigFrom(env: DatabaseEnv & z.infer<z.ZodObject<typeof databaseEnvShape>>) {
  return {
    url: env.DATABASE_URL,
    tenantUrl: env.DATABASE_URL ? (env.DATABASE_TENANT_URL ?? devTenantUrl(env.DATABASE_URL)) : undefined,
    /** The tenant URL is the public development default (logged at start-up). */
    usingDevelopmentTenantLogin: Boolean(env.DATABASE_URL && !env.DATABASE_TENANT_URL),
    poolSize: env.DATABASE_POOL_SIZE,
    systemPoolSize: env.DATABASE_SYSTEM_POOL_SIZE,
  };
}

function devTenantUrl(systemUrl: string): string {
  const url = new URL(systemUrl);
  url.username = DEV_TENANT_LOGIN.user;
  url.password = DEV_TENANT_LOGIN.password;
  return url.toString();
}
