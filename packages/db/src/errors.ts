/** Postgres SQLSTATE of a failed statement, looking through drizzle's wrapper. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlStateOf(error) === "23505";

/**
 * The statement failed because its connection went away (server restarted, backend terminated,
 * network cut) — not because of what it asked. The transaction was rolled back; retrying is safe.
 */
export function isConnectionLost(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state?.startsWith("08") || state?.startsWith("57P")) return true;
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^(CONNECTION_|ECONNRESET|ECONNREFUSED|EPIPE)/.test(code)) return true;
  }
  return false;
}
