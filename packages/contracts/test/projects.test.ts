import { describe, expect, it } from "vitest";
import {
  createProjectInputSchema,
  listProjectsInputSchema,
  updateProjectInputSchema,
} from "../src/projects.ts";

describe("projects contract", () => {
  it("an omitted list input means the first page of 20", () => {
    expect(listProjectsInputSchema.parse(undefined)).toEqual({ limit: 20 });
  });

  it("names are trimmed and defaults fill description and language", () => {
    expect(createProjectInputSchema.parse({ name: "  Idea " })).toEqual({
      name: "Idea",
      description: "",
      language: "en",
    });
  });

  it("unknown fields are rejected, not silently dropped", () => {
    const result = createProjectInputSchema.safeParse({ name: "x", tenantId: "y" });
    expect(result.success).toBe(false);
  });

  it("an update must change something; an empty description counts as a change", () => {
    const projectId = "01a1ffd3-9f8d-7320-8bc3-de1b52280f8d";
    expect(updateProjectInputSchema.safeParse({ projectId }).success).toBe(false);
    expect(updateProjectInputSchema.safeParse({ projectId, description: "" }).success).toBe(true);
  });
});
