import { describe, expect, it } from "vitest";
import { aboutAgent } from "../../src/agents/about.ts";
import { draftOffline } from "../../src/llm/template/drafts.ts";
import { baseInput } from "./fixtures.ts";

describe("about agent: offline draft", () => {
  const draft = draftOffline("about", baseInput());

  it("takes the problem from the idea's problem sentence", () => {
    expect(draft.problem).toBe("Small bakeries waste flour and butter because they track stock on paper.");
  });

  it("names the stated audience segments", () => {
    expect(draft.audience.map((item) => item.segment)).toEqual(["Bakery owners", "Bakers"]);
    expect(draft.audience[1]?.needs).toContain("record deliveries");
  });

  it("turns what people want into goals and capabilities in scope", () => {
    expect(draft.goals).toContain("Owners should see weekly reports of waste and costs");
    expect(draft.scope.inScope).toEqual([
      "Record deliveries",
      "See stock levels on their phones",
      "Get reminders before an ingredient runs out",
      "See weekly reports of waste and costs",
    ]);
  });

  it("keeps what the idea excludes out of scope", () => {
    expect(draft.scope.outOfScope).toEqual([
      "Online ordering for customers is out of scope for the first release",
    ]);
  });

  it("records answered clarifications as facts and unanswered ones as open questions", () => {
    expect(draft.keyFacts).toContain(
      "How many bakeries in the pilot: Three bakeries with about 12 staff in total",
    );
    expect(draft.keyFacts).toContain("Data is stored in MongoDB");
    expect(draft.openQuestions[0]).toBe("Which suppliers must it connect to?");
  });

  it("applies feedback: exclusions leave scope, additions join it, questions stay open", () => {
    const revised = draftOffline(
      "about",
      baseInput({ feedback: "Drop the reminders\nAdd supplier price comparison\nWhat about allergens?" }),
    );
    expect(revised.scope.outOfScope).toContain("The reminders");
    expect(revised.scope.inScope).toContain("Supplier price comparison");
    expect(revised.openQuestions).toContain("What about allergens?");
  });

  it("asks what an idea without numbers, money or dates leaves open", () => {
    const sparse = draftOffline(
      "about",
      baseInput({ idea: { idea: "A shared shopping list that families can edit together." } }),
    );
    expect(sparse.openQuestions).toEqual(
      expect.arrayContaining([
        "How many people and how much data should the first release handle?",
        "How will the product make or save money?",
      ]),
    );
    expect(aboutAgent.outputSchema.safeParse(sparse).success).toBe(true);
  });
});
