import { steps } from "@jeex/contracts/steps";
import { describe, expect, it } from "vitest";
import { agentFor } from "../../src/agents/registry.ts";
import { draftOffline } from "../../src/llm/template/drafts.ts";
import { bakeryIdea, baseInput } from "./fixtures.ts";
import { draftAll } from "./pipeline.ts";

/** Realistic ideas as people type them, each drafted through all four steps. */
const ideas = {
  walkingBuddies: "Mobile app to find people to walk with in the evening.",
  chores:
    "A household chores app for flatmates:\n- assign chores on a weekly rota\n- track who paid for shared groceries\n" +
    "- send a reminder when the bins go out\n- vote on house rules\nNo chat, that's for v2.",
  clinic:
    "Small physiotherapy clinics still run their appointment books on paper and phone calls, so receptionists spend hours rescheduling and patients forget appointments. " +
    "We want patients to book and cancel appointments online, receive SMS reminders the day before, and pay a deposit by card. " +
    "Physiotherapists should see their daily schedule and write short treatment notes after each session. " +
    "It must comply with GDPR, keep patient data in the EU and work on old Android tablets at the front desk. " +
    "Insurance billing is out of scope for now.",
  invoicing:
    "Build a tool that lets freelancers track their hours, generate invoices and export them to PDF. Send reminders when an invoice is overdue.",
  inspections:
    "Field technicians need an offline-first mobile app built with React Native and Postgres to log inspections, attach photos and sync when they get signal. " +
    "Managers review reports on a web dashboard.",
  grandma: "i want something so my grandma can video call us without needing help",
  dogWalking: "A booking app for dog walkers",
  loyalty:
    "app pour les cafés... loyalty cards!!! customers scan QR → get points; owners see stats?? (maybe) — also: multi-langue (FR/EN)",
};

const packFor = (idea: string) =>
  draftAll({}, { idea: { idea }, project: { name: "Trial", description: "", language: "en" } });
const aboutFor = (idea: string) =>
  draftOffline(
    "about",
    baseInput({ idea: { idea }, project: { name: "Trial", description: "", language: "en" } }),
  );

describe("template drafts read as written by a careful analyst", () => {
  for (const [name, idea] of Object.entries(ideas)) {
    it(`the ${name} idea's drafts keep their contracts`, () => {
      const { outputs } = packFor(idea);
      for (const step of steps) {
        expect(agentFor(step).outputSchema.safeParse(outputs[step]).error?.issues ?? []).toEqual([]);
      }
    });
  }

  it("a quoted line that ends in a colon ends in a full stop, not ':.'", () => {
    expect(aboutFor(ideas.chores).problem).toBe(
      "The idea does not name the problem directly. As described: A household chores app for flatmates.",
    );
  });

  it("a summary that leads into a list keeps the list, not only its first item", () => {
    expect(aboutFor(ideas.chores).summary).toBe(
      "A household chores app for flatmates: assign chores on a weekly rota; track who paid for shared groceries; " +
        "send a reminder when the bins go out; vote on house rules.",
    );
  });

  it("key facts do not repeat the summary, unless the sentence constrains the architecture", () => {
    expect(aboutFor(ideas.dogWalking).keyFacts).toEqual([]);
    expect(aboutFor(ideas.walkingBuddies).keyFacts).toEqual([]);
    expect(aboutFor(ideas.inspections).keyFacts[0]).toMatch(
      /^Field technicians need an offline-first mobile app/,
    );
  });

  it("numbered lines without full stops do not run into each other in the summary", () => {
    expect(aboutFor("1. Users sign up\n2. Users create polls\n3. Friends vote").summary).toBe(
      "Users sign up. Users create polls.",
    );
  });

  it("'rate them' in a list of capabilities says what is rated, so the epic title stands alone", () => {
    const scope = aboutFor("Teachers want to share lesson plans, rate them and search by subject.").scope
      .inScope;
    expect(scope).toEqual(["Share lesson plans", "Rate lesson plans", "Search by subject"]);
    expect(aboutFor(ideas.invoicing).scope.inScope).toContain("Export invoices to PDF");
  });

  it("list items that start with a verb are the capabilities in scope, not stray key words", () => {
    expect(aboutFor(ideas.chores).scope.inScope).toEqual([
      "Assign chores on a weekly rota",
      "Track who paid for shared groceries",
      "Send a reminder when the bins go out",
      "Vote on house rules",
    ]);
  });

  it("'an app to find …' names a capability, so no epic is a single stray word", () => {
    const { outputs } = packFor(ideas.walkingBuddies);
    expect(outputs.about.scope.inScope).toEqual(["Find people to walk with in the evening"]);
    const titles = outputs.plan.epics.filter((epic) => epic.kind === "feature").map((epic) => epic.title);
    expect(titles).toEqual(["Find people to walk with in the evening"]);
  });

  it("'want patients to …' and a list closed by ', and …' give one capability each", () => {
    const scope = aboutFor(ideas.clinic).scope.inScope;
    expect(scope).toEqual(
      expect.arrayContaining([
        "Book and cancel appointments online",
        "Receive SMS reminders the day before",
        "Pay a deposit by card",
      ]),
    );
  });

  it("a compliance sentence is a constraint of the architecture, not a feature epic", () => {
    const { outputs } = packFor(ideas.clinic);
    expect(outputs.about.scope.inScope.join("\n")).not.toMatch(/GDPR/);
    expect(outputs.plan.epics.map((epic) => epic.title).join("\n")).not.toMatch(/GDPR/);
    expect(outputs.architecture.constraints).toContain(
      "It must comply with GDPR, keep patient data in the EU and work on old Android tablets at the front desk",
    );
  });

  it("after 'to log inspections, attach photos', the capabilities follow the purpose, with the person's capitals", () => {
    const scope = aboutFor(ideas.inspections).scope.inScope;
    expect(scope).toEqual(
      expect.arrayContaining(["Log inspections", "Attach photos", "Sync when they get signal"]),
    );
    expect(scope.join("\n")).not.toMatch(/^(?:Built|React native)$/m);
  });

  it("names the people an idea names: the subject of a sentence and whom it 'lets'", () => {
    const segments = (idea: string) => aboutFor(idea).audience.map((item) => item.segment);
    expect(segments(ideas.invoicing)).toEqual(["Freelancers"]);
    expect(segments(ideas.inspections)).toEqual(["Field technicians", "Managers"]);
    expect(
      segments(
        "Language tutors need to schedule lessons and take payments with Stripe. Students should book lessons on a website.",
      ),
    ).toEqual(["Language tutors", "Students"]);
    expect(segments("Reminders need to be sent by SMS. Teachers want to share lesson plans.")).toEqual([
      "Teachers",
    ]);
  });

  it("'paid for shared groceries' and 'that's for v2' are not audiences", () => {
    expect(aboutFor(ideas.chores).audience.map((item) => item.segment)).toEqual(["Flatmates"]);
  });

  it("'for same-day delivery' names no people; 'for HR' does, with what the idea says of them", () => {
    const market = aboutFor(
      "Marketplace where farmers sell vegetables directly to restaurants; restaurants order by 6am for same-day delivery.",
    );
    expect(market.audience.map((item) => item.segment)).toEqual(["Primary users"]);
    const hr = aboutFor("An internal tool for HR to manage employee onboarding checklists. 200 employees.");
    expect(hr.audience).toEqual([
      { segment: "HR", needs: "An internal tool for HR to manage employee onboarding checklists." },
    ]);
  });

  it("an idea that names nobody says so once, not 'Audience: Primary users' in later documents", () => {
    const { outputs } = packFor(ideas.walkingBuddies);
    expect(outputs.about.audience[0]?.segment).toBe("Primary users");
    expect(outputs.architecture.context).not.toContain("Primary users");
    const feature = outputs.plan.epics.find((epic) => epic.kind === "feature");
    expect(JSON.stringify(feature)).not.toContain("Primary users");
  });

  it("without a goal sentence the goal is the first release's scope, not 'Deliver dog walkers'", () => {
    expect(aboutFor(ideas.dogWalking).goals).toEqual(["Ship a first release of Trial that covers: Booking"]);
  });

  it("goals and facts start with a capital even when the person typed none", () => {
    expect(aboutFor(ideas.grandma).goals[0]).toMatch(/^I want something so my grandma/);
    expect(aboutFor(ideas.grandma).summary).toMatch(/^I want something so my grandma/);
    expect(aboutFor(ideas.grandma).problem).toContain("As described: I want something so my grandma");
    expect(aboutFor(`${ideas.grandma}\nshe only has an old iPad`).keyFacts).toEqual([
      "She only has an old iPad",
    ]);
  });

  it("'generate invoices' is bookkeeping, not an AI feature", () => {
    const areas = packFor(ideas.invoicing).outputs.architecture.stack.map((item) => item.area);
    expect(areas).not.toContain("AI features");
    expect(areas).toContain("Payments");
  });

  it("'React Native' names the mobile framework, not React for the web", () => {
    const { outputs } = packFor(ideas.inspections);
    const web = outputs.architecture.stack.find((item) => item.area === "Web front end");
    expect(web?.rationale).not.toContain("The inputs name React");
    expect(web?.rationale).toContain("Template default for the web front end.");
    const revised = draftAll({ architecture: "use React Native" }, { idea: { idea: ideas.walkingBuddies } })
      .outputs.architecture.stack;
    expect(revised.find((item) => item.area === "Mobile app")?.choice).toBe("React Native");
    expect(revised.map((item) => item.area)).not.toContain("Web front end");
  });

  it("a feature epic is for the segment whose needs it meets, not the first one listed", () => {
    const epics = draftAll(
      {},
      { idea: { idea: ideas.clinic, audience: "clinic receptionists, physiotherapists and patients" } },
    ).outputs.plan.epics;
    const booking = epics.find((epic) => epic.title === "Book and cancel appointments online");
    expect(booking?.goal).toMatch(/^Deliver "Book and cancel appointments online" for patients\./);
    expect(booking?.acceptanceCriteria[0]).toBe(
      'Patients can complete "Book and cancel appointments online" end to end in staging',
    );
    const notes = epics.find((epic) => epic.title === "Write short treatment notes after each session");
    expect(notes?.acceptanceCriteria[0]).toMatch(/^Physiotherapists can complete/);
  });

  it("inside a sentence a segment reads as the person wrote it, and a feature serves its closest goal", () => {
    const { outputs } = draftAll(
      {},
      {
        idea: {
          idea: "Language tutors need to schedule lessons and take payments with Stripe. Students should book lessons on a website.",
          audience: "language tutors, students",
        },
      },
    );
    const booking = outputs.plan.epics.find((epic) => epic.title === "Book lessons on a website");
    expect(booking?.goal).toBe(
      'Deliver "Book lessons on a website" for students. Serves the goal: Students should book lessons on a website.',
    );
    const bakery = draftAll(
      {},
      { idea: { ...bakeryIdea, audience: "bakery owners, bakers, London suppliers" } },
    );
    const authentication = bakery.outputs.plan.epics.find((epic) => epic.kind === "authentication");
    expect(authentication?.tasks).toContain(
      "Roles for bakery owners, bakers and London suppliers in one permission matrix",
    );
  });

  it("an integration epic's verb agrees with its area: 'Payments work', 'File storage works'", () => {
    const epics = packFor(ideas.invoicing).outputs.plan.epics;
    const criteria = epics.flatMap((epic) => epic.acceptanceCriteria);
    expect(criteria).toContain("Payments work end to end in staging with Stripe");
    expect(criteria).toContain("File storage works end to end in staging with S3-compatible object storage");
  });

  it("the architecture's context quotes a goal the summary already holds only once", () => {
    const context = packFor(ideas.clinic).outputs.architecture.context;
    expect(context.split("We want patients to book").length - 1).toBe(1);
    expect(context).toContain("The architecture must support these goals: Physiotherapists should see");
  });

  it("the standards name the stack as a list in prose, its last item after 'and'", () => {
    expect(packFor(ideas.dogWalking).outputs.specs.summary).toMatch(
      /^Engineering standards for Trial, built with TypeScript on Node\.js, PostgreSQL, containers on a managed platform and OpenTelemetry with structured logs\. /,
    );
  });

  it("a stack choice that is no proper name reads in lowercase inside a sentence", () => {
    const { outputs } = packFor(ideas.dogWalking);
    const hosting = outputs.architecture.decisions.find((decision) => decision.title.includes("hosting"));
    expect(hosting?.title).toBe("Use containers on a managed platform for hosting and deployment");
    expect(hosting?.decision).toMatch(
      /^We will use containers on a managed platform for hosting and deployment\. /,
    );
    expect(outputs.plan.epics[0]?.goal).toContain("deployed by CI to containers on a managed platform.");
    expect(outputs.architecture.stack.map((item) => item.choice)).toContain(
      "Containers on a managed platform",
    );
  });

  it("key phrases keep the person's capitals: 'QR', not 'qr'", () => {
    const scope = aboutFor(ideas.loyalty).scope.inScope;
    expect(scope.join("\n")).not.toMatch(/\bqr\b|\bFr en\b/);
  });
});
