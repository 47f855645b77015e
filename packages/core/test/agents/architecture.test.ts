import { decisionIdAt } from "@jeex/contracts/agents/architecture";
import { describe, expect, it } from "vitest";
import { architectureAgent } from "../../src/agents/architecture.ts";
import { draftAll } from "./pipeline.ts";

const stackOf = (output: ReturnType<typeof draftAll>["outputs"]["architecture"]) =>
  Object.fromEntries(output.stack.map((item) => [item.area, item.choice]));

describe("architecture draft: its prose reads as sentences", () => {
  // A one-line idea without a full stop becomes the about summary as written.
  const { outputs } = draftAll(
    {},
    {
      idea: { idea: "A booking app for dog walkers", audience: "Busy dog owners" },
    },
  );
  const draft = outputs.architecture;

  it("ends the summary before the next sentence, and quotes the audience after a label", () => {
    expect(draft.context).toMatch(/^Crumb: A booking app for dog walkers\. Audience: Busy dog owners\. /);
    expect(draft.context).not.toMatch(/It serves/);
    expect(draft.decisions[0]?.context).toMatch(
      /^A booking app for dog walkers\. The first release covers: /,
    );
  });

  it("no paragraph of the draft runs one sentence into the next or doubles a full stop", () => {
    const paragraphs = [
      draft.context,
      ...draft.decisions.flatMap((decision) => [decision.context, decision.decision]),
      ...draft.stack.map((item) => item.rationale),
    ];
    for (const paragraph of paragraphs) {
      // A lowercase word followed by a capitalised one with no stop between: "walkers It".
      expect(paragraph).not.toMatch(/[a-z] (?:It|The|Options|Audience|Needed|Template|Strengths) /);
      expect(paragraph).not.toMatch(/\.\./);
      expect(paragraph).toMatch(/[.!?…]["”)]*$/);
    }
  });
});

describe("architecture agent: offline draft", () => {
  const { outputs } = draftAll();
  const draft = outputs.architecture;

  it("reads the about document: the named database and the phones and reminders it mentions", () => {
    expect(stackOf(draft)).toMatchObject({
      Database: "MongoDB",
      "Mobile app": "React Native",
      "Background jobs": "Redis with BullMQ",
      Authentication: "OpenID Connect with a hosted identity provider",
    });
    expect(draft.context).toContain("Owners should see weekly reports of waste and costs");
  });

  it("does not build what is out of scope: no web shop for customers", () => {
    expect(draft.stack.map((item) => item.area)).not.toContain("Payments");
    // The sentence says it is out of scope already; a label in front would say it twice.
    expect(draft.constraints).toContain(
      "Online ordering for customers is out of scope for the first release",
    );
    expect(draft.constraints.join("\n")).not.toMatch(/Out of scope for now: .*out of scope/);
  });

  it("numbers decisions ADR-001, ADR-002, … in order", () => {
    expect(draft.decisions.map((decision) => decision.id)).toEqual(
      draft.decisions.map((_, index) => decisionIdAt(index)),
    );
    expect(draft.decisions[0]?.title).toBe("Structure Crumb as a modular monolith");
    expect(draft.decisions).toHaveLength(draft.stack.length + 1);
  });

  it("draws C4 context and container diagrams from the audience and the stack", () => {
    expect(draft.diagrams.context).toMatch(/^C4Context\n/);
    expect(draft.diagrams.context).toContain('Person(person2, "Bakers")');
    expect(draft.diagrams.container).toMatch(/^C4Container\n/);
    expect(draft.diagrams.container).toContain('ContainerDb(db, "Database", "MongoDB", "Product data")');
  });

  it('applies "use Postgres, not Mongo": the decision changes, keeps its id, and cites the feedback', () => {
    const revised = draftAll({ architecture: "use Postgres, not Mongo" }).outputs.architecture;
    const before = draft.decisions.find((decision) => decision.title.includes("primary database"));
    const after = revised.decisions.find((decision) => decision.title.includes("primary database"));
    expect(before?.title).toBe("Use MongoDB for the primary database");
    expect(after?.title).toBe("Use PostgreSQL for the primary database");
    expect(after?.id).toBe(before?.id);
    expect(after?.context).toContain('Review feedback: "use Postgres, not Mongo".');
    expect(after?.alternatives).toContain("MongoDB (ruled out in review feedback)");
    expect(revised.constraints[0]).toBe("Review feedback: use Postgres, not Mongo");
    expect(stackOf(revised).Database).toBe("PostgreSQL");
  });

  it("feedback naming an unknown technology is kept as a decision, not dropped", () => {
    const revised = draftAll({ architecture: "use Supabase instead of Firebase" }).outputs.architecture;
    expect(stackOf(revised).Authentication).toBe("Supabase");
    expect(architectureAgent.outputSchema.safeParse(revised).success).toBe(true);
  });

  it("feedback can ask for another system shape", () => {
    const revised = draftAll({ architecture: "Split it into microservices" }).outputs.architecture;
    expect(revised.options.find((option) => option.chosen)?.name).toBe("Microservices");
    expect(revised.decisions[0]?.title).toBe("Structure Crumb as microservices");
  });
});
