import autocannon from "autocannon";

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
}

/** A write: method and JSON body (reads are GETs without one). */
export interface RequestShape {
  method: "GET" | "POST";
  body?: string | undefined;
}

export interface LoadSummary {
  rps: number;
  requests_total: number;
  ok_2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency_avg_ms: number;
  latency_p50_ms: number;
  latency_p90_ms: number;
  latency_p99_ms: number;
  latency_max_ms: number;
}

/** A warm-up run (JIT, pools, caches) that is thrown away, then the measured run. */
export async function measure(
  url: string,
  headers: Record<string, string>,
  options: LoadOptions,
  shape: RequestShape = { method: "GET" },
): Promise<LoadSummary> {
  const withBody = shape.body ? { ...headers, "content-type": "application/json" } : headers;
  const drive = (durationS: number) =>
    autocannon({
      url,
      headers: withBody,
      method: shape.method,
      ...(shape.body ? { body: shape.body } : {}),
      connections: options.connections,
      pipelining: 1,
      duration: durationS,
    });
  if (options.warmupS > 0) await drive(options.warmupS);
  return summarise(await drive(options.durationS));
}

function summarise(result: autocannon.Result): LoadSummary {
  return {
    rps: round(result.requests.average),
    requests_total: result.requests.total,
    ok_2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency_avg_ms: round(result.latency.average),
    latency_p50_ms: result.latency.p50,
    latency_p90_ms: result.latency.p90,
    latency_p99_ms: result.latency.p99,
    latency_max_ms: result.latency.max,
  };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
