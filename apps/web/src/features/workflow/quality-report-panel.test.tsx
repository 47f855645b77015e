import type { DocumentsReport } from "@jeex/contracts/quality";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { QualityReportPanel } from "./quality-report-panel.tsx";
import { createFakeTrpc } from "./test/fake-trpc.tsx";

const projectId = "0190aaaa-0000-7000-8000-000000000001";

const report = (
  status: DocumentsReport["status"],
  findings: NonNullable<DocumentsReport["report"]>["findings"],
) => ({
  status,
  report: {
    versionIds: [],
    counts: {
      errors: findings.filter((finding) => finding.severity === "error").length,
      warnings: findings.filter((finding) => finding.severity === "warning").length,
      infos: findings.filter((finding) => finding.severity === "info").length,
    },
    findings,
    checksVersion: "1",
    computedAt: "2026-12-01T10:00:00.000Z",
  },
});

function renderPanel(answer: unknown) {
  const fake = createFakeTrpc((path) => (path === "documents.report" ? answer : null));
  render(
    <fake.Wrapper>
      <QualityReportPanel projectId={projectId} activeVersions="" />
    </fake.Wrapper>,
  );
  return fake;
}

describe("the quality report on the project page", () => {
  it("lists each finding with its severity in words, where it is and its code", async () => {
    const fake = renderPanel(
      report("current", [
        {
          check: "links",
          code: "link-broken",
          severity: "error",
          path: "docs/specs.md",
          version: 3,
          line: 12,
          message: 'Link to "runbook.md" does not resolve to a document of the pack.',
        },
        {
          check: "freshness",
          code: "document-stale",
          severity: "warning",
          path: "docs/plans/overview.md",
          version: 1,
          line: null,
          message: "written before an upstream document changed",
        },
      ]),
    );
    const findings = await screen.findByRole("list", { name: "Findings" });
    const [first, second] = within(findings).getAllByRole("listitem");
    expect(first?.textContent).toContain("Error");
    expect(first?.textContent).toContain("docs/specs.md:12 (v3)");
    expect(first?.textContent).toContain("[link-broken]");
    expect(second?.textContent).toContain("Warning");
    expect(second?.textContent).toContain("docs/plans/overview.md (v1)");
    expect(screen.getByText("1 error · 1 warning · 0 notes")).toBeTruthy();
    expect(screen.getByText("Current")).toBeTruthy();
    expect(fake.calls.find((op) => op.path === "documents.report")?.input).toEqual({ projectId });
  });

  it("says when the pack passes, and when the report predates the latest changes", async () => {
    renderPanel(report("pending", []));
    expect(await screen.findByText("No findings: the pack passes every check.")).toBeTruthy();
    expect(screen.getByText("Pending: computed before the latest changes")).toBeTruthy();
  });

  it("before any step there is no report yet", async () => {
    renderPanel({ status: "none", report: null });
    expect(await screen.findByText("No report yet: the pack is checked after each step.")).toBeTruthy();
  });
});
