import { describe, expect, it } from "vitest";
import {
  ConflictError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  QuotaExceededError,
  UnauthenticatedError,
} from "../src/errors.ts";
import { IncompletePackError } from "../src/exports/completeness.ts";

describe("domain errors", () => {
  it.each([
    ["UNAUTHENTICATED", new UnauthenticatedError("no session"), "no session"],
    ["FORBIDDEN", new ForbiddenError("viewers read only"), "viewers read only"],
    ["NOT_FOUND", new NotFoundError("project"), "project not found"],
    ["CONFLICT", new ConflictError("stale version"), "stale version"],
    ["PRECONDITION_FAILED", new PreconditionFailedError("run about first"), "run about first"],
    ["QUOTA_EXCEEDED", new QuotaExceededError("budget spent"), "budget spent"],
    ["UNAVAILABLE", new DependencyUnavailableError("redis down"), "redis down"],
  ])("%s: the error carries that code and the thrower's message", (code, error, message) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it("a subclass keeps its parent's code and class", () => {
    const error = new IncompletePackError([]);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error.code).toBe("PRECONDITION_FAILED");
  });

  it("keeps the cause it is given", () => {
    const cause = new Error("socket closed");
    expect(new DependencyUnavailableError("redis down", { cause }).cause).toBe(cause);
  });
});
