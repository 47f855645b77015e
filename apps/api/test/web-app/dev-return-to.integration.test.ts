import type { Database } from "@jeex/db/client";
import { databaseTargets } from "@jeex/db/testing/databases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowser } from "../auth/support/browser.ts";
import { AUTH_TEST_ENV, signIn } from "../auth/support/sign-in.ts";
import { startTestServer } from "../support/server.ts";

// `pnpm dev` serves the web app from Vite on 5200; sign-in must come back there, in development only.
const VITE = "http://127.0.0.1:5200";

describe.each(databaseTargets())("sign-in returning to the Vite dev server on $name", (target) => {
  let db: Database;
  let development: Awaited<ReturnType<typeof startTestServer>>;
  let notDevelopment: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    db = await target.open();
    development = await startTestServer(db, { ...AUTH_TEST_ENV, NODE_ENV: "development" });
    notDevelopment = await startTestServer(db, AUTH_TEST_ENV);
  });
  afterAll(async () => {
    await development.stop();
    await notDevelopment.stop();
    await db.close();
  });

  it("in development, Vite's origin is an allowed returnTo beside the API's own", async () => {
    const { landedAt } = await signIn(createBrowser(), development.url, "ada@dev.jeex", {
      returnTo: `${VITE}/projects?q=x`,
    });
    expect(landedAt.href).toBe(`${VITE}/projects?q=x`);
    const own = await signIn(createBrowser(), development.url, "ada@dev.jeex", { returnTo: "/settings" });
    expect(own.landedAt.href).toBe(`${development.url}/settings`);
  });

  it("outside development the same returnTo is refused", async () => {
    const visit = await createBrowser().request(
      `${notDevelopment.url}/auth/login?${new URLSearchParams({ returnTo: `${VITE}/projects` })}`,
    );
    expect(visit.status).toBe(400);
  });
});
