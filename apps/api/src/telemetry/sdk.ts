import { register as registerLoaderHook } from "node:module";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { IORedisInstrumentation } from "@opentelemetry/instrumentation-ioredis";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import { register as registerSyncHooks, supportsSyncHooks } from "import-in-the-middle/register-hooks.mjs";
import manifest from "../../package.json" with { type: "json" };
import { nameServerSpansByRoute } from "./fastify-routes.ts";
import { redactedQueryAttributes } from "./url-redaction.ts";

// Modules imported from ESM that an instrumentation patches. require() is hooked by the SDK itself
// (Fastify requires node:http), but an ESM `import` of a CommonJS package (ioredis, from our code and
// from BullMQ) is only seen through import-in-the-middle's loader hook, registered for these alone.
const ESM_PATCHED_MODULES = ["ioredis"];

const HEALTH_PROBES = ["/healthz", "/readyz"];

export interface StartedSdk {
  serviceName: string;
  serviceVersion: string;
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: exporters, protocol, batching and export intervals come from the
 * standard OTEL_* variables. Must run before the app's modules are imported (see register-api.ts).
 */
export function startSdk(serviceName: string): StartedSdk {
  if (supportsSyncHooks()) registerSyncHooks({ include: ESM_PATCHED_MODULES });
  else
    registerLoaderHook("import-in-the-middle/hook.mjs", import.meta.url, {
      data: { include: ESM_PATCHED_MODULES },
    });

  const sdk = new NodeSDK({
    serviceName,
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_VERSION]: manifest.version })),
    instrumentations: [
      new HttpInstrumentation({
        // Probes every few seconds would bury the traces people look for.
        ignoreIncomingRequestHook: (request) => HEALTH_PROBES.some((path) => request.url?.startsWith(path)),
        // Replaces the query the instrumentation records: signed-link `sig`, OIDC `code`/`state`
        // and tRPC `input` stay out of every exported span.
        startIncomingSpanHook: (request) => redactedQueryAttributes(request.url),
      }),
      // Outgoing fetch: the model provider, embeddings, Qdrant.
      new UndiciInstrumentation(),
      // Only commands inside a span (its default): BullMQ's idle polling would flood the exporter.
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
    // Logs stay on stdout through pino; their trace_id and span_id join them to the traces.
    logRecordProcessors: [],
  });
  sdk.start();
  const stopNaming = nameServerSpansByRoute();
  return {
    serviceName,
    serviceVersion: manifest.version,
    async shutdown() {
      stopNaming();
      await sdk.shutdown();
    },
  };
}
