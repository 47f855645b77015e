import { expect, test } from "vitest";
import { readableIssueMessage } from "./issue-message.ts";

const said = (message: string) => readableIssueMessage({ message });

test("zod's default length messages become plain words", () => {
  expect(said("Too small: expected string to have >=1 characters")).toBe("Required.");
  expect(said("Too small: expected string to have >=8 characters")).toBe("At least 8 characters.");
  expect(said("Too big: expected string to have <=100 characters")).toBe("At most 100 characters.");
});

test("terse contract messages are capitalised and end with a full stop", () => {
  expect(said("name must not be empty")).toBe("Name must not be empty.");
  expect(said("expected a language tag such as en or pt-BR")).toBe(
    "Expected a language tag such as en or pt-BR.",
  );
  expect(said("Invalid email address")).toBe("Invalid email address.");
});

test("a message that already reads as a sentence is kept", () => {
  expect(said("Describe the idea in at least a sentence.")).toBe("Describe the idea in at least a sentence.");
  expect(said("Is this right?")).toBe("Is this right?");
});
