import { CALLBACK_PATH } from "./cookies.ts";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where a sign-in that started on another name for this machine must start instead, or
 * undefined when it started on the public address (or elsewhere: see below).
 *
 * The login-state cookie belongs to the host the sign-in started on, and the provider sends the
 * browser back to the public redirect URI. Started at http://localhost:5210 with the public URL
 * http://127.0.0.1:5210, the callback arrives on a host that never got the cookie
 * (LOGIN_STATE_MISSING). Restarting on the public address makes the two agree.
 *
 * Only loopback aliases on the same port and scheme are moved: any other host may be a proxy's
 * rewrite of the public one (the callback rebuilds its URL for that reason), and sending those
 * to the public URL could loop back here through the proxy.
 */
export function signInStartOnPublicAddress(
  request: { protocol: string; host: string; url: string },
  redirectUri: string,
): string | undefined {
  const publicUrl = new URL(redirectUri);
  let here: URL;
  try {
    here = new URL(`${request.protocol}://${request.host}`);
  } catch {
    return undefined;
  }
  if (here.origin === publicUrl.origin) return undefined;
  const aliases =
    LOOPBACK_HOSTS.has(here.hostname) &&
    LOOPBACK_HOSTS.has(publicUrl.hostname) &&
    here.protocol === publicUrl.protocol &&
    here.port === publicUrl.port;
  if (!aliases) return undefined;
  const publicBase = redirectUri.slice(0, -CALLBACK_PATH.length);
  return `${publicBase}${request.url}`;
}
