import { appRouter } from "@jeex/trpc/router";
import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeProcedures } from "../../src/panel/procedure-catalog.ts";

type FlatProcedures = Record<string, { _def: { inputs: z.ZodType[] } }>;

describe("the panel's procedure catalog", () => {
  const catalog = describeProcedures(appRouter);
  const byPath = new Map(catalog.map((procedure) => [procedure.path, procedure]));

  it("lists every procedure of the app router, grouped by namespace, with its type", () => {
    expect(catalog.map((p) => p.path)).toEqual(Object.keys(appRouter._def.procedures).sort());
    expect(byPath.get("projects.list")).toMatchObject({ namespace: "projects", type: "query" });
    expect(byPath.get("projects.create")).toMatchObject({ namespace: "projects", type: "mutation" });
    expect(byPath.get("workflow.runStep")).toMatchObject({ namespace: "workflow", type: "mutation" });
    expect(byPath.get("workflow.events")).toMatchObject({ type: "subscription" });
    expect(byPath.get("tenants.invitations.create")?.namespace).toBe("tenants");
  });

  it("says who may call each procedure, as its tier stamped it in meta", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { meta?: { access?: string } } }
    >;
    for (const { path, access } of catalog) expect(access, path).toBe(procedures[path]?._def.meta?.access);
    expect(byPath.get("auth.providers")?.access).toBe("public");
    expect(byPath.get("tenants.create")?.access).toBe("person");
    expect(byPath.get("projects.delete")?.access).toBe("admin");
    const t = initTRPC.create();
    const [unstated] = describeProcedures(t.router({ bare: t.procedure.query(() => null) }));
    expect(unstated?.access).toBeNull();
  });

  it("describes inputs as JSON Schema as a client sends them (defaults optional), none without input", () => {
    expect(byPath.get("auth.me")).toMatchObject({ inputSchema: null });
    expect(byPath.get("auth.me")).not.toHaveProperty("example");
    const create = byPath.get("projects.create")?.inputSchema;
    expect(create).toMatchObject({ type: "object", required: ["name"] });
    expect(create?.properties?.language).toMatchObject({ type: "string", default: "en" });
    expect(byPath.get("workflow.runStep")?.inputSchema?.properties?.step?.enum).toEqual([
      "about",
      "architecture",
      "plan",
      "specs",
    ]);
  });

  it("every input of our contract is plain JSON, so none carries a conversion note", () => {
    expect(catalog.filter((p) => p.inputSchemaNote)).toEqual([]);
  });

  it("prefills an example that the procedure's own input schema accepts, refinements aside", () => {
    expect(byPath.get("projects.create")?.example).toEqual({
      name: "example",
      description: "",
      language: "en",
    });
    expect(byPath.get("projects.list")?.example).toEqual({ limit: 20 });
    const procedures = appRouter._def.procedures as unknown as FlatProcedures;
    const rejected = catalog
      .filter(({ path, inputSchema, example }) => {
        const [input] = procedures[path]?._def.inputs ?? [];
        return inputSchema && !input?.safeParse(example).success;
      })
      .map(({ path }) => path);
    // Its refine ("give at least one of name, description, language") has no JSON Schema form.
    expect(rejected).toEqual(["projects.update"]);
  });

  it("a procedure whose input cannot be expressed is still listed, with a note saying why", () => {
    const t = initTRPC.create();
    const odd = t.router({
      at: t.procedure.input(z.object({ when: z.date(), note: z.string() })).query(() => null),
      custom: t.procedure.input((value: unknown) => value as string).mutation(() => null),
      fine: t.procedure.input(z.object({ id: z.uuid() })).query(() => null),
    });
    const [at, custom, fine] = describeProcedures(odd);
    expect(at).toMatchObject({ path: "at", inputSchemaNote: expect.stringMatching(/^partly representable/) });
    expect(at?.inputSchema?.properties?.note).toEqual({ type: "string" });
    expect(custom).toMatchObject({
      type: "mutation",
      inputSchema: null,
      inputSchemaNote: expect.any(String),
    });
    expect(fine?.inputSchemaNote).toBeUndefined();
  });
});
