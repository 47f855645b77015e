import { freePort } from "@jeex/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../../src/server.ts";
import { tempDataDir, testConfig } from "../support/server.ts";
import { AUTH_TEST_ENV } from "./support/sign-in.ts";

describe("sign-in on a server that is just starting", () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
  });

  it("answers the first connection it accepts on its port, never 'sign-in is starting'", async () => {
    const port = await freePort();
    const server = createServer(
      testConfig({ ...AUTH_TEST_ENV, PORT: String(port), DATA_DIR: tempDataDir() }),
    );
    stop = () => server.stop();
    const started = server.start();
    // Knock until the port accepts: the first answer is the first request the server served.
    let first: Response | undefined;
    for (let attempt = 0; !first && attempt < 2000; attempt++) {
      first = await fetch(`http://127.0.0.1:${port}/auth/login?provider=dev`, { redirect: "manual" }).catch(
        () => undefined,
      );
      if (!first) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await started;
    expect(first?.status).toBe(302);
  });
});
