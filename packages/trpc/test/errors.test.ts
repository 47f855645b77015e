import { appErrorCodeSchema } from "@jeex/contracts/errors";
import { ConflictError, NotFoundError } from "@jeex/core/errors";
import type { Database } from "@jeex/db/client";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RequestContext, RouterServices } from "../src/context.ts";
import { formatError, toTRPCError } from "../src/errors.ts";
import { createCaller } from "../src/router.ts";

const shape = (code: string, httpStatus: number) => ({
  message: "original message",
  code: -32000,
  data: { code, httpStatus, path: "projects.get", stack: "Error: at secret.ts:1" },
});

describe("error mapping", () => {
  it("every domain error code maps to a tRPC code", () => {
    for (const code of appErrorCodeSchema.options) {
      const error = Object.assign(new NotFoundError("x"), { code });
      expect(toTRPCError(error).code).toMatch(/^[A-Z_]+$/);
    }
    expect(toTRPCError(new NotFoundError("project")).code).toBe("NOT_FOUND");
    expect(toTRPCError(new ConflictError("stale")).code).toBe("CONFLICT");
  });

  it("zod failures carry field paths and flattened field errors", () => {
    const zodError = z.strictObject({ name: z.string().min(1) }).safeParse({ name: "" }).error;
    const error = new TRPCError({ code: "BAD_REQUEST", cause: zodError });
    const formatted = formatError(shape("BAD_REQUEST", 400), error, "req-1");
    expect(formatted.data.issues?.[0]?.path).toBe("name");
    expect(formatted.data.fieldErrors?.name?.length).toBe(1);
    expect(formatted.data.appCode).toBe("VALIDATION_FAILED");
    expect(formatted.data.requestId).toBe("req-1");
    expect(formatted.message).toMatch(/^Invalid input: name:/);
  });

  it("internal errors hide their message and never carry a stack", () => {
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: 'relation "x" does not exist' });
    const formatted = formatError(shape("INTERNAL_SERVER_ERROR", 500), error, undefined);
    expect(formatted.message).toBe("Internal server error");
    expect(JSON.stringify(formatted)).not.toMatch(/relation|secret\.ts|stack/);
  });
});

describe("procedure tiers", () => {
  const context = (bearerToken?: string): RequestContext => ({
    services: {
      db: {} as Database,
      authenticate: async () => undefined,
      apiKeySecrets: { hashKey: "k" },
      loginProviders: [],
      invitationTtlMs: 60_000,
      workflow: {} as RouterServices["workflow"],
      exports: {} as RouterServices["exports"],
      memory: {} as RouterServices["memory"],
      streams: {} as RouterServices["streams"],
      onShutdown: () => () => {},
    },
    requestId: "req-1",
    credentials: { bearerToken },
    requestedTenantId: undefined,
    csrfHeaderPresent: false,
    ip: "127.0.0.1",
  });

  it("a tenant procedure without a credential is UNAUTHORIZED before touching the database", async () => {
    await expect(createCaller(context()).projects.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(createCaller(context("jeex_unknown")).projects.list({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
