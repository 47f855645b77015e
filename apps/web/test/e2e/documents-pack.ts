import type { Page } from "playwright-core";
import { pollFor } from "./support/poll.ts";

/**
 * tRPC calls from inside a signed-in page: the person's own cookie session, the CSRF header the
 * app sends, and optionally the tenant. For arranging what a documents spec is not about (the
 * workflow's UI belongs to another spec).
 */
export async function callInPage<T>(
  page: Page,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
  tenantId?: string,
): Promise<T> {
  const answer = await page.evaluate(
    async ({ path, input, kind, tenantId }) => {
      const headers: Record<string, string> = { "content-type": "application/json", "x-jeex-csrf": "1" };
      if (tenantId) headers["x-tenant-id"] = tenantId;
      const response =
        kind === "query"
          ? await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
          : await fetch(`/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
      return { status: response.status, body: await response.json() };
    },
    { path, input, kind, tenantId },
  );
  const body = answer.body as { result?: { data: T }; error?: { message: string; data?: { code?: string } } };
  if (!body.result) {
    throw Object.assign(new Error(`${path}: ${answer.status} ${body.error?.message}`), {
      status: answer.status,
      code: body.error?.data?.code,
    });
  }
  return body.result.data;
}

const steps = ["about", "architecture", "plan", "specs"] as const;

interface StepStatus {
  step: string;
  status: string;
}

/** A project with the four steps run (template provider): the whole pack. */
export async function projectWithPack(page: Page, name: string): Promise<{ projectId: string }> {
  const project = await callInPage<{ id: string }>(page, "projects.create", { name });
  for (const step of steps) {
    const input =
      step === "about"
        ? {
            input: {
              idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk.",
              audience: "Busy dog owners and independent dog walkers",
            },
          }
        : {};
    await callInPage(page, "workflow.runStep", { projectId: project.id, step, ...input });
    await waitForStep(page, project.id, step);
  }
  return { projectId: project.id };
}

async function waitForStep(page: Page, projectId: string, step: string) {
  await pollFor(async () => {
    const status = await callInPage<{ steps: StepStatus[] }>(page, "workflow.status", { projectId }, "query");
    const state = status.steps.find((entry) => entry.step === step)?.status;
    if (state === "failed" || state === "cancelled") throw new Error(`step ${step} ${state}`);
    return state === "succeeded" ? state : undefined;
  }, `step ${step} did not finish in time`);
}

export interface ListedDocument {
  id: string;
  path: string;
  title: string;
  stale: boolean;
  versionId: string;
  version: number;
}

export async function listDocuments(page: Page, projectId: string, tenantId?: string) {
  const { items } = await callInPage<{ items: ListedDocument[] }>(
    page,
    "documents.list",
    { projectId, limit: 100 },
    "query",
    tenantId,
  );
  return items;
}
