import { TRPCClientError } from "@trpc/client";
import { expect, test } from "vitest";
import { runRefusalTitle } from "./run-refusal.ts";

const refused = (appCode: string, message: string) =>
  TRPCClientError.from({ error: { message, code: -32000, data: { appCode, httpStatus: 429, code: "X" } } });

test.each([
  ["QUOTA_EXCEEDED", "The monthly token budget does not cover this run"],
  ["RATE_LIMITED", "Too many runs in a short time"],
  ["FORBIDDEN", "Your role may not run steps"],
])("a %s refusal is named plainly", (appCode, title) => {
  expect(runRefusalTitle(refused(appCode, "…"))).toBe(title);
});

test("a dropped connection is a run that did not start", () => {
  expect(runRefusalTitle(new TypeError("Failed to fetch"))).toBe("The step did not start");
});
