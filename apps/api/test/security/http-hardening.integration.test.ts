import type { Database } from "@jeex/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORS_ALLOWED_HEADERS } from "../../src/security/http-headers.ts";
import { provisionMember, startTestServer } from "../support/server.ts";
import { oneDatabaseTarget } from "./support/database.ts";
import { trpcQuery } from "./support/requests.ts";

const target = oneDatabaseTarget();
const APP_ORIGIN = "https://app.example.test";
const FOREIGN_ORIGIN = "https://evil.example.test";

describe("HTTP hardening: security headers, CORS, body limit, timeouts", () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db, {
      CORS_ORIGINS: `${APP_ORIGIN}, http://localhost:5173`,
      BODY_LIMIT_BYTES: "4096",
      RATE_LIMITS_ENABLED: "false",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it("every response carries API-appropriate security headers, JSON still reads as JSON", async () => {
    for (const response of [
      await fetch(`${server.url}/healthz`),
      await trpcQuery(server.url, "projects.list", {}),
    ]) {
      const headers = response.headers;
      expect(headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("x-frame-options")).toBe("DENY");
      expect(headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(headers.get("referrer-policy")).toBe("no-referrer");
      expect(headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(headers.get("x-powered-by")).toBeNull();
      expect(headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toBeTypeOf("object");
    }
  });

  it("a progress stream, written past tRPC, carries the same headers, CORS and request id", async () => {
    const member = await provisionMember(db, server.config);
    const auth = { authorization: `Bearer ${member.apiKey}` };
    const created = await fetch(`${server.url}/trpc/projects.create`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "Streamed" }),
    });
    const projectId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
    const input = encodeURIComponent(JSON.stringify({ projectId }));
    const stop = new AbortController();
    const response = await fetch(`${server.url}/trpc/workflow.events?input=${input}`, {
      headers: { ...auth, origin: APP_ORIGIN },
      signal: stop.signal,
    });
    stop.abort();
    const headers = response.headers;
    expect(headers.get("content-type")).toBe("text/event-stream");
    expect(headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(headers.get("x-request-id")).toMatch(/\S+/);
  });

  it("CORS: a listed origin may read responses with credentials and see retry-after and x-request-id", async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { origin: APP_ORIGIN } });
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-expose-headers")).toBe("retry-after, x-request-id");
    expect(response.headers.get("vary")).toMatch(/origin/i);
  });

  it("CORS: a foreign origin, or a call without Origin, gets no Access-Control headers at all", async () => {
    for (const headers of [{ origin: FOREIGN_ORIGIN }, {}]) {
      const response = await fetch(`${server.url}/healthz`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("CORS preflight: allowed for a listed origin with the client's headers, refused for a foreign one", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/trpc/projects.create`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type, x-tenant-id, x-jeex-csrf",
        },
      });
    const allowed = await preflight(APP_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(allowed.headers.get("access-control-allow-methods")).toBe("GET, POST");
    const allowedHeaders = allowed.headers.get("access-control-allow-headers")?.split(", ");
    expect(allowedHeaders).toEqual(CORS_ALLOWED_HEADERS);
    expect(allowedHeaders).toEqual(
      expect.arrayContaining([
        "authorization",
        "content-type",
        "x-tenant-id",
        "x-jeex-csrf",
        "x-request-id",
        "trpc-accept",
      ]),
    );
    expect(Number(allowed.headers.get("access-control-max-age"))).toBeGreaterThan(0);

    const refused = await preflight(FOREIGN_ORIGIN);
    // Not a preflight answer: it falls through to the route, which refuses an OPTIONS call.
    expect(refused.ok).toBe(false);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("a body over BODY_LIMIT_BYTES is a 413 with a clear JSON message, on a plain route and on tRPC", async () => {
    const member = await provisionMember(db, server.config, "editor");
    const body = JSON.stringify({ name: "x".repeat(5000) });
    for (const path of ["/no-such-route", "/trpc/projects.create"]) {
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${member.apiKey}` },
        body,
      });
      expect(response.status, path).toBe(413);
      expect(await response.json()).toMatchObject({
        error: "request body is larger than 4096 bytes",
        code: "FST_ERR_CTP_BODY_TOO_LARGE",
        requestId: response.headers.get("x-request-id"),
      });
    }
  });

  it("slow or idle connections are bounded: request, idle and keep-alive timeouts are set", () => {
    const http = server.server.app.server;
    expect(http.requestTimeout).toBe(server.config.requestTimeoutMs);
    expect(http.timeout).toBe(server.config.security.connectionTimeoutMs);
    expect(http.keepAliveTimeout).toBe(server.config.security.keepAliveTimeoutMs);
    // Keep-alive outlives a typical load balancer's 60 s idle timeout, so the balancer closes first.
    expect(http.keepAliveTimeout).toBeGreaterThan(60_000);
  });
});
