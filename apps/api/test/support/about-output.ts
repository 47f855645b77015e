import { draftOffline } from "@jeex/core/llm";

/** A valid `about` output, as a model would return it (drafted offline from a fixed idea). */
export function validAboutOutput(idea: string) {
  return draftOffline("about", {
    project: { name: "Walkies", description: "", language: "en" },
    idea: { idea },
    documents: [],
    previous: [],
    memory: [],
  });
}
