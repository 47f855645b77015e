import { describe, expect, it } from "vitest";
import { SignInError } from "../../src/auth/errors.ts";
import { resolveReturnTo } from "../../src/auth/return-to.ts";

const ORIGINS = ["https://app.jeex.test", "https://admin.jeex.test"];

describe("where sign-in may send the browser back to", () => {
  it("no returnTo goes to the first allowed origin", () => {
    expect(resolveReturnTo(undefined, ORIGINS)).toBe("https://app.jeex.test/");
    expect(resolveReturnTo("", ORIGINS)).toBe("https://app.jeex.test/");
  });

  it("a path stays on the first allowed origin, query and fragment kept", () => {
    expect(resolveReturnTo("/projects/42?tab=docs#top", ORIGINS)).toBe(
      "https://app.jeex.test/projects/42?tab=docs#top",
    );
  });

  it("an absolute URL on any allowed origin is kept", () => {
    expect(resolveReturnTo("https://admin.jeex.test/users", ORIGINS)).toBe("https://admin.jeex.test/users");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "https://app.jeex.test.evil.example/",
    "http://app.jeex.test/",
    "https://app.jeex.test:8443/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "https://user@evil.example",
  ])("%s is refused", (returnTo) => {
    expect(() => resolveReturnTo(returnTo, ORIGINS)).toThrow(SignInError);
    try {
      resolveReturnTo(returnTo, ORIGINS);
    } catch (error) {
      expect((error as SignInError).code).toBe("RETURN_TO_NOT_ALLOWED");
      expect((error as SignInError).statusCode).toBe(400);
    }
  });
});
