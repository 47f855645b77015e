import { agentNames, steps } from "@jeex/contracts/steps";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { agentFor } from "../../src/agents/registry.ts";

describe("agent registry", () => {
  it("has one agent per step, named as the workflow names it", () => {
    for (const step of steps) {
      const agent = agentFor(step);
      expect(agent.step).toBe(step);
      expect(agent.name).toBe(agentNames[step]);
      expect(agent.schemaName).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });

  it("every output schema converts with z.toJSONSchema, every property required", () => {
    for (const step of steps) {
      const jsonSchema = z.toJSONSchema(agentFor(step).outputSchema);
      expect(jsonSchema.type).toBe("object");
      expect(jsonSchema.additionalProperties).toBe(false);
      expect([...(jsonSchema.required ?? [])].sort()).toEqual(
        Object.keys(jsonSchema.properties ?? {}).sort(),
      );
      expect(JSON.stringify(jsonSchema)).not.toMatch(/"default":/);
    }
  });
});
