import { createJeexClient } from "@jeex/client";
import { CSRF_HEADER } from "@jeex/trpc/context";
import { expect } from "vitest";
import { DEV_ACCOUNT_PASSWORD } from "../../../src/auth/dev-idp/accounts.ts";
import type { Browser, Visit } from "./browser.ts";

export const SESSION_COOKIE = "jeex_session";
export const LOGIN_COOKIE = "jeex_login";

/** Settings every auth suite starts its server with (rate limits would count our many requests). */
export const AUTH_TEST_ENV = {
  RATE_LIMITS_ENABLED: "false",
  AUTH_COOKIE_SECRET: "test-only-login-state-secret-0123456789abcdef",
};

const isCallback = (url: URL) => url.pathname === "/auth/callback";

const loginUrl = (serverUrl: string, query: Record<string, string>) =>
  `${serverUrl}/auth/login?${new URLSearchParams(query)}`;

function loginFormOn(page: Visit) {
  expect(page.status, page.body).toBe(200);
  expect(page.url.pathname).toMatch(/^\/oidc\/interaction\//);
  const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
  if (!action) throw new Error(`no login form on ${page.url}: ${page.body}`);
  return { page, action: new URL(action, page.url) };
}

/** Starts a sign-in and follows it to the development provider's login form. */
export async function openLoginForm(browser: Browser, serverUrl: string, query: Record<string, string> = {}) {
  const { last } = await browser.navigate(loginUrl(serverUrl, query));
  return loginFormOn(last);
}

/**
 * Logs in at the provider as a development account and follows its redirects up to, not into,
 * our callback: returns the callback URL carrying code and state.
 */
export async function authorizeAtProvider(
  browser: Browser,
  serverUrl: string,
  email = "ada@dev.jeex",
  query: Record<string, string> = {},
): Promise<URL> {
  const started = await browser.navigate(loginUrl(serverUrl, query), {}, isCallback);
  // Still signed in at the provider (its own SSO session): it answers at once, no form.
  if (started.next) return started.next;
  const form = loginFormOn(started.last);
  let { last, next } = await browser.navigate(
    form.action,
    { form: { email, password: DEV_ACCOUNT_PASSWORD } },
    isCallback,
  );
  // Another account than the provider session's: the provider ends that session first with a
  // form a browser's script submits at once (oidc-provider's form_post page), then resumes.
  const autoSubmitted = next ? undefined : autoSubmittingForm(last);
  if (autoSubmitted)
    ({ last, next } = await browser.navigate(autoSubmitted.action, autoSubmitted, isCallback));
  if (!next) throw new Error(`the provider did not redirect to /auth/callback: ${last.status} ${last.body}`);
  return next;
}

/** The provider's self-submitting form (what a browser's script would post), if the page is one. */
function autoSubmittingForm(page: Visit) {
  if (!page.body.includes("document.forms[0].submit()")) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
  if (!action) return undefined;
  const inputs = [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)];
  return {
    action: new URL(action.replaceAll("&amp;", "&"), page.url).href,
    form: Object.fromEntries(inputs.map(([, name, value]) => [name as string, value as string])),
  };
}

/** A complete sign-in; returns where the browser is sent afterwards. */
export async function signIn(
  browser: Browser,
  serverUrl: string,
  email = "ada@dev.jeex",
  query: Record<string, string> = {},
) {
  const callbackUrl = await authorizeAtProvider(browser, serverUrl, email, query);
  const callback = await browser.request(callbackUrl);
  expect(callback.status, callback.body).toBe(303);
  return { callback, landedAt: new URL(callback.response.headers.get("location") ?? "") };
}

/** The typed client as the web app uses it: the browser's cookies, and the CSRF header unless told not to. */
export function sessionClient(
  serverUrl: string,
  browser: Browser,
  options: { csrf?: boolean; tenantId?: string } = {},
) {
  return createJeexClient({
    url: serverUrl,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    headers: () => ({
      cookie: browser.jar.headerFor(new URL("/trpc/", serverUrl)),
      ...(options.csrf === false ? {} : { [CSRF_HEADER]: "1" }),
    }),
  });
}

/** A JSON error body from a plain HTTP auth route. */
export const errorBody = (body: string) =>
  JSON.parse(body) as { error: string; code: string; requestId: string };
