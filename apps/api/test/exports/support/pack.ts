import type { JeexClient } from "@jeex/client";
import { type ReceivedEvent, runAndWait, watchProgress } from "../../support/progress.ts";
import { clientFor, type TestMember } from "../../support/server.ts";

export const idea = {
  idea: "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk and reviews.",
  audience: "Busy dog owners and independent dog walkers",
};

/** A project of `member` whose progress stream is open; `steps` are run on the template provider. */
export async function projectWithSteps(
  url: string,
  member: TestMember,
  steps: readonly ("about" | "architecture" | "plan" | "specs")[] = [
    "about",
    "architecture",
    "plan",
    "specs",
  ],
  name = "Walkies: Dog Walking",
) {
  const client = clientFor(url, member);
  const project = await client.projects.create.mutate({ name });
  const progress = watchProgress(client, project.id);
  await progress.opened;
  for (const step of steps) {
    await runAndWait(client, progress, {
      projectId: project.id,
      step,
      ...(step === "about" ? { input: idea } : {}),
    });
  }
  return { client, project, progress };
}

const exportEnded = (exportId: string) => (events: ReceivedEvent[]) =>
  events.some(
    ({ event }) =>
      "exportId" in event &&
      event.exportId === exportId &&
      ["export.succeeded", "export.failed"].includes(event.type),
  );

/** Creates an export, waits on the progress stream for its end, and returns it with its link. */
export async function exportAndWait(
  client: JeexClient,
  progress: ReturnType<typeof watchProgress>,
  projectId: string,
) {
  const created = await client.exports.create.mutate({ projectId });
  await progress.until(exportEnded(created.id));
  return client.exports.get.query({ exportId: created.id });
}

export const exportEvents = (progress: ReturnType<typeof watchProgress>, exportId: string) =>
  progress.received
    .filter(({ event }) => "exportId" in event && event.exportId === exportId)
    .map(({ event }) => event);
