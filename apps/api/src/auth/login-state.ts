import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import { SignInError } from "./errors.ts";

// A started sign-in lives only in the browser, in one encrypted cookie (AES-256-GCM): no server
// store to clean up, any instance can finish the sign-in, and the PKCE verifier and nonce are
// unreadable and unforgeable without AUTH_COOKIE_SECRET. The cookie is cleared at the callback.

const loginStateSchema = z.strictObject({
  provider: z.string().min(1),
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43).max(128),
  returnTo: z.url(),
  /** Epoch milliseconds; the cookie's Max-Age says the same, this holds even if a client ignores it. */
  expiresAt: z.number().int(),
});
export type LoginState = z.infer<typeof loginStateSchema>;

const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds ciphertexts to their purpose: a value sealed for another use of the same secret won't open.
const ASSOCIATED_DATA = Buffer.from("jeex login state v1");

export function createLoginStateSealer(secret: string) {
  const key = Buffer.from(hkdfSync("sha256", secret, "jeex-login-state", "aes-256-gcm key", 32));

  return {
    seal(loginState: LoginState): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(ASSOCIATED_DATA);
      const sealed = Buffer.concat([cipher.update(JSON.stringify(loginState), "utf8"), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url");
    },

    /** The state a cookie carries; throws a SignInError when it was altered, forged or is too old. */
    open(cookie: string, now = Date.now()): LoginState {
      const bytes = Buffer.from(cookie, "base64url");
      let plaintext: string;
      try {
        if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error("too short");
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES))
          .setAAD(ASSOCIATED_DATA)
          .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        plaintext = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw invalid();
      }
      let parsed: ReturnType<typeof loginStateSchema.safeParse>;
      try {
        parsed = loginStateSchema.safeParse(JSON.parse(plaintext));
      } catch {
        throw invalid();
      }
      if (!parsed.success) throw invalid();
      if (parsed.data.expiresAt <= now) {
        throw new SignInError("LOGIN_STATE_EXPIRED", "this sign-in took too long; start again");
      }
      return parsed.data;
    },
  };
}

export type LoginStateSealer = ReturnType<typeof createLoginStateSealer>;

const invalid = () =>
  new SignInError("LOGIN_STATE_INVALID", "the sign-in state cookie was altered or is not ours; start again");
