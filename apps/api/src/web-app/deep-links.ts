/** URL prefixes the API answers itself; the rest of the URL space belongs to the web app. */
export const API_PATH_PREFIXES = [
  "/trpc",
  "/auth",
  "/oidc",
  "/exports",
  "/panel",
  "/healthz",
  "/readyz",
  "/openapi.json",
] as const;

const isUnder = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);

/**
 * Whether a request that matched no file is one of the app's deep links (`/projects/p1`), to be
 * answered with index.html: a page navigation (GET/HEAD asking for HTML), never under an API
 * prefix, so a mistyped API URL still gets the API's JSON 404.
 */
export function isAppDeepLink(method: string, url: string, accept: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (!accept?.includes("text/html")) return false;
  const path = url.split("?")[0] ?? url;
  return !API_PATH_PREFIXES.some((prefix) => isUnder(path, prefix));
}
