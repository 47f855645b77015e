import { describe, expect, it } from "vitest";
import { SignInError } from "../../src/auth/errors.ts";
import { createLoginStateSealer, type LoginState } from "../../src/auth/login-state.ts";

const SECRET = "login-state-unit-test-secret-0123456789";

const state: LoginState = {
  provider: "dev",
  state: "s".repeat(43),
  nonce: "n".repeat(43),
  codeVerifier: "v".repeat(43),
  returnTo: "http://127.0.0.1:5210/",
  expiresAt: Date.now() + 60_000,
};

const codeOf = (open: () => unknown) => {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(SignInError);
    return (error as SignInError).code;
  }
  throw new Error("expected the login state to be refused");
};

describe("the login-state cookie", () => {
  const sealer = createLoginStateSealer(SECRET);

  it("opens to what was sealed, and reveals none of it in the cookie", () => {
    const sealed = sealer.seal(state);
    expect(sealer.open(sealed)).toEqual(state);
    expect(Buffer.from(sealed, "base64url").toString("latin1")).not.toContain(state.codeVerifier);
  });

  it("seals the same state differently every time (random IV)", () => {
    expect(sealer.seal(state)).not.toBe(sealer.seal(state));
  });

  it("refuses any altered byte", () => {
    const bytes = Buffer.from(sealer.seal(state), "base64url");
    for (const index of [0, 13, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] = (altered[index] ?? 0) ^ 1;
      expect(codeOf(() => sealer.open(altered.toString("base64url")))).toBe("LOGIN_STATE_INVALID");
    }
  });

  it("refuses a state sealed with another secret, garbage and empty values", () => {
    const other = createLoginStateSealer("another-secret-entirely-0123456789abcdef");
    expect(codeOf(() => sealer.open(other.seal(state)))).toBe("LOGIN_STATE_INVALID");
    for (const junk of ["", "abc", "%%%", "A".repeat(200)]) {
      expect(codeOf(() => sealer.open(junk))).toBe("LOGIN_STATE_INVALID");
    }
  });

  it("refuses a state past its expiry", () => {
    const sealed = sealer.seal({ ...state, expiresAt: 1000 });
    expect(codeOf(() => sealer.open(sealed, 1000))).toBe("LOGIN_STATE_EXPIRED");
  });
});
