import { agentFor } from "@jeex/core/agents/registry";

/** A valid `about` output, as a model would return it (drafted offline from a fixed idea). */
export function validAboutOutput(idea: string) {
  return agentFor("about").draftOffline({
    project: { name: "Walkies", description: "", language: "en" },
    idea: { idea },
    documents: [],
    previous: [],
    memory: [],
  });
}
