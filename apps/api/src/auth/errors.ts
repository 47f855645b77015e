import { AuthorizationResponseError, ClientError, ResponseBodyError } from "openid-client";

/** Stable codes a browser or the web app can branch on (`code` in the JSON error body). */
export type SignInErrorCode =
  | "INVALID_REQUEST"
  | "UNKNOWN_PROVIDER"
  | "RETURN_TO_NOT_ALLOWED"
  | "LOGIN_STATE_MISSING"
  | "LOGIN_STATE_INVALID"
  | "LOGIN_STATE_EXPIRED"
  | "STATE_MISMATCH"
  | "NONCE_MISMATCH"
  | "SIGN_IN_DENIED"
  | "CODE_REJECTED"
  | "ID_TOKEN_INVALID"
  | "CSRF_HEADER_MISSING"
  | "SIGN_IN_UNAVAILABLE"
  | "IDENTITY_PROVIDER_UNAVAILABLE";

/** A sign-in step that failed for a reason the caller is told about; never a 500. */
export class SignInError extends Error {
  readonly code: SignInErrorCode;
  readonly statusCode: number;

  constructor(code: SignInErrorCode, message: string, statusCode = 400, options?: ErrorOptions) {
    super(message, options);
    this.name = "SignInError";
    this.code = code;
    this.statusCode = statusCode;
  }
}

/**
 * Translates what openid-client throws while talking to a provider into a SignInError; anything
 * else (a bug) is returned as is and answered as a 500.
 */
export function signInErrorFrom(error: unknown): unknown {
  if (error instanceof SignInError) return error;
  if (error instanceof AuthorizationResponseError) {
    const description = error.error_description ? `: ${error.error_description}` : "";
    return new SignInError(
      "SIGN_IN_DENIED",
      `the identity provider did not sign you in (${error.error}${description})`,
      400,
      { cause: error },
    );
  }
  if (error instanceof ResponseBodyError) {
    // invalid_grant: the code was already used, has expired, or the PKCE verifier does not match it.
    const description = error.error_description ? `: ${error.error_description}` : "";
    return new SignInError(
      "CODE_REJECTED",
      `the identity provider rejected the authorization code (${error.error}${description}); start the sign-in again`,
      400,
      { cause: error },
    );
  }
  if (error instanceof ClientError) {
    const claim = (error.cause as { cause?: { claim?: unknown } } | undefined)?.cause?.claim;
    if (claim === "nonce") {
      return new SignInError(
        "NONCE_MISMATCH",
        "the ID token was not issued for this sign-in (nonce mismatch)",
        400,
        {
          cause: error,
        },
      );
    }
    if (error.code === "OAUTH_TIMEOUT" || error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM") {
      return unavailable(error);
    }
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    return new SignInError(
      "ID_TOKEN_INVALID",
      `the identity provider's response was not valid: ${detail}`,
      400,
      {
        cause: error,
      },
    );
  }
  // fetch() reports refused connections, DNS failures and resets as a TypeError with a cause.
  if (error instanceof TypeError && error.cause !== undefined) return unavailable(error);
  return error;
}

/** Network failures and timeouts talking to the provider: the provider's fault, not the caller's. */
export function unavailable(cause: unknown): SignInError {
  return new SignInError(
    "IDENTITY_PROVIDER_UNAVAILABLE",
    "the identity provider could not be reached; try again shortly",
    502,
    { cause },
  );
}
