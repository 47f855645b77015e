import { TRPCClientError } from "@trpc/client";
import { expect, test } from "vitest";
import { fieldErrors } from "./field-errors.ts";

function serverError(issues: { path: string; message: string }[]) {
  return new TRPCClientError("invalid input", {
    result: {
      error: {
        code: -32600,
        message: "invalid input",
        data: { code: "BAD_REQUEST", httpStatus: 400, issues: issues.map((i) => ({ ...i, code: "custom" })) },
      },
    },
  });
}

test("field issues are keyed by field, input. prefix dropped, first message kept", () => {
  const error = serverError([
    { path: "name", message: "name must not be empty" },
    { path: "input.language", message: "expected a language tag such as en or pt-BR" },
    { path: "name", message: "second message" },
  ]);
  expect(fieldErrors(error)).toEqual({
    name: "Name must not be empty.",
    language: "Expected a language tag such as en or pt-BR.",
  });
});

test("zod's default wording reaches the form said plainly (an API key's empty name)", () => {
  const error = serverError([{ path: "name", message: "Too small: expected string to have >=1 characters" }]);
  expect(fieldErrors(error)).toEqual({ name: "Required." });
});

test("an error without issues (or no error) gives no field errors", () => {
  expect(fieldErrors(new Error("network down"))).toEqual({});
  expect(fieldErrors(null)).toEqual({});
});
