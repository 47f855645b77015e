import { describe, expect, it } from "vitest";
import { slugify } from "../../src/agents/slug.ts";

describe("slugify", () => {
  it("lowercases, folds accents and joins words with dashes", () => {
    expect(slugify("Use PostgreSQL — not Mongo!")).toBe("use-postgresql-not-mongo");
    expect(slugify("Crème brûlée ordering")).toBe("creme-brulee-ordering");
  });

  it("cuts at a word boundary within the limit and drops a dangling 'for'", () => {
    expect(slugify("Use OpenTelemetry with structured logs for observability")).toBe(
      "use-opentelemetry-with-structured-logs",
    );
    expect(slugify("a".repeat(80))).toHaveLength(50);
  });

  it("never returns an empty slug", () => {
    expect(slugify("!!!")).toBe("untitled");
  });
});
