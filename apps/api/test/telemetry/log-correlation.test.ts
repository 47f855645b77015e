import { Writable } from "node:stream";
import { withLogFields } from "@jeex/core/log-context";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "../../src/logger.ts";
import { testConfig } from "../support/server.ts";

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ ...loggerOptions(testConfig({ LOG_LEVEL: "info" })) }, destination);
  return { log, lines };
}

describe("log correlation", () => {
  it("a line written while handling a request carries its request, tenant and project ids", () => {
    const { log, lines } = capturingLogger();
    withLogFields({ request_id: "req-1", tenant_id: "tenant-a" }, () =>
      withLogFields({ project_id: "project-1" }, () => log.info({ step: "about" }, "working")),
    );
    expect(lines[0]).toMatchObject({
      request_id: "req-1",
      tenant_id: "tenant-a",
      project_id: "project-1",
      step: "about",
      msg: "working",
    });
  });

  it("fields of one line never leak into the next, inside or outside a request", () => {
    const { log, lines } = capturingLogger();
    withLogFields({ request_id: "req-1" }, () => {
      log.info({ secret: "first" }, "one");
      log.info("two");
    });
    log.info("outside");
    expect(lines[1]).not.toHaveProperty("secret");
    expect(lines[2]).not.toHaveProperty("request_id");
    expect(lines[2]).not.toHaveProperty("secret");
  });

  it("without an SDK there is no trace to point at: no trace_id or span_id", () => {
    const { log, lines } = capturingLogger();
    withLogFields({ request_id: "req-1" }, () => log.info("no tracing"));
    expect(lines[0]).not.toHaveProperty("trace_id");
    expect(lines[0]).not.toHaveProperty("span_id");
  });
});
