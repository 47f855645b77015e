import { createHash, randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";

export const sha256Hex = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/**
 * Fetches the signed download link (it is the credential: no API key is sent) and checks the bytes
 * against the sha256 that `exports.get` reported, so a truncated or altered archive is never kept.
 */
export async function downloadVerified(
  fetch: typeof globalThis.fetch,
  url: string,
  expectedSha256: string,
): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: string; code?: string }
      | undefined;
    throw new CliError(
      `the download failed: HTTP ${response.status}${body?.error ? ` (${body.error})` : ""}`,
      ExitCode.runFailed,
      { code: body?.code ?? `HTTP_${response.status}` },
    );
  }
  const archive = Buffer.from(await response.arrayBuffer());
  const actual = sha256Hex(archive);
  if (actual !== expectedSha256) {
    throw new CliError(
      `the downloaded archive's sha256 is ${actual}, expected ${expectedSha256}; nothing was written`,
      ExitCode.runFailed,
      { code: "CHECKSUM_MISMATCH" },
    );
  }
  return archive;
}

/** Writes beside the target and renames, so the path holds the old file or the whole new one. */
export async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.part`);
  try {
    await writeFile(temporary, data, { flag: "wx" });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
