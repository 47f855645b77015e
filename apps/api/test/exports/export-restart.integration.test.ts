import { createExportRepository } from "@jeex/db/repositories";
import { databaseTargets, useSuiteDatabase } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { clientFor, provisionMember, startTestServer } from "../support/server.ts";
import { until } from "../support/until.ts";
import { projectWithSteps } from "./support/pack.ts";

/**
 * The in-process runner keeps its queue in memory; the export row is the record of what was
 * accepted. A process that died leaves rows queued (never started) or running (killed mid-build):
 * the next server on the same database builds each of them, once.
 */
describe.each(databaseTargets())("exports across a crash of the in-process runner on $name", (target) => {
  const suite = useSuiteDatabase(target);

  it("queued and mid-build exports left by a dead process are built once by the next one", async () => {
    const first = await startTestServer(suite.db);
    const member = await provisionMember(suite.db, first.config, "editor");
    const { project, progress } = await projectWithSteps(first.url, member);
    progress.close();
    await first.stop();

    // What a killed process leaves behind: one export never started, one claimed and never stored.
    const scope = { tenantId: member.tenantId, userId: member.userId };
    const [queuedId, runningId] = await suite.db.withTenant(scope, async (tx) => {
      const exports = createExportRepository(tx);
      const expiresAt = new Date(Date.now() + 3600_000);
      const queued = await exports.insert({ projectId: project.id, expiresAt });
      const running = await exports.insert({ projectId: project.id, expiresAt });
      await exports.claim(running.id);
      return [queued.id, running.id];
    });

    const second = await startTestServer(suite.db);
    try {
      const client = clientFor(second.url, member);
      const read = () =>
        Promise.all([queuedId, runningId].map((exportId) => client.exports.get.query({ exportId })));
      const built = await until(async () => {
        const details = await read();
        return details.every((d) => d.status === "succeeded" || d.status === "failed") ? details : undefined;
      }, "both exports ended");
      expect(built.map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
      expect(new Set(built.map((d) => d.sha256)).size).toBe(1);
      // Built once: a later look finds the same finished build (no second run replaced it).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await read()).map((d) => d.finishedAt)).toEqual(built.map((d) => d.finishedAt));
    } finally {
      await second.stop();
    }
  }, 120_000);
});
