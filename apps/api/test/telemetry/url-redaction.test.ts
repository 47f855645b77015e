import { describe, expect, it } from "vitest";
import { redactedQueryAttributes, redactUrl } from "../../src/telemetry/url-redaction.ts";

describe("request URLs as the log and the spans keep them", () => {
  it.each([
    ["/healthz", "/healthz"],
    ["/trpc/projects.list?", "/trpc/projects.list?"],
    ["/exports/1/download?expires=170&sig=abc", "/exports/1/download?expires=170&sig=[redacted]"],
    [
      "/auth/callback?code=c&state=s&iss=https%3A%2F%2Fid",
      "/auth/callback?code=[redacted]&state=[redacted]&iss=[redacted]",
    ],
    ["/trpc/a,b?batch=1&input=%7B%7D", "/trpc/a,b?batch=1&input=[redacted]"],
    ["/auth/login?provider=dev&returnTo=%2Fp", "/auth/login?provider=dev&returnTo=[redacted]"],
    ["/x?bare-token-value", "/x?[redacted]"],
    ["/x?a=1&&b", "/x?a=[redacted]&&[redacted]"],
  ])("%s → %s", (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it("gives spans the redacted query, and nothing for a URL without one", () => {
    expect(redactedQueryAttributes("/auth/callback?code=c")).toEqual({ "url.query": "code=[redacted]" });
    expect(redactedQueryAttributes("/healthz")).toEqual({});
    expect(redactedQueryAttributes(undefined)).toEqual({});
  });
});
