import { request as httpRequest } from "node:http";
import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server.ts";
import { createBrowser } from "./support/browser.ts";
import { AUTH_TEST_ENV, LOGIN_COOKIE, openLoginForm, signIn } from "./support/sign-in.ts";

/** A GET with a Host header of our choosing: another name for the same listening socket. */
function getWithHost(url: string, host: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      const req = httpRequest(url, { headers: { host } }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe.each(databaseTargets())("the pages sign-in shows a person on $name", (target) => {
  const suite = useTestServer(target, AUTH_TEST_ENV);

  it("the development sign-in form is styled by a stylesheet its CSP allows, with no inline style", async () => {
    const { page } = await openLoginForm(createBrowser(), suite.url);
    const csp = page.response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    expect(page.body).not.toMatch(/\sstyle=|<style/);
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)?.[1];
    expect(href).toBe("/auth/page.css");
    const sheet = await fetch(new URL(href ?? "", suite.url));
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await sheet.text()).toContain("@media (prefers-color-scheme: dark)");
  });

  it("a sign-in started at localhost moves to the public address before it sets its cookie", async () => {
    const publicUrl = new URL(suite.url);
    expect(publicUrl.hostname).toBe("127.0.0.1");
    const started = await getWithHost(
      `${suite.url}/auth/login?returnTo=%2Fprojects`,
      `localhost:${publicUrl.port}`,
    );
    expect(started.status).toBe(302);
    expect(started.headers.location).toBe(`${suite.url}/auth/login?returnTo=%2Fprojects`);
    // No login state on the host the callback will not come back to.
    expect(String(started.headers["set-cookie"] ?? "")).not.toContain(LOGIN_COOKIE);
    // Followed, it is an ordinary sign-in on the public address.
    const { landedAt } = await signIn(createBrowser(), suite.url, "ada@dev.jeex", { returnTo: "/projects" });
    expect(landedAt.href).toBe(`${suite.url}/projects`);
  });

  it("a callback with no sign-in in this browser is a readable page for a browser, JSON for a script", async () => {
    const browser = createBrowser();
    const page = await browser.request(`${suite.url}/auth/callback?code=c&state=s`, {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(page.status).toBe(400);
    expect(page.response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.response.headers.get("content-security-policy")).toContain("style-src 'self'");
    expect(page.body).toContain("Sign-in did not complete");
    expect(page.body).toContain(`No sign-in was started in this browser at ${suite.url}`);
    expect(page.body).toContain('<a href="/sign-in">Sign in again</a>');
    expect(page.body).toContain("LOGIN_STATE_MISSING");

    const script = await browser.request(`${suite.url}/auth/callback?code=c&state=s`);
    expect(script.status).toBe(400);
    expect(JSON.parse(script.body)).toMatchObject({ code: "LOGIN_STATE_MISSING" });
  });
});
