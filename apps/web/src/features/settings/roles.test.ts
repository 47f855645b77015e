import { expect, test } from "vitest";
import { hasRole } from "../auth/use-me.ts";
import { assignableRoles } from "./roles.ts";

test("roles rank owner > admin > editor > viewer, and nobody is unranked", () => {
  expect(hasRole("owner", "admin")).toBe(true);
  expect(hasRole("admin", "admin")).toBe(true);
  expect(hasRole("editor", "admin")).toBe(false);
  expect(hasRole("viewer", "editor")).toBe(false);
  expect(hasRole(undefined, "viewer")).toBe(false);
});

test("a person offers roles up to their own: an admin cannot make an owner", () => {
  expect(assignableRoles("admin").map((r) => r.value)).toEqual(["viewer", "editor", "admin"]);
  expect(assignableRoles("owner").map((r) => r.value)).toEqual(["viewer", "editor", "admin", "owner"]);
  expect(assignableRoles(undefined)).toEqual([]);
});
