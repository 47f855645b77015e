import { parseCommandArgs, requireProjectId } from "../args.ts";
import type { Command } from "../command.ts";
import { connect } from "../connection.ts";
import { CliError, UsageError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { findVersion, listAllDocuments } from "../project-documents.ts";

const showOptions = { project: { type: "string" }, version: { type: "string" } } as const;

function parseVersion(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) {
    throw new UsageError(`--version must be a version number (1, 2, …), got "${value}"`);
  }
  return version;
}

export const docsShowCommand: Command = {
  path: ["docs", "show"],
  usage: "jeex docs show <path> --project <id> [--version <n>]",
  summary: "print a document (the active version unless --version)",
  options: showOptions,
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, showOptions, { max: 1 });
    const path = positionals[0]?.replace(/^\.?\//, "");
    if (!path)
      throw new UsageError("give the document's path, e.g. jeex docs show docs/about.md --project <id>");
    const projectId = requireProjectId(values.project);
    const version = parseVersion(values.version);
    const { client } = await connect(context, values);

    const documents = await listAllDocuments(client, projectId);
    const document = documents.find((doc) => doc.path === path);
    if (!document) {
      const known = documents.map((doc) => doc.path).join(", ");
      throw new CliError(
        `no document ${path} in project ${projectId}${known ? ` (it has: ${known})` : " (it has none yet)"}`,
        ExitCode.notFound,
        { code: "NOT_FOUND" },
      );
    }
    const versionId =
      version === undefined ? undefined : (await findVersion(client, document.id, version))?.id;
    if (version !== undefined && !versionId) {
      throw new CliError(
        `${path} has no version ${version} (the active version is v${document.version})`,
        ExitCode.notFound,
        {
          code: "NOT_FOUND",
        },
      );
    }
    const shown = await client.documents.get.query({
      documentId: document.id,
      ...(versionId ? { versionId } : {}),
    });
    context.out.result(shown, shown.version.content);
  },
};
