import { describe, expect, it } from "vitest";
import { packPathOf } from "./pack-links.ts";

describe("links between the pack's documents", () => {
  it("resolves a relative link against the linking document's folder", () => {
    expect(packPathOf("adr/ADR-001-modular-monolith.md", "docs/architecture.md")).toBe(
      "docs/adr/ADR-001-modular-monolith.md",
    );
    expect(packPathOf("../architecture.md#decisions", "docs/adr/ADR-001-x.md")).toBe("docs/architecture.md");
    expect(packPathOf("./02-authentication.md", "docs/plans/overview.md")).toBe(
      "docs/plans/02-authentication.md",
    );
  });

  it("leaves web links, anchors and other schemes alone", () => {
    expect(packPathOf("https://example.com/a.md", "docs/about.md")).toBeUndefined();
    expect(packPathOf("//example.com/a.md", "docs/about.md")).toBeUndefined();
    expect(packPathOf("#scope", "docs/about.md")).toBeUndefined();
    expect(packPathOf("mailto:someone@example.com", "docs/about.md")).toBeUndefined();
    expect(packPathOf("javascript:alert(1)", "docs/about.md")).toBeUndefined();
  });
});
