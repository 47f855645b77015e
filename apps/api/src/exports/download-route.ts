import { exportManifestSchema } from "@jeex/contracts/exports";
import type { DownloadLinks } from "@jeex/core/exports";
import type { Database } from "@jeex/db/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

interface DownloadRequest {
  Params: { id: string };
  Querystring: { expires: string; sig: string };
}

/** Malformed parameters are a 400 (as JSON, by the app's error handler) before anything is looked up. */
const downloadSchema = {
  params: {
    type: "object",
    required: ["id"],
    properties: {
      id: {
        type: "string",
        pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
      },
    },
  },
  querystring: {
    type: "object",
    required: ["expires", "sig"],
    properties: {
      expires: { type: "string", pattern: "^[0-9]{1,12}$" },
      // base64url of a 32-byte HMAC-SHA256, unpadded.
      sig: { type: "string", pattern: "^[A-Za-z0-9_-]{43}$" },
    },
  },
} as const;

function refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: string, error: string) {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .send({ error, code, requestId: request.id });
}

/**
 * `GET /exports/:id/download?expires=&sig=`: the signed link is the only credential, so the
 * signature is checked before the database is touched, and the export is read on the system path.
 * Bad signature 403, expired link 410, unknown (or swept) export 404, expired export 410.
 */
export function registerExportDownloadRoute(app: FastifyInstance, db: Database, links: DownloadLinks) {
  app.get<DownloadRequest>("/exports/:id/download", { schema: downloadSchema }, async (request, reply) => {
    const exportId = request.params.id.toLowerCase();
    const now = new Date();
    const check = links.check(
      { exportId, expires: Number(request.query.expires), signature: request.query.sig },
      now,
    );
    if (check === "bad-signature") {
      return refuse(request, reply, 403, "FORBIDDEN", "the download link's signature is not valid");
    }
    if (check === "expired") {
      return refuse(
        request,
        reply,
        410,
        "LINK_EXPIRED",
        "the download link has expired; exports.get issues a new one",
      );
    }

    const found = await db.system.findExportForDownload(exportId);
    if (found?.status !== "succeeded" || !found.archive) {
      return refuse(request, reply, 404, "NOT_FOUND", "export not found");
    }
    if (found.expiresAt.getTime() <= now.getTime()) {
      return refuse(request, reply, 410, "EXPORT_EXPIRED", "the export has expired; create a new one");
    }
    const manifest = exportManifestSchema.safeParse(found.manifest);
    const fileName = `${manifest.success ? manifest.data.project.slug : "export"}.zip`;
    const archive = Buffer.from(found.archive.buffer, found.archive.byteOffset, found.archive.byteLength);
    return reply
      .header("content-type", "application/zip")
      .header("content-disposition", `attachment; filename="${fileName}"`)
      .header("content-length", archive.byteLength)
      .header("cache-control", "private, no-store")
      .header("etag", `"${found.sha256 ?? ""}"`)
      .send(archive);
  });
}
