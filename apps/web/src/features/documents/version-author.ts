import type { VersionSummary } from "@jeex/contracts/documents";
import type { Step } from "@jeex/contracts/steps";
import { agentNames } from "./agent-names.ts";

interface Authored {
  source: VersionSummary["source"];
  createdBy: string | null;
}

/** Who wrote a version, in one word (the diff view's version pickers). */
export const sourceWord: Record<Authored["source"], string> = {
  agent: "agent",
  human: "person",
  merged: "merged",
};

/** "Solution Architect (agent), run by Ada" or "Edited by Ada". */
export function versionAuthor(version: Authored, step: Step, nameOf: (userId: string | null) => string) {
  if (version.source === "agent") {
    return version.createdBy
      ? `${agentNames[step]} (agent), run by ${nameOf(version.createdBy)}`
      : `${agentNames[step]} (agent)`;
  }
  if (version.source === "merged") return `${agentNames[step]} (agent) output merged with a person's edit`;
  return `Edited by ${nameOf(version.createdBy)}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const formatWhen = (iso: string) => dateTime.format(new Date(iso));
