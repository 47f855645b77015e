import { appRouter } from "@jeex/trpc/router";
import { describe, expect, it } from "vitest";
import { createJeexClient, keyedCreates } from "../src/client.ts";

type FlatProcedures = Record<string, { _def: { type: string; inputs: unknown[] } }>;
interface ZodLike {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, unknown>;
      options?: unknown[];
      left?: unknown;
      right?: unknown;
      in?: unknown;
      innerType?: unknown;
    };
  };
}
const isZod = (value: unknown): value is ZodLike =>
  typeof value === "object" && value !== null && "_zod" in value;

/** Whether an input schema has an `idempotencyKey` field, through unions, intersections and pipes. */
function takesIdempotencyKey(schema: unknown): boolean {
  if (!isZod(schema)) return false;
  const { def } = schema._zod;
  if (def.shape) return "idempotencyKey" in def.shape;
  return [...(def.options ?? []), def.left, def.right, def.in, def.innerType].some(takesIdempotencyKey);
}

interface Sent {
  path: string;
  input: Record<string, unknown> | undefined;
}

const unavailable = {
  error: {
    message: "the database did not answer; retry",
    code: -32603,
    data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 },
  },
};
const forbidden = {
  error: { message: "no", code: -32603, data: { code: "FORBIDDEN", httpStatus: 403 } },
};

/** A fake server over `fetch`: answers each call with the next of `answers` (status, body). */
function fakeServer(answers: { status: number; body: unknown }[]) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const path = new URL(String(url)).pathname.replace("/trpc/", "");
    const body = JSON.parse(String(init?.body ?? "{}")) as Record<string, Record<string, unknown>>;
    sent.push({ path, input: body["0"] });
    const answer = answers.shift() ?? { status: 500, body: { error: { message: "no more answers" } } };
    return new Response(JSON.stringify([answer.body]), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  };
  const client = createJeexClient({ url: "http://api.test", fetch, retry: { delayMs: () => 1 } });
  return { client, sent };
}

const project = {
  id: "0190a000-0000-7000-8000-000000000001",
  tenantId: "0190a000-0000-7000-8000-000000000002",
  name: "Plan",
  description: "",
  language: "en",
  createdBy: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("keyed creates from the client", () => {
  it("get an idempotency key and are retried on a 503 with that same key", async () => {
    const { client, sent } = fakeServer([
      { status: 503, body: unavailable },
      { status: 503, body: unavailable },
      { status: 200, body: { result: { data: project } } },
    ]);
    expect(await client.projects.create.mutate({ name: "Plan" })).toEqual(project);
    expect(sent).toHaveLength(3);
    const keys = sent.map((call) => call.input?.idempotencyKey);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it("keep a key the caller chose", async () => {
    const { client, sent } = fakeServer([{ status: 200, body: { result: { data: project } } }]);
    await client.projects.create.mutate({ name: "Plan", idempotencyKey: "mine" });
    expect(sent[0]?.input?.idempotencyKey).toBe("mine");
  });

  it("give up after four tries and surface the 503", async () => {
    const { client, sent } = fakeServer(
      Array.from({ length: 6 }, () => ({ status: 503, body: unavailable })),
    );
    await expect(client.projects.create.mutate({ name: "Plan" })).rejects.toThrow(/retry/);
    expect(sent).toHaveLength(4);
  });

  it("are not retried on an answer that is no 503", async () => {
    const { client, sent } = fakeServer([{ status: 403, body: forbidden }]);
    await expect(client.apiKeys.create.mutate({ name: "bot", role: "viewer" })).rejects.toThrow("no");
    expect(sent).toHaveLength(1);
  });

  it("other mutations get no key and no retry (they may not be safe to repeat)", async () => {
    const { client, sent } = fakeServer([{ status: 503, body: unavailable }]);
    await expect(client.projects.delete.mutate({ projectId: project.id })).rejects.toThrow(/retry/);
    expect(sent).toEqual([{ path: "projects.delete", input: { projectId: project.id } }]);
  });

  it("are exactly the mutations whose input takes an idempotencyKey (a new one is retried, none other is)", () => {
    const keyed = Object.entries(appRouter._def.procedures as unknown as FlatProcedures)
      .filter(([, procedure]) => procedure._def.type === "mutation")
      .filter(([, procedure]) => procedure._def.inputs.some(takesIdempotencyKey))
      .map(([path]) => path);
    expect(keyed).toContain("projects.create");
    expect([...keyedCreates].sort()).toEqual(keyed.sort());
  });
});
