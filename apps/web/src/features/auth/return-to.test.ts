import { expect, test } from "vitest";
import { safeReturnTo, signInPath } from "./return-to.ts";

test("the sign-in link carries the page to come back to", () => {
  expect(signInPath("/projects/p1/documents?x=1")).toBe(
    "/sign-in?returnTo=%2Fprojects%2Fp1%2Fdocuments%3Fx%3D1",
  );
});

test("returnTo accepts only paths on this origin (no open redirect)", () => {
  expect(safeReturnTo("/projects/p1")).toBe("/projects/p1");
  expect(safeReturnTo("//evil.example/x")).toBe("/projects");
  expect(safeReturnTo("/\\evil.example")).toBe("/projects");
  expect(safeReturnTo("https://evil.example")).toBe("/projects");
  expect(safeReturnTo(null)).toBe("/projects");
});
