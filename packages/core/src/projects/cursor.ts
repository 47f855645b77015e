import { idSchema } from "@jeex/contracts/common";
import { InvalidInputError } from "../errors.ts";

// Opaque and versioned, so the ordering key can change without breaking clients' stored cursors.
const VERSION = "p1";

export const encodeProjectCursor = (lastId: string) =>
  Buffer.from(`${VERSION}:${lastId}`).toString("base64url");

export function decodeProjectCursor(cursor: string): string {
  const [version, id] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
  if (version !== VERSION || !idSchema.safeParse(id).success || !id) {
    throw new InvalidInputError([
      { path: "cursor", message: "not a cursor returned by this list", code: "invalid_cursor" },
    ]);
  }
  return id;
}
