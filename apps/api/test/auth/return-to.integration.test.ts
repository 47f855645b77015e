import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { useServersOnOneDatabase } from "../support/server.ts";
import { createBrowser } from "./support/browser.ts";
import { AUTH_TEST_ENV, errorBody, LOGIN_COOKIE, signIn } from "./support/sign-in.ts";

const WEB_APP = "http://localhost:5200";

// returnTo is checked at /auth/login, before anything is stored or anyone is redirected.
describe.each(databaseTargets())("returnTo after sign-in on $name", (target) => {
  const { servers } = useServersOnOneDatabase(target, {
    ownOrigin: AUTH_TEST_ENV,
    withWebApp: { ...AUTH_TEST_ENV, AUTH_RETURN_TO_ORIGINS: WEB_APP },
  });

  it.each(["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"])(
    "returnTo=%s is refused with a 400 and no redirect",
    async (returnTo) => {
      const browser = createBrowser();
      const visit = await browser.request(
        `${servers.ownOrigin.url}/auth/login?${new URLSearchParams({ returnTo })}`,
      );
      expect(visit.status).toBe(400);
      expect(visit.response.headers.get("location")).toBeNull();
      expect(errorBody(visit.body).code).toBe("RETURN_TO_NOT_ALLOWED");
      expect(browser.jar.get(LOGIN_COOKIE)).toBeUndefined();
    },
  );

  it("by default a path on this server's own origin is where the browser lands", async () => {
    const { landedAt } = await signIn(createBrowser(), servers.ownOrigin.url, "ada@dev.jeex", {
      returnTo: "/welcome?x=1",
    });
    expect(landedAt.href).toBe(`${servers.ownOrigin.url}/welcome?x=1`);
  });

  it("with AUTH_RETURN_TO_ORIGINS the web app's origin is allowed and the default", async () => {
    const path = await signIn(createBrowser(), servers.withWebApp.url, "ada@dev.jeex", {
      returnTo: "/projects",
    });
    expect(path.landedAt.href).toBe(`${WEB_APP}/projects`);
    const absolute = await signIn(createBrowser(), servers.withWebApp.url, "ada@dev.jeex", {
      returnTo: `${WEB_APP}/settings`,
    });
    expect(absolute.landedAt.href).toBe(`${WEB_APP}/settings`);
    const none = await signIn(createBrowser(), servers.withWebApp.url, "ada@dev.jeex");
    expect(none.landedAt.href).toBe(`${WEB_APP}/`);
  });

  it("with AUTH_RETURN_TO_ORIGINS set, the API's own origin is no longer a target", async () => {
    const visit = await createBrowser().request(
      `${servers.withWebApp.url}/auth/login?${new URLSearchParams({ returnTo: `${servers.withWebApp.url}/` })}`,
    );
    expect(visit.status).toBe(400);
  });
});
