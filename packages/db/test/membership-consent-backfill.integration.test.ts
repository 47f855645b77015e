import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../src/client.ts";
import { createAuditRepository } from "../src/repositories/audit.ts";
import { memberships } from "../src/schema/identity.ts";
import { migrationsDir } from "../testing/paths.ts";

const BACKFILL = "0011_force_rls_invitations";

/** A copy of the migrations folder that stops just before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jeex-migrations-"));
  cpSync(migrationsDir, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  const stop = journal.entries.findIndex((entry) => entry.tag === tag);
  if (stop < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, stop);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

// Embedded only: the backfill needs a database migrated part of the way, which the shared Postgres is not.
describe("upgrading marks which existing memberships their users consented to (PGlite)", () => {
  const partial = migrationsBefore(BACKFILL);
  afterAll(() => rmSync(partial, { recursive: true, force: true }));

  it("a membership made by members.add stays unconsented; one the user made is consented", async () => {
    const db = createDatabase({});
    try {
      await db.migrate(partial);
      const owner = await db.system.upsertOidcUser({ issuer: "https://idp.test", subject: "owner" });
      const added = await db.system.upsertOidcUser({ issuer: "https://idp.test", subject: "added" });
      const tenant = await db.system.createTenantWithOwner({
        slug: "legacy",
        name: "Legacy",
        ownerUserId: owner.userId,
      });
      const scope = { tenantId: tenant.id, userId: owner.userId };
      await db.withTenant(scope, async (tx) => {
        // As rows looked before the column existed: no consent recorded for anyone.
        await tx.db.update(memberships).set({ acceptedAt: null }).where(eq(memberships.tenantId, tenant.id));
        await tx.db.insert(memberships).values({ tenantId: tenant.id, userId: added.userId, role: "editor" });
        await createAuditRepository(tx).record({
          actorKind: "api-key",
          action: "member.add",
          targetType: "user",
          targetId: added.userId,
        });
      });

      await db.migrate(migrationsDir);

      const consent = await db.withTenant(scope, (tx) =>
        tx.db
          .select({ userId: memberships.userId, acceptedAt: memberships.acceptedAt })
          .from(memberships)
          .where(eq(memberships.tenantId, tenant.id)),
      );
      const byUser = new Map(consent.map((row) => [row.userId, row.acceptedAt]));
      expect(byUser.get(owner.userId)).toBeInstanceOf(Date);
      expect(byUser.get(added.userId)).toBeNull();
      expect(await db.system.listJoinedTenantIds(added.userId)).not.toContain(tenant.id);
      expect(await db.system.listJoinedTenantIds(owner.userId)).toContain(tenant.id);
    } finally {
      await db.close();
    }
    // Two PGlite migrations in one test: minutes, not seconds, on a loaded 2-core machine.
  }, 120_000);
});
