import { CSRF_HEADER } from "@jeex/trpc/context";
import { expect, test } from "vitest";
import { csrfHeader } from "./csrf-header.ts";

test("the browser sends the CSRF header the server checks for", () => {
  expect(csrfHeader).toBe(CSRF_HEADER);
});
