import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { createLoginStateSealer, type LoginState } from "../../src/auth/login-state.ts";
import { useTestServer } from "../support/server.ts";
import { type Browser, createBrowser } from "./support/browser.ts";
import {
  AUTH_TEST_ENV,
  authorizeAtProvider,
  errorBody,
  LOGIN_COOKIE,
  SESSION_COOKIE,
} from "./support/sign-in.ts";

// Every way a callback can be forged or replayed ends in a clear 4xx and no session. The server's
// login-state secret is known here so a test can re-seal a genuine state with one field changed,
// which is exactly what an attacker without the secret cannot do.

const sealer = createLoginStateSealer(AUTH_TEST_ENV.AUTH_COOKIE_SECRET);
const CALLBACK_PATH = "/auth/callback";

function loginStateOf(browser: Browser): LoginState {
  const cookie = browser.jar.get(LOGIN_COOKIE);
  if (!cookie) throw new Error("no sign-in in progress in this browser");
  return sealer.open(cookie.value);
}

function replaceLoginState(browser: Browser, change: Partial<LoginState>) {
  const value = sealer.seal({ ...loginStateOf(browser), ...change });
  browser.jar.set({ name: LOGIN_COOKIE, value, path: CALLBACK_PATH });
}

async function expectRefused(browser: Browser, callbackUrl: URL, code: string) {
  const visit = await browser.request(callbackUrl);
  expect(visit.status, visit.body).toBe(400);
  expect(errorBody(visit.body).code).toBe(code);
  expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();
  // The attempt used up the login state: it cannot be retried.
  expect(browser.jar.get(LOGIN_COOKIE)).toBeUndefined();
  return errorBody(visit.body);
}

describe.each(databaseTargets())("forged and replayed sign-in callbacks on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);

  it("a tampered state is refused, and the genuine response cannot be used afterwards", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", `${callbackUrl.searchParams.get("state")}x`);
    await expectRefused(browser, tampered, "STATE_MISMATCH");
    await expectRefused(browser, callbackUrl, "LOGIN_STATE_MISSING");
  });

  it("a callback started in another browser is refused (login CSRF)", async () => {
    const victim = createBrowser();
    const attacker = createBrowser();
    await authorizeAtProvider(victim, suite.url, "ada@dev.jeex");
    const attackersCallback = await authorizeAtProvider(attacker, suite.url, "grace@dev.jeex");
    await expectRefused(victim, attackersCallback, "STATE_MISMATCH");
  });

  it("a replayed authorization code is refused, even with the original login cookie", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    const capturedLoginCookie = browser.jar.get(LOGIN_COOKIE)?.value ?? "";
    const first = await browser.request(callbackUrl);
    expect(first.status).toBe(303);

    const replayer = createBrowser();
    replayer.jar.set({ name: LOGIN_COOKIE, value: capturedLoginCookie, path: CALLBACK_PATH });
    const refused = await expectRefused(replayer, callbackUrl, "CODE_REJECTED");
    expect(refused.error).toContain("invalid_grant");
  });

  it("an ID token whose nonce is not this sign-in's is refused", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    replaceLoginState(browser, { nonce: "not-the-nonce-that-was-sent" });
    await expectRefused(browser, callbackUrl, "NONCE_MISMATCH");
  });

  it("without the login-state cookie there is no PKCE verifier, and the callback is refused", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    browser.jar.delete(LOGIN_COOKIE);
    const refused = await expectRefused(browser, callbackUrl, "LOGIN_STATE_MISSING");
    expect(refused.error).toContain("/auth/login");
  });

  it("an altered login-state cookie is refused", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    const genuine = browser.jar.get(LOGIN_COOKIE)?.value ?? "";
    const flipped = `${genuine.slice(0, 20)}${genuine[20] === "A" ? "B" : "A"}${genuine.slice(21)}`;
    browser.jar.set({ name: LOGIN_COOKIE, value: flipped, path: CALLBACK_PATH });
    await expectRefused(browser, callbackUrl, "LOGIN_STATE_INVALID");
  });

  it("a PKCE verifier that does not match the challenge is refused by the provider", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    replaceLoginState(browser, { codeVerifier: "x".repeat(43) });
    const refused = await expectRefused(browser, callbackUrl, "CODE_REJECTED");
    expect(refused.error).toContain("invalid_grant");
  });

  it("a login state older than ten minutes is refused", async () => {
    const browser = createBrowser();
    const callbackUrl = await authorizeAtProvider(browser, suite.url);
    replaceLoginState(browser, { expiresAt: Date.now() - 1 });
    await expectRefused(browser, callbackUrl, "LOGIN_STATE_EXPIRED");
  });

  it("a callback without code or state is refused", async () => {
    const browser = createBrowser();
    await authorizeAtProvider(browser, suite.url);
    await expectRefused(browser, new URL(`${suite.url}${CALLBACK_PATH}`), "STATE_MISMATCH");
  });
});
