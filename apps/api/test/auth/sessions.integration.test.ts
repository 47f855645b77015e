import { databaseTargets } from "@jeex/db/testing";
import { CSRF_HEADER } from "@jeex/trpc/context";
import { describe, expect, it } from "vitest";
import { expectTrpcError, useServersOnOneDatabase } from "../support/server.ts";
import { createBrowser } from "./support/browser.ts";
import { AUTH_TEST_ENV, SESSION_COOKIE, sessionClient, signIn } from "./support/sign-in.ts";

describe.each(databaseTargets())("browser sessions on $name", (target) => {
  const { servers } = useServersOnOneDatabase(target, {
    defaultTtl: AUTH_TEST_ENV,
    shortLived: { ...AUTH_TEST_ENV, SESSION_TTL_SECONDS: "1" },
  });

  it("the session cookie lives as long as SESSION_TTL_SECONDS, and then stops working", async () => {
    const browser = createBrowser();
    await signIn(browser, servers.shortLived.url);
    const cookie = browser.jar.get(SESSION_COOKIE);
    expect(cookie?.expiresAt).toBeLessThanOrEqual(Date.now() + 1000);
    const value = cookie?.value ?? "";
    await sessionClient(servers.shortLived.url, browser).projects.list.query({});

    await new Promise((resolve) => setTimeout(resolve, 1100));
    // A client that ignores Max-Age still gets nowhere: the server checks expires_at.
    const stubborn = createBrowser();
    stubborn.jar.set({ name: SESSION_COOKIE, value, path: "/" });
    const refused = await expectTrpcError(
      sessionClient(servers.shortLived.url, stubborn).projects.list.query({}),
      "UNAUTHORIZED",
    );
    expect(refused.message).toBe("invalid, expired or revoked credential");
  });

  it("after sign-out the session is revoked on the server, not only forgotten by the browser", async () => {
    const browser = createBrowser();
    await signIn(browser, servers.defaultTtl.url);
    const value = browser.jar.get(SESSION_COOKIE)?.value ?? "";
    const logout = await browser.request(`${servers.defaultTtl.url}/auth/logout`, {
      method: "POST",
      headers: { [CSRF_HEADER]: "1" },
    });
    expect(logout.status).toBe(204);
    expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();

    const replay = createBrowser();
    replay.jar.set({ name: SESSION_COOKIE, value, path: "/" });
    await expectTrpcError(
      sessionClient(servers.defaultTtl.url, replay).projects.list.query({}),
      "UNAUTHORIZED",
    );
  });

  it("signing out twice, or without a session, is harmless", async () => {
    const browser = createBrowser();
    for (let i = 0; i < 2; i++) {
      const logout = await browser.request(`${servers.defaultTtl.url}/auth/logout`, {
        method: "POST",
        headers: { [CSRF_HEADER]: "1" },
      });
      expect(logout.status).toBe(204);
    }
  });

  it("a tampered or made-up session cookie is UNAUTHORIZED", async () => {
    const browser = createBrowser();
    await signIn(browser, servers.defaultTtl.url);
    const genuine = browser.jar.get(SESSION_COOKIE)?.value ?? "";
    const tampered = `${genuine.slice(0, -1)}${genuine.endsWith("A") ? "B" : "A"}`;
    for (const value of [tampered, "made-up", `${genuine}x`, ""]) {
      const forger = createBrowser();
      forger.jar.set({ name: SESSION_COOKIE, value, path: "/" });
      await expectTrpcError(
        sessionClient(servers.defaultTtl.url, forger).projects.list.query({}),
        "UNAUTHORIZED",
      );
    }
    await sessionClient(servers.defaultTtl.url, browser).projects.list.query({});
  });

  it("a bearer credential wins over a session cookie: an invalid bearer is not rescued by the cookie", async () => {
    const browser = createBrowser();
    await signIn(browser, servers.defaultTtl.url);
    const response = await fetch(`${servers.defaultTtl.url}/trpc/projects.list`, {
      headers: {
        cookie: browser.jar.headerFor(new URL(servers.defaultTtl.url)),
        authorization: "Bearer jeex_nonsense",
      },
    });
    expect(response.status).toBe(401);
  });
});
