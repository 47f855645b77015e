import type { QualityCounts, QualityFinding, QualitySeverity } from "@jeex/contracts/quality";
import { checkDecisions } from "./checks/decisions.ts";
import { checkDiagrams } from "./checks/diagrams.ts";
import { checkFreshness } from "./checks/freshness.ts";
import { checkLinks } from "./checks/links.ts";
import { checkTraceability } from "./checks/traceability.ts";
import { type PackFile, readPack } from "./pack-file.ts";

/** Bumped when a check changes what it finds, so a stored report says which checks wrote it. */
export const CHECKS_VERSION = "1";

export interface PackCheckResult {
  findings: QualityFinding[];
  counts: QualityCounts;
}

const severityRank: Record<QualitySeverity, number> = { error: 0, warning: 1, info: 2 };

export const countsOf = (findings: QualityFinding[]): QualityCounts => ({
  errors: findings.filter((finding) => finding.severity === "error").length,
  warnings: findings.filter((finding) => finding.severity === "warning").length,
  infos: findings.filter((finding) => finding.severity === "info").length,
});

/** All checks over a pack's active documents; findings worst first, then by document and line. */
export async function checkPack(files: PackFile[]): Promise<PackCheckResult> {
  const pack = readPack(files);
  const findings = [
    ...checkTraceability(pack),
    ...checkDecisions(pack),
    ...(await checkDiagrams(pack)),
    ...checkLinks(pack),
    ...checkFreshness(pack),
  ].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  return { findings, counts: countsOf(findings) };
}
