import { createAuditRepository } from "@jeex/db/repositories";
import { databaseTargets } from "@jeex/db/testing";
import { CSRF_HEADER } from "@jeex/trpc/context";
import { describe, expect, it } from "vitest";
import { expectTrpcError, useTestServer } from "../support/server.ts";
import { createBrowser } from "./support/browser.ts";
import {
  AUTH_TEST_ENV,
  errorBody,
  LOGIN_COOKIE,
  openLoginForm,
  SESSION_COOKIE,
  sessionClient,
  signIn,
} from "./support/sign-in.ts";

describe.each(databaseTargets())("sign-in with the bundled OpenID provider on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);
  const issuer = () => `${suite.url}/oidc`;

  async function personalTenantOf(email: string) {
    const user = await suite.db.system.findUserByIdentity(issuer(), email.split("@")[0] ?? "");
    if (!user) throw new Error(`${email} has no user`);
    const memberships = await suite.db.system.listMemberships(user.id);
    const personal = memberships.find((m) => m.personal);
    if (!personal) throw new Error(`${email} has no personal tenant`);
    return { userId: user.id, memberships, personal };
  }

  it("a person signs in through the provider's login form and gets a session cookie", async () => {
    const browser = createBrowser();
    const { callback, landedAt } = await signIn(browser, suite.url, "ada@dev.jeex");

    expect(landedAt.href).toBe(`${suite.url}/`);
    const session = browser.jar.get(SESSION_COOKIE);
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    // The login-state cookie is single-use: cleared by the callback.
    expect(browser.jar.get(LOGIN_COOKIE)).toBeUndefined();
    expect(callback.response.headers.get("cache-control")).toBe("no-store");
  });

  it("first sign-in creates the user with a personal tenant they own, used by default", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "grace@dev.jeex");
    const { memberships, personal } = await personalTenantOf("grace@dev.jeex");
    expect(memberships).toHaveLength(1);
    expect(personal.role).toBe("owner");

    const jeex = sessionClient(suite.url, browser);
    const created = await jeex.projects.create.mutate({ name: "Grace's compiler" });
    expect(created.tenantId).toBe(personal.tenantId);
    const page = await jeex.projects.list.query({ limit: 100 });
    expect(page.items.map((p) => p.id)).toContain(created.id);
    expect(page.items.every((p) => p.tenantId === personal.tenantId)).toBe(true);
  });

  it("auth.me describes the signed-in user and their session", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "ada@dev.jeex");
    const { userId, personal } = await personalTenantOf("ada@dev.jeex");
    const me = await sessionClient(suite.url, browser).auth.me.query();
    expect(me.user).toMatchObject({ id: userId, displayName: "Ada Lovelace" });
    // The verified email is kept unless another user already has it: every suite signs in "ada"
    // (each with its own issuer) and they may share one Postgres database.
    expect([null, "ada@dev.jeex"]).toContain(me.user.email);
    expect(me.credential).toBe("session");
    expect(me.activeTenant).toEqual({ tenantId: personal.tenantId, role: "owner" });
  });

  it("signing in again keeps the same user and rotates the session", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "alan@dev.jeex");
    const first = browser.jar.get(SESSION_COOKIE)?.value ?? "";
    const { userId } = await personalTenantOf("alan@dev.jeex");

    await signIn(browser, suite.url, "alan@dev.jeex");
    const second = browser.jar.get(SESSION_COOKIE)?.value ?? "";
    expect(second).not.toBe(first);
    const again = await personalTenantOf("alan@dev.jeex");
    expect(again.userId).toBe(userId);
    expect(again.memberships).toHaveLength(1);

    // The replaced session is revoked, not left alive beside the new one.
    const stale = createBrowser();
    stale.jar.set({ name: SESSION_COOKIE, value: first, path: "/" });
    await expectTrpcError(sessionClient(suite.url, stale).projects.list.query({}), "UNAUTHORIZED");
    await sessionClient(suite.url, browser).projects.list.query({});
  });

  it("a cookie-authenticated mutation needs the x-jeex-csrf header; queries do not", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "ada@dev.jeex");
    const withoutHeader = sessionClient(suite.url, browser, { csrf: false });
    await withoutHeader.projects.list.query({});
    const refused = await expectTrpcError(
      withoutHeader.projects.create.mutate({ name: "forged" }),
      "FORBIDDEN",
    );
    expect(refused.message).toContain(CSRF_HEADER);
    const created = await sessionClient(suite.url, browser).projects.create.mutate({
      name: "with the header",
    });
    expect(created.name).toBe("with the header");
  });

  it("sign-in and sign-out are recorded in the audit log of the user's tenant", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "ada@dev.jeex");
    const { userId, personal } = await personalTenantOf("ada@dev.jeex");
    const logout = await browser.request(`${suite.url}/auth/logout`, {
      method: "POST",
      headers: { [CSRF_HEADER]: "1" },
    });
    expect(logout.status).toBe(204);

    const rows = await suite.db.withTenant({ tenantId: personal.tenantId, userId }, (tx) =>
      createAuditRepository(tx).list({ limit: 50 }),
    );
    const actions = rows.map((row) => row.action);
    expect(actions).toContain("auth.sign_in");
    expect(actions[0]).toBe("auth.sign_out");
    expect(rows[0]).toMatchObject({ actorKind: "session", actorUserId: userId, tenantId: personal.tenantId });
    expect(rows[0]?.requestId).toBeTruthy();
  });

  it("after sign-out the provider asks for a login again, and another account can sign in", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "ada@dev.jeex");
    const reachesCallback = async () =>
      (await browser.navigate(`${suite.url}/auth/login`, {}, (url) => url.pathname === "/auth/callback"))
        .next;
    // Before a sign-out the provider's own session answers a new sign-in at once, without its form.
    expect(await reachesCallback()).toBeDefined();

    const logout = await browser.request(`${suite.url}/auth/logout`, {
      method: "POST",
      headers: { [CSRF_HEADER]: "1" },
    });
    expect(logout.status).toBe(204);
    await openLoginForm(browser, suite.url);

    // Grace at Ada's browser: the provider ends Ada's session on the way (its auto-submitted form).
    await signIn(browser, suite.url, "grace@dev.jeex");
    const me = await sessionClient(suite.url, browser).auth.me.query();
    expect(me.user.id).toBe((await personalTenantOf("grace@dev.jeex")).userId);
    expect(await reachesCallback()).toBeDefined();
  });

  it("sign-out without the CSRF header is refused and keeps the session", async () => {
    const browser = createBrowser();
    await signIn(browser, suite.url, "ada@dev.jeex");
    const refused = await browser.request(`${suite.url}/auth/logout`, { method: "POST" });
    expect(refused.status).toBe(403);
    expect(errorBody(refused.body).code).toBe("CSRF_HEADER_MISSING");
    await sessionClient(suite.url, browser).projects.list.query({});
  });

  it("a wrong password at the provider shows the form again and signs no one in", async () => {
    const browser = createBrowser();
    const form = await openLoginForm(browser, suite.url);
    const { last } = await browser.navigate(form.action, {
      form: { email: "ada@dev.jeex", password: "guess" },
    });
    expect(last.status).toBe(401);
    expect(last.body).toContain("wrong password");
    expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("cancelling at the provider ends on a clear 400 from the callback", async () => {
    const browser = createBrowser();
    const form = await openLoginForm(browser, suite.url);
    const abortUrl = /href="([^"]+\/abort)"/.exec(form.page.body)?.[1] ?? "";
    const { last } = await browser.navigate(new URL(abortUrl, suite.url));
    expect(last.url.pathname).toBe("/auth/callback");
    expect(last.status).toBe(400);
    expect(errorBody(last.body)).toMatchObject({ code: "SIGN_IN_DENIED" });
    expect(errorBody(last.body).error).toContain("access_denied");
    expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("an unknown provider or a malformed request is a 400, not a redirect", async () => {
    const unknown = await fetch(`${suite.url}/auth/login?provider=nope`, { redirect: "manual" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: "UNKNOWN_PROVIDER" });
    const tooLong = await fetch(`${suite.url}/auth/login?returnTo=/${"x".repeat(3000)}`, {
      redirect: "manual",
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: "INVALID_REQUEST" });
  });

  it("auth.providers lists the development provider for the sign-in page", async () => {
    const browser = createBrowser();
    expect(await sessionClient(suite.url, browser).auth.providers.query()).toEqual([
      { id: "dev", name: "JEEX development accounts" },
    ]);
  });
});
