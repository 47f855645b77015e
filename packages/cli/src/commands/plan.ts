import type { StepEstimate } from "@jeex/contracts/estimate";
import { agentNames } from "@jeex/contracts/steps";
import { parseCommandArgs, requireProjectId } from "../args.ts";
import type { Command } from "../command.ts";
import { connect } from "../connection.ts";
import { CliError, UsageError } from "../errors.ts";
import { openProjectEvents } from "../events/project-events.ts";
import { ExitCode } from "../exit-codes.ts";
import { describeEstimate, estimateOf, overBudget } from "../plan/estimate.ts";
import { type StepOutcome, startAndFollowStep } from "../plan/follow-step.ts";
import { parseStepList } from "../plan/step-list.ts";
import { type DocumentSummary, listAllDocuments } from "../project-documents.ts";

const planOptions = {
  project: { type: "string" },
  idea: { type: "string" },
  steps: { type: "string" },
  feedback: { type: "string" },
} as const;

interface PlannedDocument {
  documentId: string;
  path: string;
  kind: string;
  title: string;
  version: number;
}

interface StepReport extends StepOutcome {
  documents: PlannedDocument[];
  /** What the step was expected to take before it started (workflow.estimate). */
  estimate: StepEstimate;
}

const documentsOf = (all: DocumentSummary[], step: string): PlannedDocument[] =>
  all
    .filter((doc) => doc.step === step)
    .map(({ id, path, kind, title, version }) => ({ documentId: id, path, kind, title, version }));

function stepFailed(outcome: StepOutcome, done: StepReport[]): CliError {
  const reason = outcome.error
    ? `${outcome.status}: ${outcome.error.message} [${outcome.error.code}]`
    : outcome.status === "cancelled"
      ? "was cancelled"
      : outcome.status;
  return new CliError(
    `the ${outcome.step} step ${reason} (execution ${outcome.executionId}); the plan stopped there`,
    ExitCode.runFailed,
    {
      code: outcome.error?.code ?? outcome.status.toUpperCase(),
      details: {
        step: outcome.step,
        executionId: outcome.executionId,
        status: outcome.status,
        completed: done,
      },
    },
  );
}

export const planCommand: Command = {
  path: ["plan"],
  usage: 'jeex plan --project <id> --idea "…" [--steps about,architecture,plan,specs] [--feedback "…"]',
  summary: "run the agents step by step with a live progress bar per step",
  options: planOptions,
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, planOptions);
    const projectId = requireProjectId(values.project);
    const steps = parseStepList(values.steps);
    if (values.idea !== undefined && !steps.includes("about")) {
      throw new UsageError("--idea is the about step's input: include about in --steps, or use --feedback");
    }
    const { client } = await connect(context, values);
    // Checked first so a wrong id or key fails with its own code, before any stream opens.
    const project = await client.projects.get.query({ projectId });

    // One stream for the whole plan, opened before the first step so no event is missed.
    const events = openProjectEvents(client, projectId);
    const done: StepReport[] = [];
    try {
      for (const step of steps) {
        const run = {
          projectId,
          step,
          idea: step === "about" ? values.idea : undefined,
          feedback: values.feedback,
        };
        const estimate = await estimateOf(client, run);
        context.out.line(`… ${describeEstimate(estimate)}`);
        if (estimate.budget.refusal) throw overBudget(estimate, estimate.budget.refusal, done);
        const outcome = await startAndFollowStep({
          ...run,
          client,
          events,
          out: context.out,
          signal: context.signal,
        });
        if (outcome.status !== "succeeded") {
          context.out.line(`✗ ${step} (${agentNames[step]}) ${outcome.status}`);
          throw stepFailed(outcome, done);
        }
        const documents = documentsOf(await listAllDocuments(client, projectId), step);
        done.push({ ...outcome, documents, estimate });
        context.out.line(
          [
            `✓ ${step} (${agentNames[step]}): ${documents.length} document${documents.length === 1 ? "" : "s"}`,
            ...documents.map((doc) => `    ${doc.path}  v${doc.version}`),
          ].join("\n"),
        );
      }
    } finally {
      events.close();
    }

    const total = done.reduce((sum, report) => sum + report.documents.length, 0);
    // Suggest the first step's main document (its kind is the step's name), e.g. docs/about.md.
    const firstStep = done[0];
    const first = (firstStep?.documents.find((doc) => doc.kind === firstStep.step) ?? firstStep?.documents[0])
      ?.path;
    context.out.result({ project: { id: project.id, name: project.name }, steps: done }, [
      `Plan ready for "${project.name}": ${done.length} step${done.length === 1 ? "" : "s"}, ${total} documents.`,
      ...(first ? [`Read one: jeex docs show ${first} --project ${project.id}`] : []),
    ]);
  },
};
