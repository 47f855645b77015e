import { createServer, type IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { listenOnLoopback } from "../../support/listen-on-loopback.ts";

// A stand-in OpenTelemetry collector: accepts OTLP/HTTP in its JSON encoding
// (OTEL_EXPORTER_OTLP_PROTOCOL=http/json) and keeps what arrives, flattened for assertions.

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
};
type OtlpAttribute = { key: string; value: OtlpValue };
type OtlpResource = { attributes?: OtlpAttribute[] };

export type Attributes = Record<string, unknown>;

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP numbering: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Attributes;
}

export interface ReceivedDataPoint {
  attributes: Attributes;
  /** Histograms: how many values were recorded. */
  count?: number;
  /** Sums and gauges. */
  value?: number;
}

export interface ReceivedMetric {
  service: string;
  name: string;
  unit?: string;
  points: ReceivedDataPoint[];
}

export const SPAN_KIND_SERVER = 2;

function decodeValue(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(decodeValue);
  return undefined;
}

function attributesOf(list: OtlpAttribute[] | undefined): Attributes {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

const serviceOf = (resource: OtlpResource | undefined) =>
  String(attributesOf(resource?.attributes)["service.name"] ?? "");

interface TracesRequest {
  resourceSpans?: {
    resource?: OtlpResource;
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

type OtlpPoint = {
  attributes?: OtlpAttribute[];
  count?: string | number;
  asInt?: string | number;
  asDouble?: number;
};

interface MetricsRequest {
  resourceMetrics?: {
    resource?: OtlpResource;
    scopeMetrics?: {
      metrics?: {
        name: string;
        unit?: string;
        histogram?: { dataPoints?: OtlpPoint[] };
        sum?: { dataPoints?: OtlpPoint[] };
        gauge?: { dataPoints?: OtlpPoint[] };
      }[];
    }[];
  }[];
}

function pointOf(point: OtlpPoint): ReceivedDataPoint {
  const value = point.asInt ?? point.asDouble;
  return {
    attributes: attributesOf(point.attributes),
    ...(point.count !== undefined ? { count: Number(point.count) } : {}),
    ...(value !== undefined ? { value: Number(value) } : {}),
  };
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const text = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
  return JSON.parse(text.toString("utf8"));
}

export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const metrics: ReceivedMetric[] = [];
  const rejected: string[] = [];

  const server = createServer(async (request, response) => {
    try {
      if (request.headers["content-type"] !== "application/json") throw new Error("not OTLP/JSON");
      const body = await bodyOf(request);
      if (request.url === "/v1/traces") {
        for (const resourceSpans of (body as TracesRequest).resourceSpans ?? []) {
          const service = serviceOf(resourceSpans.resource);
          for (const scope of resourceSpans.scopeSpans ?? [])
            for (const span of scope.spans ?? [])
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
                name: span.name,
                kind: span.kind,
                attributes: attributesOf(span.attributes),
              });
        }
      } else if (request.url === "/v1/metrics") {
        for (const resourceMetrics of (body as MetricsRequest).resourceMetrics ?? []) {
          const service = serviceOf(resourceMetrics.resource);
          for (const scope of resourceMetrics.scopeMetrics ?? [])
            for (const metric of scope.metrics ?? []) {
              const points = (metric.histogram ?? metric.sum ?? metric.gauge)?.dataPoints ?? [];
              metrics.push({ service, name: metric.name, unit: metric.unit, points: points.map(pointOf) });
            }
        }
      } else {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    } catch (error) {
      rejected.push(`${request.url}: ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
  return {
    url: await listenOnLoopback(server),
    spans,
    metrics,
    /** Requests the receiver could not read: should stay empty. */
    rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
