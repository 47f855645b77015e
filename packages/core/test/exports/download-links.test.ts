import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDownloadLinks } from "../../src/exports/download-links.ts";

const links = createDownloadLinks({
  secret: "a-test-secret-that-is-at-least-32-characters",
  linkTtlMs: 15 * 60_000,
  baseUrl: () => "https://api.example.test/base/",
});

function presented(url: string) {
  const parsed = new URL(url);
  const exportId = parsed.pathname.split("/").at(-2) ?? "";
  return {
    exportId,
    expires: Number(parsed.searchParams.get("expires")),
    signature: parsed.searchParams.get("sig") ?? "",
  };
}

describe("signed download links", () => {
  const now = new Date("2026-03-01T10:00:00.000Z");
  const exportId = randomUUID();
  const farExpiry = new Date(now.getTime() + 24 * 3600_000);

  it("is an absolute URL under the public base that expires after the link TTL", () => {
    const link = links.linkFor(exportId, farExpiry, now);
    expect(link.url).toMatch(
      new RegExp(
        `^https://api\\.example\\.test/base/exports/${exportId}/download\\?expires=\\d+&sig=[A-Za-z0-9_-]{43}$`,
      ),
    );
    expect(link.expiresAt).toBe("2026-03-01T10:15:00.000Z");
    expect(links.check(presented(link.url), now)).toBe("valid");
  });

  it("never outlives the export", () => {
    const soon = new Date(now.getTime() + 60_000);
    expect(links.linkFor(exportId, soon, now).expiresAt).toBe(soon.toISOString());
  });

  it("refuses a changed signature, export id or expiry, and reports expiry only for a genuine link", () => {
    const link = presented(links.linkFor(exportId, farExpiry, now).url);
    const flipped = `${link.signature.slice(0, -1)}${link.signature.endsWith("A") ? "B" : "A"}`;
    expect(links.check({ ...link, signature: flipped }, now)).toBe("bad-signature");
    expect(links.check({ ...link, signature: "short" }, now)).toBe("bad-signature");
    expect(links.check({ ...link, exportId: randomUUID() }, now)).toBe("bad-signature");
    expect(links.check({ ...link, expires: link.expires + 3600 }, now)).toBe("bad-signature");
    const later = new Date(link.expires * 1000);
    expect(links.check(link, later)).toBe("expired");
    expect(links.check({ ...link, signature: flipped }, later)).toBe("bad-signature");
  });

  it("does not accept links signed with another secret", () => {
    const other = createDownloadLinks({
      secret: "another-secret-that-is-at-least-32-chars!",
      linkTtlMs: 60_000,
      baseUrl: () => "http://x",
    });
    const link = presented(other.linkFor(exportId, farExpiry, now).url);
    expect(links.check(link, now)).toBe("bad-signature");
  });
});
