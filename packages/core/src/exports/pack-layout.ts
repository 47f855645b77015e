import { slugify } from "../agents/slug.ts";

/** Version of the archive layout, written into every manifest. */
export const PACK_FORMAT = "jeex-pack/1";
export const README_PATH = "README.md";
export const MANIFEST_PATH = "manifest.json";

/** The archive's root folder and file name: the project name as a file-system-safe slug. */
export const projectSlug = (name: string): string => slugify(name, 60);

/** A document path that would escape the root folder or clash with the generated files. */
export class UnsafePackPathError extends Error {
  override name = "UnsafePackPathError";
  constructor(path: string) {
    super(`document path ${JSON.stringify(path)} cannot be written into the pack`);
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Document paths come from our own renderers (`docs/...md`), but they end up as paths on whoever
 * unzips the pack: anything that is not plain `docs/<segments>.md` is refused rather than cleaned.
 */
export function assertSafeDocumentPath(path: string): void {
  const segments = path.split("/");
  const safe =
    path.length <= 300 &&
    segments[0] === "docs" &&
    segments.length >= 2 &&
    path.endsWith(".md") &&
    segments.every((segment) => SEGMENT.test(segment) && !segment.includes(".."));
  if (!safe) throw new UnsafePackPathError(path);
}

/** Every folder above `paths` (for explicit, dated directory entries), parents first. */
export function foldersOf(paths: string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    const segments = path.split("/").slice(0, -1);
    for (let depth = 1; depth <= segments.length; depth++) folders.add(segments.slice(0, depth).join("/"));
  }
  return [...folders].sort();
}
