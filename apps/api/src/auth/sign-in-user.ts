import { isUniqueViolation } from "@jeex/db/errors";
import type { OidcIdentity, SystemQueries } from "@jeex/db/system";

/**
 * The user behind a verified ID token, created at first sign-in. Two first sign-ins racing each
 * other (the same person in two tabs, or two identities claiming one email) collide on a unique
 * index; a second attempt then sees the winner's row instead of answering 500.
 */
export async function userForIdentity(system: SystemQueries, identity: OidcIdentity) {
  try {
    return await system.upsertOidcUser(identity);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return system.upsertOidcUser(identity);
  }
}
