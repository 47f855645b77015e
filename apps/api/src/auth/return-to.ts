import { SignInError } from "./errors.ts";

/**
 * Where the browser lands after sign-in: a path on the first allowed origin, or an absolute URL
 * on one of the allowed origins. Anything else is refused, so the sign-in can never be used as an
 * open redirect (`//evil.example`, `/\evil.example`, `javascript:` all resolve to other origins).
 */
export function resolveReturnTo(requested: string | undefined, allowedOrigins: readonly string[]): string {
  const [home] = allowedOrigins;
  if (!home) throw new Error("no return-to origin is configured");
  if (requested === undefined || requested === "") return `${home}/`;
  let target: URL;
  try {
    target = new URL(requested, home);
  } catch {
    throw notAllowed();
  }
  if (!allowedOrigins.includes(target.origin)) throw notAllowed();
  return target.href;
}

const notAllowed = () =>
  new SignInError(
    "RETURN_TO_NOT_ALLOWED",
    "returnTo must be a path on this site or a URL on one of the configured AUTH_RETURN_TO_ORIGINS",
  );
