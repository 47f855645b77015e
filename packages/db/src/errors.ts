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
 * Removes a failed query's bound values from the error and every cause, keeping the SQL
 * (placeholders only) and the SQLSTATE. Drizzle writes the values into the message itself
 * ("Failed query: …\nparams: …"), so whatever logged or traced the error would carry a document's
 * content, an email or a secret along. Returns the error to throw: the same one, or a copy where
 * a driver made its properties undeletable (postgres.js), for `throw withoutQueryValues(e)`.
 */
export function withoutQueryValues<E>(error: E): E {
  const top = scrubbed(error);
  const seen = new Set<unknown>([top]);
  for (let e: unknown = top; e && typeof e === "object"; ) {
    if (e instanceof Error) dropParamsFromMessage(e);
    const cause = (e as { cause?: unknown }).cause;
    if (!cause || typeof cause !== "object" || seen.has(cause)) break;
    const clean = scrubbed(cause);
    if (clean !== cause) (e as { cause?: unknown }).cause = clean;
    seen.add(clean);
    e = clean;
  }
  return top;
}

/** The error without value-carrying properties: deleted in place, or copied without them. */
function scrubbed<E>(error: E): E {
  if (!error || typeof error !== "object") return error;
  const stuck = VALUE_CARRYING_PROPERTIES.filter(
    (key) => Object.hasOwn(error, key) && !Reflect.deleteProperty(error, key),
  );
  if (stuck.length === 0) return error;
  const copy = Object.create(Object.getPrototypeOf(error)) as E & object;
  for (const key of Reflect.ownKeys(error)) {
    if (typeof key === "string" && stuck.includes(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (descriptor) Object.defineProperty(copy, key, { ...descriptor, configurable: true });
  }
  return copy;
}

function dropParamsFromMessage(error: Error): void {
  const at = error.message.indexOf(PARAMS_IN_MESSAGE);
  if (at === -1) return;
  const original = error.message;
  error.message = original.slice(0, at);
  if (typeof error.stack === "string") error.stack = error.stack.replace(original, error.message);
}
