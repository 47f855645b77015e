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

/**
 * Properties through which drivers hand a failed statement's values back: drizzle's `params`,
 * PGlite's `params` and `queryOptions`, postgres.js's `parameters`, `args` and `types`, and
 * Postgres's `detail` ("Key (email)=(…) already exists") and `where` ("JSON data, line 1: …").
 */
const VALUE_CARRYING_PROPERTIES = [
  "params",
  "parameters",
  "args",
  "types",
  "queryOptions",
  "detail",
  "where",
];
const PARAMS_IN_MESSAGE = "\nparams: ";

/**
 * Removes a failed query's bound values from the error and every cause, in place, keeping the
 * SQL (placeholders only) and the SQLSTATE. Drizzle writes the values into the message itself
 * ("Failed query: …\nparams: …"), so whatever logged or traced the error would carry a document's
 * content, an email or a secret along. Returns the same error, for `throw withoutQueryValues(e)`.
 */
export function withoutQueryValues<E>(error: E): E {
  const seen = new Set<object>();
  for (
    let e: unknown = error;
    e && typeof e === "object" && !seen.has(e);
    e = (e as { cause?: unknown }).cause
  ) {
    seen.add(e);
    for (const key of VALUE_CARRYING_PROPERTIES) {
      if (Object.hasOwn(e, key)) Reflect.deleteProperty(e, key);
    }
    if (!(e instanceof Error)) continue;
    const at = e.message.indexOf(PARAMS_IN_MESSAGE);
    if (at === -1) continue;
    const original = e.message;
    e.message = original.slice(0, at);
    if (typeof e.stack === "string") e.stack = e.stack.replace(original, e.message);
  }
  return error;
}
