import { documents, documentVersions } from "@jeex/db/schema";
import { databaseTargets } from "@jeex/db/testing";
import { appRouter } from "@jeex/trpc/router";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { exportAndWait, projectWithSteps } from "./exports/support/pack.ts";
import { type TestMember, useTestServer } from "./support/server.ts";

/** The ids a project's rows are reached by. */
interface ProjectIds {
  projectId: string;
  documentId: string;
  versionId: string;
  olderVersionId: string;
  executionId: string;
  exportId: string;
}

interface ByIdCase {
  type: "query" | "mutation" | "subscription";
  input: (ids: ProjectIds) => unknown;
}

/** Every procedure that reaches into a project by one of its ids, with an input naming the project's rows. */
const byId: Record<string, ByIdCase> = {
  "projects.get": { type: "query", input: ({ projectId }) => ({ projectId }) },
  "projects.update": { type: "mutation", input: ({ projectId }) => ({ projectId, name: "revived" }) },
  "projects.delete": { type: "mutation", input: ({ projectId }) => ({ projectId }) },
  "workflow.runStep": { type: "mutation", input: ({ projectId }) => ({ projectId, step: "architecture" }) },
  "workflow.cancel": { type: "mutation", input: ({ executionId }) => ({ executionId }) },
  "workflow.status": { type: "query", input: ({ projectId }) => ({ projectId }) },
  "workflow.estimate": { type: "query", input: ({ projectId }) => ({ projectId, step: "architecture" }) },
  "workflow.events": { type: "subscription", input: ({ projectId }) => ({ projectId }) },
  "workflow.executions.list": { type: "query", input: ({ projectId }) => ({ projectId }) },
  "workflow.executions.get": { type: "query", input: ({ executionId }) => ({ executionId }) },
  "documents.list": { type: "query", input: ({ projectId }) => ({ projectId }) },
  "documents.report": { type: "query", input: ({ projectId }) => ({ projectId }) },
  "documents.versions": { type: "query", input: ({ documentId }) => ({ documentId }) },
  "documents.get": { type: "query", input: ({ documentId, versionId }) => ({ documentId, versionId }) },
  "documents.diff": {
    type: "query",
    input: ({ documentId, olderVersionId, versionId }) => ({
      documentId,
      fromVersionId: olderVersionId,
      toVersionId: versionId,
    }),
  },
  "documents.saveEdit": {
    type: "mutation",
    input: ({ documentId, versionId }) => ({
      documentId,
      baseVersionId: versionId,
      content: "# Written after the project was deleted\n",
    }),
  },
  "documents.activate": {
    type: "mutation",
    input: ({ documentId, olderVersionId }) => ({ documentId, versionId: olderVersionId }),
  },
  "documents.confirm": { type: "mutation", input: ({ documentId }) => ({ documentId }) },
  "documents.resolveMerge": {
    type: "mutation",
    input: ({ documentId, versionId }) => ({ documentId, versionId, resolution: "mine" }),
  },
  "exports.create": { type: "mutation", input: ({ projectId }) => ({ projectId }) },
  "exports.get": { type: "query", input: ({ exportId }) => ({ exportId }) },
  "exports.list": { type: "query", input: ({ projectId }) => ({ projectId }) },
  "memory.search": { type: "query", input: ({ projectId }) => ({ projectId, query: "walkers" }) },
  "usage.get": { type: "query", input: ({ projectId }) => ({ projectId }) },
};

const projectIdFields = ["projectId", "documentId", "versionId", "executionId", "exportId"];

/** Procedures whose input can name a project or one of its rows, read from their input schemas. */
function proceduresTakingProjectIds(): string[] {
  return Object.entries(appRouter._def.procedures)
    .filter(([, procedure]) => {
      const inputs = (procedure as unknown as { _def: { inputs: z.ZodType[] } })._def.inputs;
      return inputs.some((schema) => {
        type Shape = { properties?: Record<string, unknown>; anyOf?: Shape[]; oneOf?: Shape[] };
        const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Shape;
        // A discriminated union (documents.resolveMerge) lists its fields per variant.
        const shapes = [json, ...(json.anyOf ?? []), ...(json.oneOf ?? [])];
        return shapes
          .flatMap((shape) => Object.keys(shape.properties ?? {}))
          .some((field) => projectIdFields.includes(field) || /VersionId$/.test(field));
      });
    })
    .map(([path]) => path)
    .sort();
}

describe("the deleted-project table covers every procedure that takes a project's ids", () => {
  it("a procedure taking a project, document, version, execution or export id has a row", () => {
    expect(Object.keys(byId).sort()).toEqual(proceduresTakingProjectIds());
  });
});

describe.each(databaseTargets())("a soft-deleted project is NOT_FOUND by every id on $name", (target) => {
  const suite = useTestServer(target);
  let owner: TestMember;
  let ids: ProjectIds;

  beforeAll(async () => {
    owner = await suite.member("owner");
    const { client, project, progress } = await projectWithSteps(suite.url, owner);
    const exported = await exportAndWait(client, progress, project.id);
    progress.close();
    const about = (await client.documents.list.query({ projectId: project.id })).items.find(
      (doc) => doc.kind === "about",
    );
    if (!about) throw new Error("the about step wrote about.md");
    const older = await client.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: "# About\n\nEdited while the project was live.\n",
    });
    const executions = await client.workflow.executions.list.query({ projectId: project.id });
    const [execution] = executions.items;
    if (!execution) throw new Error("the steps left executions");
    ids = {
      projectId: project.id,
      documentId: about.id,
      versionId: older.id,
      olderVersionId: about.versionId,
      executionId: execution.id,
      exportId: exported.id,
    };
    // The ids are real: each answers while the project is live.
    await client.documents.get.query({ documentId: ids.documentId, versionId: ids.olderVersionId });
    await client.workflow.executions.get.query({ executionId: ids.executionId });
    await client.exports.get.query({ exportId: ids.exportId });
    await client.projects.delete.mutate({ projectId: project.id });
  }, 120_000);

  /** The tRPC error code a call answers with, over plain HTTP (SSE for the subscription). */
  async function errorCodeOf(path: string, { type, input }: ByIdCase): Promise<string | undefined> {
    const value = JSON.stringify(input(ids));
    const authorization = `Bearer ${owner.apiKey}`;
    const response =
      type === "mutation"
        ? await fetch(`${suite.url}/trpc/${path}`, {
            method: "POST",
            headers: { authorization, "content-type": "application/json" },
            body: value,
          })
        : await fetch(`${suite.url}/trpc/${path}?input=${encodeURIComponent(value)}`, {
            headers: { authorization, ...(type === "subscription" ? { accept: "text/event-stream" } : {}) },
            signal: AbortSignal.timeout(5000),
          });
    const body = type === "subscription" ? await firstSseError(response) : await response.text();
    return (JSON.parse(body) as { error?: { data?: { code?: string } }; data?: { code?: string } }).error
      ?.data?.code;
  }

  /** A refused subscription answers 200 and sends its error as the stream's first event. */
  async function firstSseError(response: Response): Promise<string> {
    const reader = response.body?.getReader();
    let text = "";
    while (reader && !/event: serialized-error\ndata: .*\n/.test(text) && !text.includes("event: ping")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    await reader?.cancel();
    const error = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
    return error ? JSON.stringify({ error: JSON.parse(error) }) : "{}";
  }

  it.each(Object.entries(byId))("%s of the deleted project is NOT_FOUND", async (path, procedure) => {
    expect(await errorCodeOf(path, procedure)).toBe("NOT_FOUND");
  });

  it("nothing was written through the deleted project's ids", async () => {
    const rows = await suite.db.withTenant({ tenantId: owner.tenantId, userId: owner.userId }, (tx) =>
      // Read below the repositories, which no longer see the deleted project's rows.
      tx.db
        .select({ id: documentVersions.id, activeVersionId: documents.activeVersionId })
        .from(documentVersions)
        .innerJoin(documents, eq(documents.id, documentVersions.documentId))
        .where(eq(documentVersions.documentId, ids.documentId)),
    );
    expect(rows.map((row) => row.id).sort()).toEqual([ids.olderVersionId, ids.versionId].sort());
    expect(rows[0]?.activeVersionId).toBe(ids.versionId);
  });
});
