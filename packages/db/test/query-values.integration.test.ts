import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTargets, provisionTestTenant, useSuiteDatabase } from "../testing/databases.ts";

// Drizzle writes a failed statement's bound values into the error message ("params: …") and the
// drivers keep them on the error, so whatever logged or traced the error carried them along.
const SECRET = "a-value-that-must-not-leave-the-database-layer";

/** Every string reachable from the error: message, stack, own properties, the whole cause chain. */
function everythingIn(error: unknown): string {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  const visit = (value: unknown) => {
    if (value === null || typeof value !== "object" || seen.has(value)) {
      parts.push(String(value));
      return;
    }
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) visit((value as Record<string, unknown>)[key]);
  };
  visit(error);
  return parts.join("\n");
}

describe.each(databaseTargets())("a failed statement's values on $name", (target) => {
  const suite = useSuiteDatabase(target);
  let scope: { tenantId: string; userId: string };
  beforeAll(async () => {
    scope = await provisionTestTenant(suite.db, "values");
  });

  it("leave a tenant transaction's error, which keeps its SQL and SQLSTATE", async () => {
    const error = await suite.db
      .withTenant(scope, (tx) => tx.db.execute(sql`select ${`${SECRET}\u0000`}::text`))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("Failed query: select $1::text");
    expect(everythingIn(error)).not.toContain(SECRET);
    expect(everythingIn(error)).toMatch(/22021|invalid byte sequence/);
  });

  it("leave the system path's errors", async () => {
    const error = await suite.db.system
      .upsertOidcUser({ issuer: "https://id.example", subject: `${SECRET}\u0000` })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(Error);
    expect(everythingIn(error)).not.toContain(SECRET);
  });
});
