import { databaseTargets, uniqueSlug } from "@jeex/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { type SignedInPerson, signedInPerson } from "../support/people.ts";
import { useTestServer } from "../support/server.ts";

const quietPeriodMs = 1_500;

/**
 * Opens `workflow.events` the way a browser's EventSource does (no header but the cookie) and
 * reads until the stream says why it failed, or stays quiet for a while (it is open and live).
 * tRPC answers 200 and "connected" first; a refusal follows as a `serialized-error` event.
 */
async function openStreamAsBrowser(
  serverUrl: string,
  person: SignedInPerson,
  projectId: string,
  connectionParams: Record<string, string> | undefined,
): Promise<{ connected: boolean; errorCode: string | undefined }> {
  const url = new URL("/trpc/workflow.events", serverUrl);
  url.searchParams.set("input", JSON.stringify({ projectId }));
  if (connectionParams) url.searchParams.set("connectionParams", JSON.stringify(connectionParams));
  const abort = new AbortController();
  const quiet = setTimeout(() => abort.abort(), quietPeriodMs);
  let text = "";
  try {
    const response = await fetch(url, {
      headers: { ...person.sessionHeaders(), accept: "text/event-stream" },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    while (reader && !text.includes("event: serialized-error")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(quiet);
    abort.abort();
  }
  const errorData = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
  const errorCode = errorData
    ? (JSON.parse(errorData) as { data?: { code?: string } }).data?.code
    : undefined;
  return { connected: text.includes("event: connected"), errorCode };
}

describe.each(databaseTargets())(
  "a browser's progress stream names its tenant in connectionParams on $name",
  (target) => {
    const suite = useTestServer(target);
    let person: SignedInPerson;
    let outsider: SignedInPerson;
    let secondTenantId: string;
    let projectInSecondTenant: { id: string };

    beforeAll(async () => {
      person = await signedInPerson(suite.db, suite.url);
      outsider = await signedInPerson(suite.db, suite.url);
      const created = await person.client().tenants.create.mutate({ slug: uniqueSlug("org"), name: "Org" });
      secondTenantId = created.id;
      projectInSecondTenant = await person
        .client({ tenantId: secondTenantId })
        .projects.create.mutate({ name: "Plan in the second tenant" });
    });

    it("a subscription naming the second tenant sees that tenant's project", async () => {
      const opened = await openStreamAsBrowser(suite.url, person, projectInSecondTenant.id, {
        tenantId: secondTenantId,
      });
      expect(opened).toEqual({ connected: true, errorCode: undefined });
    });

    it("without connectionParams the default (personal) tenant applies, where the project does not exist", async () => {
      const opened = await openStreamAsBrowser(suite.url, person, projectInSecondTenant.id, undefined);
      expect(opened.errorCode).toBe("NOT_FOUND");
    });

    it("naming a tenant the caller is not a member of is FORBIDDEN, like the header", async () => {
      const opened = await openStreamAsBrowser(suite.url, outsider, projectInSecondTenant.id, {
        tenantId: secondTenantId,
      });
      expect(opened.errorCode).toBe("FORBIDDEN");
    });
  },
);
