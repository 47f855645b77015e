import { idSchema, type Page } from "@jeex/contracts/common";
import { InvalidInputError } from "./errors.ts";

/**
 * Opaque keyset cursors over a UUID column: `<kind>:<id>` in base64url. The kind keeps a cursor
 * of one list from being replayed against another, and lets the ordering key change later.
 */
export function idCursor(kind: string) {
  return {
    encode: (lastId: string) => Buffer.from(`${kind}:${lastId}`).toString("base64url"),
    decode(cursor: string): string {
      const [prefix, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
      if (prefix !== kind || rest.length > 0 || !id || !idSchema.safeParse(id).success) {
        throw new InvalidInputError([
          { path: "cursor", message: "not a cursor returned by this list", code: "invalid_cursor" },
        ]);
      }
      return id;
    },
  };
}

/** Builds a page from rows fetched with `limit + 1`: the extra row only says a next page exists. */
export function pageFrom<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): Page<Item> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { items: kept.map(toItem), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** The keyset of a newest-first list by id: rows before `beforeId`, one more than the page holds. */
interface BeforeIdKeyset {
  beforeId: string | undefined;
  limit: number;
}

/**
 * A page of a newest-first list keyed by id (an `idCursor`): decodes the input's cursor, fetches
 * `limit + 1` rows before it and builds the page with `pageFrom`.
 */
export async function pageBeforeId<Row extends { id: string }, Item>(
  input: { cursor?: string | undefined; limit: number },
  cursor: ReturnType<typeof idCursor>,
  fetchRows: (keyset: BeforeIdKeyset) => Promise<Row[]>,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  const rows = await fetchRows({
    beforeId: input.cursor ? cursor.decode(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  return pageFrom(rows, input.limit, toItem, (row) => cursor.encode(row.id));
}

export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
