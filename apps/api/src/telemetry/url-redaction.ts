// Query strings carry credentials: a signed download link's `sig` is a bearer credential for
// 15 minutes, `/auth/callback` gets the OIDC `code` and `state`, tRPC GETs carry the whole call
// as `input`. The request log and the HTTP spans keep the path and the parameter names, and the
// values only of parameters known to be harmless. An allow-list, so a new parameter is hidden
// until someone decides it is safe to keep.

const HARMLESS_QUERY_PARAMETERS = new Set(["batch", "provider", "expires"]);
export const REDACTED = "[redacted]";

/** `/exports/1/download?expires=1700000000&sig=[redacted]`; a URL without a query is returned as is. */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  if (at === -1) return url;
  const query = url.slice(at + 1);
  if (query === "") return url;
  const kept = query.split("&").map((pair) => {
    if (pair === "") return pair;
    const equals = pair.indexOf("=");
    const name = equals === -1 ? pair : pair.slice(0, equals);
    if (HARMLESS_QUERY_PARAMETERS.has(safeDecode(name))) return pair;
    // A bare `?<token>` has no name to keep.
    return equals === -1 ? REDACTED : `${name}=${REDACTED}`;
  });
  return `${url.slice(0, at)}?${kept.join("&")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The `url.query` attribute of an HTTP server span, redacted like the log's URL. The HTTP
 * instrumentation's own redaction knows only signature parameters (`sig`, `X-Amz-Signature`, …),
 * not OIDC `code`/`state` or tRPC `input`.
 */
export function redactedQueryAttributes(url: string | undefined): { "url.query"?: string } {
  if (url === undefined) return {};
  const redacted = redactUrl(url);
  const at = redacted.indexOf("?");
  return at === -1 || at === redacted.length - 1 ? {} : { "url.query": redacted.slice(at + 1) };
}
