import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/client.ts";
import { databaseTargets, rawRows } from "../testing/databases.ts";

/**
 * What a tenant transaction (role jeex_app) may do to each table. A new table is not done until it is
 * listed here: the suite fails for any table jeex_app can touch, or any table with tenant data, that
 * is missing — so RLS, FORCE and least-privilege grants cannot be forgotten.
 */
const TENANT_GRANTS: Record<string, readonly string[]> = {
  tenants: ["SELECT"],
  users: ["SELECT"],
  memberships: ["DELETE", "INSERT", "SELECT", "UPDATE"],
  api_keys: ["DELETE", "INSERT", "SELECT", "UPDATE"],
  projects: ["DELETE", "INSERT", "SELECT", "UPDATE"],
  // Reached only through the system path.
  sessions: [],
  audit_log: ["INSERT", "SELECT"],
  agent_executions: ["INSERT", "SELECT", "UPDATE"],
  documents: ["INSERT", "SELECT", "UPDATE"],
  // History: written once, never changed from a tenant transaction.
  document_versions: ["INSERT", "SELECT"],
  usage_records: ["INSERT", "SELECT"],
  memory_chunks: ["DELETE", "INSERT", "SELECT"],
  exports: ["DELETE", "INSERT", "SELECT", "UPDATE"],
  // An invitation's outcome stays on record: answered, never deleted.
  invitations: ["INSERT", "SELECT", "UPDATE"],
  // A first answer is never changed; one past its lifetime is deleted when its key comes again.
  idempotency_keys: ["DELETE", "INSERT", "SELECT"],
  // A newer request replaces the older one of its document; the finished job deletes it.
  memory_index_requests: ["DELETE", "INSERT", "SELECT", "UPDATE"],
  // A newer report replaces the project's older one; the project's deletion takes it along.
  quality_reports: ["INSERT", "SELECT", "UPDATE"],
};

interface TableFacts {
  table: string;
  rls: boolean;
  forced: boolean;
  hasTenantId: boolean;
  appPolicies: number;
  grants: string[];
}

// Read as jeex_app inside a tenant transaction: the catalog is visible to every role, and
// information_schema shows exactly the grants the role itself holds.
const NO_TENANT = {
  tenantId: "00000000-0000-4000-8000-000000000000",
  userId: "00000000-0000-4000-8000-000000000000",
};

async function catalog(db: Database): Promise<TableFacts[]> {
  return db.withTenant(NO_TENANT, (tx) =>
    rawRows<TableFacts>(
      tx,
      sql`
    select c.relname as "table",
           c.relrowsecurity as "rls",
           c.relforcerowsecurity as "forced",
           exists (select 1 from pg_attribute a
                   where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "hasTenantId",
           (select count(*)::int from pg_policy p
            where p.polrelid = c.oid and (select oid from pg_roles where rolname = 'jeex_app') = any (p.polroles))
             as "appPolicies",
           coalesce((select array_agg(g.privilege_type::text order by g.privilege_type)
                     from information_schema.role_table_grants g
                     where g.table_schema = 'public' and g.table_name = c.relname and g.grantee = 'jeex_app'),
                    '{}') as "grants"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`,
    ),
  );
}

interface ForeignKeyFacts {
  name: string;
  table: string;
  references: string;
  columns: string[];
  referencedColumns: string[];
}

/** Foreign keys between two tables that both carry tenant_id. */
async function tenantForeignKeys(db: Database): Promise<ForeignKeyFacts[]> {
  return db.withTenant(NO_TENANT, (tx) =>
    rawRows<ForeignKeyFacts>(
      tx,
      sql`
    select c.conname as "name", src.relname as "table", dst.relname as "references",
           (select array_agg(a.attname::text order by k.ord)
            from unnest(c.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as "columns",
           (select array_agg(a.attname::text order by k.ord)
            from unnest(c.confkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as "referencedColumns"
    from pg_constraint c
    join pg_class src on src.oid = c.conrelid
    join pg_class dst on dst.oid = c.confrelid
    join pg_namespace n on n.oid = src.relnamespace
    where c.contype = 'f' and n.nspname = 'public'
      and exists (select 1 from pg_attribute a where a.attrelid = src.oid and a.attname = 'tenant_id' and not a.attisdropped)
      and exists (select 1 from pg_attribute a where a.attrelid = dst.oid and a.attname = 'tenant_id' and not a.attisdropped)
    order by c.conname`,
    ),
  );
}

describe.each(databaseTargets())("tenancy invariants of the catalog on $name", (target) => {
  let db: Database;
  let tables: TableFacts[];

  beforeAll(async () => {
    db = await target.open();
    tables = await catalog(db);
  });
  afterAll(() => db.close());

  it("lists every table that holds tenant data or that jeex_app can touch", () => {
    const unlisted = tables
      .filter((facts) => facts.hasTenantId || facts.grants.length > 0)
      .map((facts) => facts.table)
      .filter((table) => !(table in TENANT_GRANTS));
    expect(unlisted, "add each new table to TENANT_GRANTS with the least privileges it needs").toEqual([]);
  });

  it("enables and forces row level security on each of them, with a policy for jeex_app", () => {
    const listed = tables.filter((facts) => facts.table in TENANT_GRANTS);
    expect(listed.map((facts) => facts.table).sort()).toEqual(Object.keys(TENANT_GRANTS).sort());
    for (const facts of listed) {
      expect({ table: facts.table, rls: facts.rls, forced: facts.forced }).toEqual({
        table: facts.table,
        rls: true,
        forced: true,
      });
      // A table jeex_app cannot touch needs no policy; every other one must have one, or RLS hides all rows.
      if (facts.grants.length > 0) expect(facts.appPolicies, facts.table).toBeGreaterThan(0);
    }
  });

  it("references between tenant rows pair tenant_id with tenant_id, so none can cross tenants", async () => {
    const references = await tenantForeignKeys(db);
    expect(references.length, "the schema has tenant-to-tenant references").toBeGreaterThan(0);
    const crossing = references
      .filter((fk) => fk.referencedColumns[fk.columns.indexOf("tenant_id")] !== "tenant_id")
      .map((fk) => `${fk.name}: ${fk.table}(${fk.columns}) → ${fk.references}(${fk.referencedColumns})`);
    expect(crossing, "make each a composite (tenant_id, …) key: see sameTenantReference").toEqual([]);
  });

  it("jeex_app cannot log in, bypass RLS or act as any other role", async () => {
    const [role] = await db.withTenant(NO_TENANT, (tx) =>
      rawRows(
        tx,
        sql`select r.rolcanlogin as "login", r.rolsuper as "superuser", r.rolbypassrls as "bypassRls",
                   (select count(*)::int from pg_auth_members m where m.member = r.oid) as "memberOf"
            from pg_roles r where r.rolname = 'jeex_app'`,
      ),
    );
    expect(role).toEqual({ login: false, superuser: false, bypassRls: false, memberOf: 0 });
  });

  it("grants jeex_app what each table needs and no more", () => {
    const granted = Object.fromEntries(
      tables.filter((facts) => facts.table in TENANT_GRANTS).map((facts) => [facts.table, facts.grants]),
    );
    expect(granted).toEqual(TENANT_GRANTS);
  });
});
