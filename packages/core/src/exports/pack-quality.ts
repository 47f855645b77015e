import { findingLocation, type QualityReport } from "@jeex/contracts/quality";

/** `quality.json`, beside `manifest.json`: the pack's quality report, as `documents.report` returns it. */
export const QUALITY_PATH = "quality.json";

/** The report going into a pack; it is dated with the pack's own clock when built. */
export type PackQuality = Omit<QualityReport, "computedAt">;

/** Table cells must not break the row. */
const cell = (text: string) => text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\s+/g, " ");

/** The README's readable section of the report: counts, then every finding worst first. */
export function renderQualitySection(quality: PackQuality): string {
  const { errors, warnings, infos } = quality.counts;
  const lines = [
    "## Quality report",
    "",
    `${errors} errors, ${warnings} warnings, ${infos} notes — checked: traceability, decisions, Mermaid diagrams, links between documents, freshness. Details in \`${QUALITY_PATH}\`.`,
    "",
  ];
  if (quality.findings.length === 0) return [...lines, "No findings.", ""].join("\n");
  lines.push("| Severity | Where | Check | Finding |", "| --- | --- | --- | --- |");
  for (const finding of quality.findings)
    lines.push(
      `| ${finding.severity} | ${cell(findingLocation(finding))} | ${finding.check} (\`${finding.code}\`) | ${cell(finding.message)} |`,
    );
  return [...lines, ""].join("\n");
}
