import { steps } from "@jeex/contracts/steps";
import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createProjectRepository,
  createQualityReportRepository,
} from "@jeex/db/repositories";
import { databaseTargets, useSuiteDatabase } from "@jeex/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createTemplateProvider } from "../../src/llm/template.ts";
import { readQualityReport } from "../../src/quality/service.ts";
import type { JobHandler, JobQueue, StepJob } from "../../src/queue/port.ts";
import { closeTextWork } from "../../src/text-work/pool.ts";
import { createStepHandler } from "../../src/workflow/execute-step.ts";
import {
  type Member,
  memberWithProject,
  runStepAs,
  workflowParts,
} from "../workflow/support/workflow-world.ts";

const quietLog = { info() {}, error() {} };

/** Runs the job to its end before enqueue returns, so the step has finished when runStepAs does. */
const finishingWorker = (handler: JobHandler<StepJob>): JobQueue<StepJob> => ({
  enqueue: (job) => handler(job, new AbortController().signal, { number: 1, of: 1 }),
  close: async () => {},
});

const reportOf = (db: Database, member: Member, projectId: string) =>
  db.withTenant(member, (tx) =>
    readQualityReport(
      {
        projects: createProjectRepository(tx),
        documents: createDocumentRepository(tx),
        quality: createQualityReportRepository(tx),
      },
      { projectId },
    ),
  );

describe.each(databaseTargets())("the worker's quality report ($name)", (target) => {
  const suite = useSuiteDatabase(target);
  afterAll(() => closeTextWork());

  /** A member with a project, and the workflow's lifecycle and step handler on the template provider. */
  async function templateWorkflow() {
    const member = await memberWithProject(suite.db);
    const { lifecycle } = workflowParts(suite.db);
    const handler = createStepHandler({
      db: suite.db,
      lifecycle,
      llm: createTemplateProvider(),
      log: quietLog,
    });
    return { member, lifecycle, handler };
  }

  it("each successful step stores a report of the active versions; the whole template pack has no errors", async () => {
    const { member, lifecycle, handler } = await templateWorkflow();
    const queue = finishingWorker(handler);

    expect(await reportOf(suite.db, member, member.projectId)).toEqual({ status: "none", report: null });
    await runStepAs(
      suite.db,
      member,
      {
        projectId: member.projectId,
        step: "about",
        input: { idea: "Bakers want to record deliveries and see stock levels on their phones." },
      },
      { queue, lifecycle },
    );
    const afterAbout = await reportOf(suite.db, member, member.projectId);
    expect(afterAbout.status).toBe("current");
    expect(afterAbout.report?.findings.map((finding) => finding.code)).toEqual(["plan-not-written"]);

    for (const step of steps.slice(1)) {
      await runStepAs(suite.db, member, { projectId: member.projectId, step }, { queue, lifecycle });
    }
    const complete = await reportOf(suite.db, member, member.projectId);
    const active = await suite.db.withTenant(member, (tx) =>
      createDocumentRepository(tx).listActive(member.projectId),
    );
    expect(complete.status).toBe("current");
    expect(complete.report?.versionIds).toEqual(active.map((doc) => doc.activeVersionId).sort());
    expect(complete.report?.counts.errors).toBe(0);
    expect(complete.report?.findings.filter((finding) => finding.severity === "error")).toEqual([]);
  }, 120_000);

  it("an edit after the last step makes the stored report pending", async () => {
    const { member, lifecycle, handler } = await templateWorkflow();
    await runStepAs(
      suite.db,
      member,
      { projectId: member.projectId, step: "about", input: { idea: "A tool to plan school trips." } },
      { queue: finishingWorker(handler), lifecycle },
    );
    const [about] = await suite.db.withTenant(member, (tx) =>
      createDocumentRepository(tx).listActive(member.projectId),
    );
    if (!about) throw new Error("the about step wrote no document");
    await suite.db.withTenant(member, async (tx) => {
      const documents = createDocumentRepository(tx);
      const version = await documents.insertVersion(
        {
          documentId: about.id,
          title: about.title,
          content: `${about.content}\nEdited.\n`,
          source: "human",
          scores: about.scores,
        },
        member.projectId,
      );
      await documents.activate(about.id, version.id, about.title);
    });
    expect((await reportOf(suite.db, member, member.projectId)).status).toBe("pending");
  }, 60_000);

  it("another tenant's project is NOT_FOUND", async () => {
    const owner = await memberWithProject(suite.db);
    const other = await memberWithProject(suite.db);
    await expect(reportOf(suite.db, other, owner.projectId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
