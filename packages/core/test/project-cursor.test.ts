import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../src/errors.ts";
import { decodeProjectCursor, encodeProjectCursor } from "../src/projects/cursor.ts";

describe("project list cursors", () => {
  it("round-trip the last id of a page", () => {
    const id = "01a1ffd3-9f8d-7320-8bc3-de1b52280f8d";
    expect(decodeProjectCursor(encodeProjectCursor(id))).toBe(id);
  });

  it.each([
    "",
    "garbage",
    Buffer.from("p1:not-a-uuid").toString("base64url"),
    Buffer.from("p9:01a1ffd3-9f8d-7320-8bc3-de1b52280f8d").toString("base64url"),
  ])("reject %j as invalid input on the cursor field", (cursor) => {
    expect(() => decodeProjectCursor(cursor)).toThrow(InvalidInputError);
    try {
      decodeProjectCursor(cursor);
    } catch (error) {
      expect((error as InvalidInputError).issues[0]?.path).toBe("cursor");
    }
  });
});
