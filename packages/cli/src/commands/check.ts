import type { JeexClient } from "@jeex/client";
import { type DocumentsReport, findingLocation, type QualityFinding } from "@jeex/contracts/quality";
import { parseCommandArgs, requireProjectId } from "../args.ts";
import type { Command } from "../command.ts";
import { connect } from "../connection.ts";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";

const checkOptions = { project: { type: "string" } } as const;

const marks: Record<QualityFinding["severity"], string> = {
  error: "✗ error  ",
  warning: "! warning",
  info: "i note   ",
};
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * The report of the active versions. A first answer of `pending` (edited since the last step)
 * has been recomputed by the server before it answered, so the second read is current; a third
 * `pending` is printed as such rather than waited on.
 */
async function currentReport(client: JeexClient, projectId: string): Promise<DocumentsReport> {
  let answer = await client.documents.report.query({ projectId });
  for (let retry = 0; retry < 2 && answer.status === "pending"; retry++)
    answer = await client.documents.report.query({ projectId });
  return answer;
}

function humanLines(projectId: string, answer: DocumentsReport): string[] {
  const report = answer.report;
  if (!report) return [];
  const { errors, warnings, infos } = report.counts;
  const freshness =
    answer.status === "current" ? "of the active versions" : "PENDING: computed before the latest changes";
  const lines = [
    `Quality report of project ${projectId} (${freshness}, ${report.computedAt}):`,
    `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "note")}`,
  ];
  for (const finding of report.findings) {
    lines.push(
      `${marks[finding.severity]}  ${findingLocation(finding)}  [${finding.code}] ${finding.message}`,
    );
  }
  return lines;
}

export const checkCommand: Command = {
  path: ["check"],
  usage: "jeex check --project <id>",
  summary: "print the pack's quality report; exit 9 when it has errors (a CI gate)",
  options: checkOptions,
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, checkOptions);
    const projectId = requireProjectId(values.project);
    const { client } = await connect(context, values);
    const answer = await currentReport(client, projectId);
    if (!answer.report)
      throw new CliError(
        `project ${projectId} has no quality report yet: run a step first (jeex plan --project ${projectId})`,
        ExitCode.notFound,
        { code: "NOT_FOUND" },
      );
    context.out.result(answer, humanLines(projectId, answer));
    return answer.report.counts.errors > 0 ? ExitCode.qualityErrors : ExitCode.ok;
  },
};
