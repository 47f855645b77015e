import { describe, expect, it } from "vitest";
import { signInStartOnPublicAddress } from "../../src/auth/public-origin.ts";

const redirectUri = "http://127.0.0.1:5210/auth/callback";
const login = "/auth/login?returnTo=%2Fprojects";

describe("where a sign-in starts so its cookie and callback agree", () => {
  it("a sign-in started at localhost restarts at the public 127.0.0.1 with its query", () => {
    expect(
      signInStartOnPublicAddress({ protocol: "http", host: "localhost:5210", url: login }, redirectUri),
    ).toBe(`http://127.0.0.1:5210${login}`);
    expect(
      signInStartOnPublicAddress({ protocol: "http", host: "[::1]:5210", url: login }, redirectUri),
    ).toBe(`http://127.0.0.1:5210${login}`);
  });

  it("one started on the public address stays", () => {
    expect(
      signInStartOnPublicAddress({ protocol: "http", host: "127.0.0.1:5210", url: login }, redirectUri),
    ).toBeUndefined();
  });

  it("another host is left alone: it may be a proxy's rewrite, and moving it could loop", () => {
    const behindProxy = "https://plan.example/api/auth/callback";
    expect(
      signInStartOnPublicAddress({ protocol: "http", host: "api:5210", url: login }, behindProxy),
    ).toBeUndefined();
    expect(
      signInStartOnPublicAddress({ protocol: "http", host: "127.0.0.1:5210", url: login }, behindProxy),
    ).toBeUndefined();
  });

  it("another port or scheme is another server, not an alias", () => {
    expect(
      signInStartOnPublicAddress({ protocol: "http", host: "localhost:5200", url: login }, redirectUri),
    ).toBeUndefined();
    expect(
      signInStartOnPublicAddress({ protocol: "https", host: "localhost:5210", url: login }, redirectUri),
    ).toBeUndefined();
  });
});
