import { afterEach, expect, test } from "vitest";
import { setActiveTenantId } from "../lib/active-tenant.ts";
import { requestHeaders } from "./trpc-client.ts";

afterEach(() => setActiveTenantId(undefined));

test("every request carries the CSRF header, and no tenant header when none is chosen", () => {
  expect(requestHeaders()).toEqual({ "x-jeex-csrf": "1" });
});

test("the chosen tenant travels as x-tenant-id", () => {
  setActiveTenantId("tenant-b");
  expect(requestHeaders()).toEqual({ "x-jeex-csrf": "1", "x-tenant-id": "tenant-b" });
});
