// A browser's cookie store, just enough for one host: Path scoping, Max-Age/Expires, and the
// attributes kept so tests can assert them. Tests talk to one loopback host, so Domain is ignored.

export interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expiresAt: number | undefined;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string | undefined;
}

/** RFC 6265 §5.1.4: a cookie path matches the request path itself and everything below it. */
function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function defaultPath(requestPath: string): string {
  const lastSlash = requestPath.lastIndexOf("/");
  return lastSlash <= 0 ? "/" : requestPath.slice(0, lastSlash);
}

export function parseSetCookie(header: string, requestUrl: URL, now = Date.now()): StoredCookie {
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  const separator = pair.indexOf("=");
  const cookie: StoredCookie = {
    name: pair.slice(0, separator),
    value: pair.slice(separator + 1),
    path: defaultPath(requestUrl.pathname),
    expiresAt: undefined,
    httpOnly: false,
    secure: false,
    sameSite: undefined,
  };
  let maxAgeSeen = false;
  for (const attribute of attributes) {
    const [rawKey = "", ...rest] = attribute.split("=");
    const key = rawKey.toLowerCase();
    const value = rest.join("=");
    if (key === "path" && value.startsWith("/")) cookie.path = value;
    else if (key === "max-age") {
      maxAgeSeen = true;
      cookie.expiresAt = now + Number(value) * 1000;
    } else if (key === "expires" && !maxAgeSeen) cookie.expiresAt = Date.parse(value);
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "secure") cookie.secure = true;
    else if (key === "samesite") cookie.sameSite = value.toLowerCase();
  }
  return cookie;
}

export function createCookieJar() {
  const cookies = new Map<string, StoredCookie>();
  const keyOf = (cookie: Pick<StoredCookie, "name" | "path">) => `${cookie.path}\u0000${cookie.name}`;
  const live = (cookie: StoredCookie) => cookie.expiresAt === undefined || cookie.expiresAt > Date.now();

  return {
    /** Takes every Set-Cookie of a response, as a browser would. */
    storeFrom(response: Response, requestUrl: URL): StoredCookie[] {
      const received = response.headers.getSetCookie().map((header) => parseSetCookie(header, requestUrl));
      for (const cookie of received) {
        if (live(cookie)) cookies.set(keyOf(cookie), cookie);
        else cookies.delete(keyOf(cookie));
      }
      return received;
    },

    /** The Cookie header a browser would send to this URL (longest paths first). */
    headerFor(url: URL): string {
      return [...cookies.values()]
        .filter((cookie) => live(cookie) && pathMatches(cookie.path, url.pathname))
        .sort((a, b) => b.path.length - a.path.length)
        .map((cookie) => `${cookie.name}=${cookie.value}`)
        .join("; ");
    },

    get(name: string): StoredCookie | undefined {
      return [...cookies.values()].find((cookie) => cookie.name === name && live(cookie));
    },

    set(cookie: Omit<StoredCookie, "expiresAt" | "httpOnly" | "secure" | "sameSite">): void {
      cookies.set(keyOf(cookie), {
        expiresAt: undefined,
        httpOnly: true,
        secure: false,
        sameSite: "lax",
        ...cookie,
      });
    },

    delete(name: string): void {
      for (const [key, cookie] of cookies) if (cookie.name === name) cookies.delete(key);
    },
  };
}

export type CookieJar = ReturnType<typeof createCookieJar>;
