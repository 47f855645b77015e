import { createHmac, timingSafeEqual } from "node:crypto";
import type { DownloadLink } from "@jeex/contracts/exports";

export interface DownloadLinkOptions {
  /** HMAC-SHA256 key; whoever has it can mint links, so it is a server secret. */
  secret: string;
  /** How long a freshly issued link works (never past the export's own expiry). */
  linkTtlMs: number;
  /** The server's public base URL; a function because it is only known once the server listens. */
  baseUrl: () => string;
}

/** What the download route needs from the query string, still unverified. */
export interface PresentedLink {
  exportId: string;
  /** Unix seconds. */
  expires: number;
  signature: string;
}

export type LinkCheck = "valid" | "bad-signature" | "expired";

const downloadPath = (exportId: string) => `/exports/${encodeURIComponent(exportId)}/download`;

/**
 * Signed, expiring download links: `sig` is HMAC-SHA256 over `<exportId>.<expires>` (base64url),
 * so a link names one export until one instant, and neither can be changed without the secret.
 */
export function createDownloadLinks(options: DownloadLinkOptions) {
  const signatureOf = (exportId: string, expires: number) =>
    createHmac("sha256", options.secret).update(`${exportId}.${expires}`).digest("base64url");

  return {
    linkFor(exportId: string, exportExpiresAt: Date, now = new Date()): DownloadLink {
      const expiresMs = Math.min(now.getTime() + options.linkTtlMs, exportExpiresAt.getTime());
      const expires = Math.floor(expiresMs / 1000);
      const url = new URL(`${options.baseUrl().replace(/\/+$/, "")}${downloadPath(exportId)}`);
      url.searchParams.set("expires", String(expires));
      url.searchParams.set("sig", signatureOf(exportId, expires));
      return { url: url.toString(), expiresAt: new Date(expires * 1000).toISOString() };
    },

    /** The signature is checked first, in constant time; only a genuine link learns that it expired. */
    check(link: PresentedLink, now = new Date()): LinkCheck {
      // Compared as text, so only the canonical encoding of the signature is accepted.
      const expected = Buffer.from(signatureOf(link.exportId, link.expires));
      const presented = Buffer.from(link.signature);
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
        return "bad-signature";
      return link.expires * 1000 <= now.getTime() ? "expired" : "valid";
    },
  };
}

export type DownloadLinks = ReturnType<typeof createDownloadLinks>;
