import { describe, expect, it } from "vitest";
import { createDocumentRepository } from "../src/repositories/documents.ts";
import { createProjectRepository } from "../src/repositories/projects.ts";
import { databaseTargets, provisionTestTenant, useSuiteDatabase } from "../testing/databases.ts";

const scores = { wordCount: 3, gradeLevel: 1, fleschReadingEase: 90 };

describe.each(databaseTargets())("a project's active documents on $name", (target) => {
  const suite = useSuiteDatabase(target);

  it("the summaries are the full list without any content, so status and listings never read it", async () => {
    const scope = await provisionTestTenant(suite.db, "active-docs");
    const { full, summaries } = await suite.db.withTenant(scope, async (tx) => {
      const project = await createProjectRepository(tx).insert({
        name: "P",
        description: "",
        language: "en",
      });
      const documents = createDocumentRepository(tx);
      for (const [step, path] of [
        ["about", "docs/about.md"],
        ["architecture", "docs/architecture.md"],
      ] as const) {
        const doc = await documents.upsertByPath({
          projectId: project.id,
          step,
          kind: step,
          path,
          title: path,
        });
        const version = await documents.insertVersion(
          { documentId: doc.id, title: path, content: `# ${path}\n`.repeat(1000), source: "agent", scores },
          project.id,
        );
        await documents.activate(doc.id, version.id, path);
      }
      return {
        full: await documents.listActive(project.id),
        summaries: await documents.listActiveSummaries(project.id),
      };
    });

    expect(full.map((doc) => doc.content.length)).toEqual([16_000, 23_000]);
    expect(summaries.some((doc) => "content" in doc)).toBe(false);
    expect(summaries).toEqual(full.map(({ content: _content, ...summary }) => summary));
  });
});
