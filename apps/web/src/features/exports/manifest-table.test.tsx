import type { ManifestFile } from "@jeex/contracts/exports";
import { render, screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { ManifestTable } from "./manifest-table.tsx";

const file = (path: string, source: ManifestFile["source"], version: number | null): ManifestFile => ({
  path,
  source,
  documentId: null,
  versionId: null,
  version,
  step: null,
  stale: false,
  sha256: "0".repeat(64),
  bytes: 1200,
});

test("each file's source is worded as the version history words it", () => {
  render(
    <ManifestTable
      files={[
        file("README.md", "generated", null),
        file("docs/about.md", "agent", 1),
        file("docs/architecture.md", "human", 2),
      ]}
    />,
  );
  const sourceOf = (path: string) =>
    within(screen.getByText(path).closest("tr") as HTMLElement).getAllByRole("cell")[1]?.textContent;
  expect(sourceOf("README.md")).toBe("generated");
  expect(sourceOf("docs/about.md")).toBe("agent");
  expect(sourceOf("docs/architecture.md")).toBe("person");
});
