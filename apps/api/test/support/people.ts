import { createJeexClient } from "@jeex/client";
import { startSession } from "@jeex/core/auth";
import type { Database } from "@jeex/db/client";
import { uniqueSlug } from "@jeex/db/testing";
import { CSRF_HEADER } from "@jeex/trpc/context";

export interface SignedInPerson {
  userId: string;
  /** Verified at their provider, so stored on the user. */
  email: string;
  personalTenantId: string;
  /** The cookie a browser sends with every request. */
  sessionHeaders(): Record<string, string>;
  /** The typed client as a browser uses it: the session cookie and the CSRF header. */
  client(options?: { tenantId?: string }): ReturnType<typeof createJeexClient>;
}

/**
 * A person as a first sign-in leaves them (user, personal tenant, session), made on the system path
 * rather than through the provider's login form: suites that need many people stay fast.
 */
export async function signedInPerson(db: Database, serverUrl: string): Promise<SignedInPerson> {
  const email = `${uniqueSlug("person")}@example.test`;
  const { userId } = await db.system.upsertOidcUser({
    issuer: "https://people.example.test",
    subject: email,
    verifiedEmail: email,
    displayName: email,
  });
  const personal = (await db.system.listMemberships(userId)).find((m) => m.personal);
  if (!personal) throw new Error("a first sign-in leaves a personal tenant");
  const { token } = await startSession(db.system, { userId, ttlMs: 60 * 60_000 });
  return {
    userId,
    email,
    personalTenantId: personal.tenantId,
    sessionHeaders: () => ({ cookie: `jeex_session=${token}` }),
    client: (options = {}) =>
      createJeexClient({
        url: serverUrl,
        ...(options.tenantId ? { tenantId: options.tenantId } : {}),
        headers: () => ({ cookie: `jeex_session=${token}`, [CSRF_HEADER]: "1" }),
      }),
  };
}
