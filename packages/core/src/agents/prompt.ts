import type { AgentInput, ContextDocument } from "./agent.ts";
import { languageName } from "./language.ts";

/**
 * The user prompt every agent sends: the person's inputs, earlier documents in full, this step's
 * previous output (so a re-run keeps human edits), feedback to apply, and memory — then the
 * step's task. Documents are wrapped in tags so Markdown inside them cannot be confused with the
 * prompt's own structure.
 */

const documentBlock = (document: ContextDocument): string =>
  `<document path="${document.path}" title="${document.title.replace(/"/g, "'")}">\n${document.content.trim()}\n</document>`;

export function buildStepPrompt(input: AgentInput, task: string): string {
  const { project, idea } = input;
  const parts: string[] = [
    "# Project",
    `Name: ${project.name}`,
    ...(project.description.trim() ? [`Description: ${project.description.trim()}`] : []),
    `Write every document in ${languageName(project.language)} (${project.language}).`,
    "# The idea, in the person's words",
    idea.idea.trim(),
  ];
  if (idea.audience?.trim()) parts.push("## Intended audience", idea.audience.trim());
  if (idea.clarifications?.length) {
    parts.push(
      "## Clarifications",
      idea.clarifications
        .map((item) => `- Q: ${item.question}\n  A: ${item.answer.trim() || "(not answered yet)"}`)
        .join("\n"),
    );
  }
  if (input.documents.length) {
    parts.push(
      "# Earlier documents (active versions; people may have edited them — treat them as the source of truth)",
      ...input.documents.map(documentBlock),
    );
  }
  if (input.previous.length) {
    parts.push(
      "# This step's current documents",
      "These are the documents this step produced last time, including any human edits. Keep what people changed unless the feedback below says otherwise.",
      ...input.previous.map(documentBlock),
    );
  }
  if (input.feedback?.trim()) {
    parts.push(
      "# Feedback — apply this feedback",
      "**Apply this feedback.** It comes from the person reviewing this step and overrides earlier choices where they conflict:",
      input.feedback
        .trim()
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n"),
    );
  }
  if (input.memory.length) {
    parts.push(
      "# Project memory (relevant excerpts from earlier documents)",
      input.memory
        .map((snippet) => `- (${snippet.path}, relevance ${snippet.score.toFixed(2)}) ${snippet.text.trim()}`)
        .join("\n"),
    );
  }
  parts.push("# Your task", task.trim());
  return `${parts.join("\n\n")}\n`;
}

/** The project in a few words, for memory questions. */
export const projectLabel = (input: AgentInput): string =>
  `${input.project.name.trim() || "the project"} (${input.idea.idea.trim().replace(/\s+/g, " ").slice(0, 160)})`;
