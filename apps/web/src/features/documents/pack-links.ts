/**
 * Where a relative link inside a document points in the pack: `adr/ADR-001-x.md` written in
 * `docs/architecture.md` is `docs/adr/ADR-001-x.md`. Absolute URLs, anchors and paths that leave
 * the pack give undefined.
 */
export function packPathOf(href: string, fromPath: string): string | undefined {
  if (href === "" || href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) {
    return undefined;
  }
  const base = new URL(`https://pack.invalid/${fromPath}`);
  const target = new URL(href, base);
  if (target.origin !== base.origin) return undefined;
  return decodeURIComponent(target.pathname.slice(1));
}
