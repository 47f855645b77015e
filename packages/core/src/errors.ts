import type { AppErrorCode, FieldIssue } from "@jeex/contracts/errors";

/** Errors the domain throws on purpose; the transport maps each `code` to its status in one place. */
export abstract class DomainError extends Error {
  abstract readonly code: AppErrorCode;
}

/** The base of an error that is only its code: the message is the thrower's. */
const withCode = <const Code extends AppErrorCode>(code: Code) =>
  class extends DomainError {
    readonly code = code;
  };

export class UnauthenticatedError extends withCode("UNAUTHENTICATED") {}

export class ForbiddenError extends withCode("FORBIDDEN") {}

/** Also used for other tenants' resources: their existence is never revealed. */
export class NotFoundError extends withCode("NOT_FOUND") {
  constructor(entity: string) {
    super(`${entity} not found`);
  }
}

export class ConflictError extends withCode("CONFLICT") {}

export class PreconditionFailedError extends withCode("PRECONDITION_FAILED") {}

export class QuotaExceededError extends withCode("QUOTA_EXCEEDED") {}

/** Input that passed its schema but is still unusable (e.g. a cursor from somewhere else). */
export class InvalidInputError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "));
    this.issues = issues;
  }
}

/** Over a rate limit: the transport answers TOO_MANY_REQUESTS with a retry-after header. */
export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED";
  readonly retryAfterSeconds: number;
  constructor(limit: string, retryAfterSeconds: number) {
    super(`rate limit exceeded (${limit}); retry in ${retryAfterSeconds}s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency that must answer (a configured Redis, say) did not. */
export class DependencyUnavailableError extends withCode("UNAVAILABLE") {}
