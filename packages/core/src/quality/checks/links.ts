import type { QualityFinding } from "@jeex/contracts/quality";
import { findingsOf, type ReadPackFile } from "../pack-file.ts";

const external = (target: string) => {
  const lower = target.toLowerCase();
  return ["http:", "https:", "mailto:", "tel:"].some((scheme) => lower.startsWith(scheme));
};

/**
 * The pack path a relative link from `fromPath` points at (`../architecture.md` from
 * `docs/adr/x.md` → `docs/architecture.md`), without its `#anchor`; null for an external link,
 * an anchor of the same document, or a path that climbs out of the pack.
 */
export function resolveLink(fromPath: string, target: string): string | null {
  const hash = target.indexOf("#");
  let path = hash < 0 ? target : target.slice(0, hash);
  if (!path || external(target)) return null;
  try {
    path = decodeURI(path);
  } catch {
    // a malformed escape is kept as written, and reported as an unresolved link
  }
  const segments = path.startsWith("/") ? [] : fromPath.split("/").slice(0, -1);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) return path;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join("/");
}

/** Every relative link between documents points at a document of the pack. */
export function checkLinks(files: ReadPackFile[]): QualityFinding[] {
  const { found, add } = findingsOf("links");
  const paths = new Set(files.map((file) => file.path));
  for (const file of files) {
    for (const link of file.read.links) {
      const resolved = resolveLink(file.path, link.target);
      if (resolved === null || paths.has(resolved)) continue;
      add(
        "error",
        "link-broken",
        file,
        link.line,
        `Link to "${link.target}" does not resolve to a document of the pack.`,
      );
    }
  }
  return found;
}
