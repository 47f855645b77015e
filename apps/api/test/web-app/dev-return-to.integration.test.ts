import { databaseTargets } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { createBrowser } from "../auth/support/browser.ts";
import { AUTH_TEST_ENV, signIn } from "../auth/support/sign-in.ts";
import { useServersOnOneDatabase } from "../support/server.ts";

// `pnpm dev` serves the web app from Vite on 5200; sign-in must come back there, in development mode
// only (JEEX_DEV_MODE), whatever NODE_ENV says.
const VITE = "http://127.0.0.1:5200";
const PRODUCTION_MODE = {
  JEEX_DEV_MODE: "false",
  NODE_ENV: "development",
  API_KEY_HASH_SECRET: "k".repeat(40),
  EXPORT_SIGNING_SECRET: "e".repeat(40),
  OIDC_PROVIDERS: JSON.stringify([
    { id: "corp", name: "Corp", issuer: "https://id.corp.example", clientId: "jeex", clientSecret: "s" },
  ]),
};

describe.each(databaseTargets())("sign-in returning to the Vite dev server on $name", (target) => {
  const { servers } = useServersOnOneDatabase(target, {
    development: { ...AUTH_TEST_ENV, JEEX_DEV_MODE: "true" },
    notDevelopment: { ...AUTH_TEST_ENV, ...PRODUCTION_MODE },
  });

  it("in development mode, Vite's origin is an allowed returnTo beside the API's own", async () => {
    const { landedAt } = await signIn(createBrowser(), servers.development.url, "ada@dev.jeex", {
      returnTo: `${VITE}/projects?q=x`,
    });
    expect(landedAt.href).toBe(`${VITE}/projects?q=x`);
    const own = await signIn(createBrowser(), servers.development.url, "ada@dev.jeex", {
      returnTo: "/settings",
    });
    expect(own.landedAt.href).toBe(`${servers.development.url}/settings`);
  });

  it("outside development mode the same returnTo is refused, even with NODE_ENV=development", async () => {
    const visit = await createBrowser().request(
      `${servers.notDevelopment.url}/auth/login?${new URLSearchParams({ returnTo: `${VITE}/projects` })}`,
    );
    expect(visit.status).toBe(400);
  });
});
