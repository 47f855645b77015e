import { createDownloadLinks } from "@jeex/core/exports";
import type { ExportServices } from "@jeex/trpc/context";
import type { FastifyInstance } from "fastify";
import type { Runtime } from "../runtime/create-runtime.ts";
import { registerExportDownloadRoute } from "./download-route.ts";
import type { ExportFeature } from "./runtime.ts";

/**
 * Exports in the API process: the download route, and the services the router uses on the export
 * feature (plugged into the runtime by plugFeatures). Links are absolute, on `publicUrl()`: PUBLIC_URL, or the
 * listening address once the server knows its port.
 */
export function registerExports(
  app: FastifyInstance,
  runtime: Runtime,
  feature: ExportFeature,
  publicUrl: () => string | undefined,
) {
  const { config, db } = runtime;
  const settings = config.exports;
  if (settings.usingDevelopmentSecret) {
    app.log.warn("EXPORT_SIGNING_SECRET is not set: download links are signed with the development secret");
  }
  const links = createDownloadLinks({
    secret: settings.signingSecret,
    linkTtlMs: settings.linkTtlMs,
    baseUrl: () => {
      const url = publicUrl();
      if (!url) throw new Error("download links need the public URL, known once the server listens");
      return url;
    },
  });
  registerExportDownloadRoute(app, db, links);
  const services: ExportServices = {
    dispatchExport: feature.dispatchExport,
    downloadLink: (exportId, exportExpiresAt) => links.linkFor(exportId, exportExpiresAt),
    ttlMs: settings.ttlMs,
  };

  return { feature, services, links };
}
