import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../src/errors.ts";
import { idCursor, pageFrom } from "../src/pagination.ts";

const projects = idCursor("p1");
const id = "01a1ffd3-9f8d-7320-8bc3-de1b52280f8d";

describe("keyset cursors", () => {
  it("round-trip the last id of a page", () => {
    expect(projects.decode(projects.encode(id))).toBe(id);
  });

  it.each([
    "",
    "garbage",
    Buffer.from("p1:not-a-uuid").toString("base64url"),
    Buffer.from(`p1:${id}:extra`).toString("base64url"),
    idCursor("k1").encode(id),
  ])("reject %j as invalid input on the cursor field", (cursor) => {
    expect(() => projects.decode(cursor)).toThrow(InvalidInputError);
    try {
      projects.decode(cursor);
    } catch (error) {
      expect((error as InvalidInputError).issues[0]?.path).toBe("cursor");
    }
  });
});

describe("pages", () => {
  it("the extra row signals a next page and is not returned", () => {
    const page = pageFrom([1, 2, 3], 2, (n) => n * 10, String);
    expect(page).toEqual({ items: [10, 20], nextCursor: "2" });
    expect(pageFrom([1, 2], 2, (n) => n, String).nextCursor).toBeNull();
  });
});
