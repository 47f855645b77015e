import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { RouterOutputs } from "@jeex/client";
import { parseCommandArgs, requireFlag, requireProjectId } from "../args.ts";
import type { Command } from "../command.ts";
import { connect } from "../connection.ts";
import { CliError, UsageError } from "../errors.ts";
import { awaitOutcome } from "../events/await-outcome.ts";
import { openProjectEvents } from "../events/project-events.ts";
import { ExitCode } from "../exit-codes.ts";
import { downloadVerified, writeFileAtomically } from "../export/download.ts";
import { createProgressBar } from "../progress-bar.ts";

type ExportDetail = RouterOutputs["exports"]["get"];
type ExportEnd =
  | { status: "succeeded" }
  | { status: "failed"; error: { code: string; message: string } | null };

const exportOptions = { project: { type: "string" }, out: { type: "string" } } as const;

/** Fails before any server work when the archive could not be written anyway. */
async function checkWritableTarget(path: string) {
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new UsageError(`--out: the folder ${dirname(path)} does not exist`);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--out: ${path} is a folder; name the .zip file`);
}

export const exportCommand: Command = {
  path: ["export"],
  usage: "jeex export --project <id> --out <file.zip>",
  summary: "build the documentation pack, download it and verify its sha256",
  options: exportOptions,
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, exportOptions);
    const projectId = requireProjectId(values.project);
    const outPath = resolve(requireFlag(values.out, "out"));
    await checkWritableTarget(outPath);
    const { client } = await connect(context, values);
    await client.projects.get.query({ projectId });

    const events = openProjectEvents(client, projectId);
    const bar = createProgressBar(context.out, "export");
    let detail: ExportDetail;
    try {
      const created = await client.exports.create.mutate({ projectId });
      const exportId = created.id;
      bar.update(0, "queued");
      const end = await awaitOutcome<ExportEnd>({
        events,
        signal: context.signal,
        interruptedMessage: `export ${exportId} continues on the server (exports.get shows it)`,
        onEvent(event) {
          if (!("exportId" in event) || event.exportId !== exportId) return undefined;
          if (event.type === "export.progress") bar.update(event.percent, event.message);
          if (event.type === "export.succeeded") return { status: "succeeded" };
          if (event.type === "export.failed") return { status: "failed", error: event.error };
          return undefined;
        },
        async check() {
          const current = await client.exports.get.query({ exportId });
          if (current.status === "succeeded") return { status: "succeeded" };
          if (current.status === "failed") return { status: "failed", error: current.error };
          return undefined;
        },
      });
      if (end.status === "failed") {
        const reason = end.error ? `${end.error.message} [${end.error.code}]` : "no reason given";
        throw new CliError(`the export failed: ${reason} (export ${exportId})`, ExitCode.runFailed, {
          code: end.error?.code ?? "EXPORT_FAILED",
          details: { exportId },
        });
      }
      bar.update(100, "downloading");
      detail = await client.exports.get.query({ exportId });
    } finally {
      bar.clear();
      events.close();
    }

    if (!detail.download || !detail.sha256) {
      throw new CliError(`export ${detail.id} has no download (it may have expired)`, ExitCode.runFailed, {
        code: "NO_DOWNLOAD",
      });
    }
    const archive = await downloadVerified(context.fetch, detail.download.url, detail.sha256);
    await writeFileAtomically(outPath, archive);

    const files = detail.manifest?.files.length ?? 0;
    context.out.result(
      { exportId: detail.id, path: outPath, bytes: archive.byteLength, sha256: detail.sha256, files },
      [
        `Wrote ${outPath} (${archive.byteLength} bytes, ${files} files)`,
        `sha256 ${detail.sha256} (verified)`,
      ],
    );
  },
};
