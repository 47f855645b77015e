import { describe, expect, it } from "vitest";
import { z } from "zod";
import { aboutOutputSchema } from "../../src/agents/about.ts";
import { architectureOutputSchema, architectureOutputShapeSchema } from "../../src/agents/architecture.ts";
import { planOutputSchema, planOutputShapeSchema } from "../../src/agents/plan.ts";
import { specsOutputSchema } from "../../src/agents/specs.ts";
import { strictModeProblems } from "./strict-json-schema.ts";

const contracts = {
  about: aboutOutputSchema,
  architecture: architectureOutputSchema,
  plan: planOutputSchema,
  specs: specsOutputSchema,
};

describe("agent output contracts as JSON schema", () => {
  for (const [step, schema] of Object.entries(contracts)) {
    it(`the ${step} contract converts to a strict-mode JSON schema`, () => {
      const jsonSchema = z.toJSONSchema(schema);
      expect(jsonSchema.type).toBe("object");
      expect(strictModeProblems(jsonSchema)).toEqual([]);
    });
  }

  it("the ordering rules add nothing to the JSON schema: it equals the shape's", () => {
    expect(z.toJSONSchema(planOutputSchema)).toEqual(z.toJSONSchema(planOutputShapeSchema));
    expect(z.toJSONSchema(architectureOutputSchema)).toEqual(z.toJSONSchema(architectureOutputShapeSchema));
  });

  it("the checker itself catches an optional property", () => {
    const loose = z.toJSONSchema(z.object({ kept: z.string(), maybe: z.string().optional() }));
    expect(strictModeProblems(loose)).toEqual(["#/properties/maybe: not required"]);
  });

  it("decision ids and Mermaid headers travel as patterns the model must follow", () => {
    const jsonSchema = JSON.stringify(z.toJSONSchema(architectureOutputSchema));
    expect(jsonSchema).toContain("^ADR-\\\\d{3}$");
    expect(jsonSchema).toContain("C4Context");
    expect(jsonSchema).toContain("C4Container");
  });
});
