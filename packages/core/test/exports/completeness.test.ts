import { describe, expect, it } from "vitest";
import { PreconditionFailedError } from "../../src/errors.ts";
import { assertPackComplete, IncompletePackError, missingSteps } from "../../src/exports/completeness.ts";

describe("a pack is exported whole", () => {
  it("names every step without an active document, in workflow order", () => {
    expect(missingSteps([{ step: "architecture" }, { step: "about" }])).toEqual(["plan", "specs"]);
    expect(
      missingSteps([{ step: "about" }, { step: "architecture" }, { step: "plan" }, { step: "specs" }]),
    ).toEqual([]);
  });

  it("refuses with a precondition error that says what to run", () => {
    const refusal = (() => {
      try {
        assertPackComplete([{ step: "about" }, { step: "architecture" }, { step: "plan" }]);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(IncompletePackError);
    expect(refusal).toBeInstanceOf(PreconditionFailedError);
    expect((refusal as Error).message).toMatch(/no active document for specs: run it first/);
  });
});
