import { createCookieJar } from "./cookie-jar.ts";

export interface Visit {
  url: URL;
  status: number;
  response: Response;
  body: string;
}

export interface RequestInit {
  method?: string;
  /** Sent as application/x-www-form-urlencoded, like an HTML form. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

const MAX_REDIRECTS = 20;

/** fetch with a cookie jar and browser-like redirects: what a person's browser does, over real HTTP. */
export function createBrowser() {
  const jar = createCookieJar();

  async function request(url: string | URL, init: RequestInit = {}): Promise<Visit> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = jar.headerFor(target);
    if (cookie) headers.set("cookie", cookie);
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set("content-type", "application/x-www-form-urlencoded");
    }
    const response = await fetch(target, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    jar.storeFrom(response, target);
    return { url: target, status: response.status, response, body: await response.text() };
  }

  /**
   * Requests `url` and follows redirects (as GET, as browsers do after 302/303), stopping before
   * a URL that `stopBefore` picks; `next` is that URL.
   */
  async function navigate(url: string | URL, init: RequestInit = {}, stopBefore?: (next: URL) => boolean) {
    let last = await request(url, init);
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      const location = last.response.headers.get("location");
      if (last.status < 300 || last.status >= 400 || !location) return { last, next: undefined };
      const next = new URL(location, last.url);
      if (stopBefore?.(next)) return { last, next };
      last = await request(next);
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url}`);
  }

  return { jar, request, navigate };
}

export type Browser = ReturnType<typeof createBrowser>;
