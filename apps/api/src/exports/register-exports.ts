import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { EventLog } from "@jeex/core/events/port";
import { createDownloadLinks } from "@jeex/core/exports/download-links";
import type { Database } from "@jeex/db/client";
import type { ExportServices } from "@jeex/trpc/context";
import type { FastifyInstance } from "fastify";
import type { AppConfig } from "../config.ts";
import { registerExportDownloadRoute } from "./download-route.ts";
import { createExportRuntime } from "./runtime.ts";

/**
 * Exports in the API process: the download route, the job runtime, and the services the router
 * uses. Links are absolute: PUBLIC_URL, or the listening address once `listening(url)` is called.
 */
export function registerExports(
  app: FastifyInstance,
  config: AppConfig,
  db: Database,
  events: EventLog<ProgressEvent>,
) {
  const settings = config.exports;
  if (settings.usingDevelopmentSecret) {
    app.log.warn("EXPORT_SIGNING_SECRET is not set: download links are signed with the development secret");
  }
  let baseUrl = config.publicUrl;
  const links = createDownloadLinks({
    secret: settings.signingSecret,
    linkTtlMs: settings.linkTtlMs,
    baseUrl: () => {
      if (!baseUrl) throw new Error("download links need the public URL, known once the server listens");
      return baseUrl;
    },
  });
  registerExportDownloadRoute(app, db, links);
  const runtime = createExportRuntime(config, db, app.log, {
    runWorker: config.workflow.workerInApi,
    events,
  });
  const services: ExportServices = {
    dispatchExport: runtime.dispatchExport,
    downloadLink: (exportId, exportExpiresAt) => links.linkFor(exportId, exportExpiresAt),
    ttlMs: settings.ttlMs,
  };

  return {
    runtime,
    services,
    links,
    listening(url: string) {
      baseUrl ??= url;
    },
  };
}
