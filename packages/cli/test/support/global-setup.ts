import type { TestProject } from "vitest/node";
import { type StartedApi, startApi } from "./api-server.ts";
import "./provided-context.ts";

let api: StartedApi | undefined;

/** One API on the template provider for the whole run: starting PGlite costs seconds, tests share it. */
export async function setup(project: TestProject) {
  api = await startApi();
  project.provide("api", { url: api.url, credentials: api.credentials });
}

export async function teardown() {
  await api?.stop();
}
