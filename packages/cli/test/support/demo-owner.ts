import { createJeexClient } from "@jeex/client";
import { expect, inject } from "vitest";
import "./provided-context.ts";
import { cliUser } from "./run-cli.ts";

/**
 * A fresh CLI user who logs in as the shared API's demo owner. Call it while a describe block is
 * collected (it reads the global setup's `api`); `client` is that owner's typed client, for the
 * set-up a test does behind the CLI's back.
 */
export function demoOwner() {
  const api = inject("api");
  const user = cliUser();
  return {
    api,
    user,
    async login() {
      const login = await user.run("login", "--url", api.url, "--api-key", api.credentials.apiKey);
      expect(login.code, login.stderr).toBe(0);
    },
    /** Creates a project through the CLI and returns its id. */
    async createProject(name: string): Promise<string> {
      const created = await user.json<{ id: string }>("projects", "create", "--name", name);
      expect(created.code, created.stderr).toBe(0);
      return created.body.id;
    },
    client: () => createJeexClient({ url: api.url, apiKey: api.credentials.apiKey }),
  };
}
