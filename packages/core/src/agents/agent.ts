import type { IdeaInput, Step } from "@jeex/contracts/steps";
import type { ZodType } from "zod";

/** An earlier step's active document, as the next agent reads it (human edits included). */
export interface ContextDocument {
  path: string;
  title: string;
  step: Step;
  content: string;
}

/** A chunk of project memory relevant to this step's question. */
export interface MemorySnippet {
  path: string;
  text: string;
  score: number;
}

/** Everything an agent is given. */
export interface AgentInput {
  project: { name: string; description: string; language: string };
  /** The idea as given to the `about` step (later steps see it too). */
  idea: IdeaInput;
  /** Active documents of earlier steps. */
  documents: ContextDocument[];
  /** The documents this step produced last time, when re-running (so edits are kept). */
  previous: ContextDocument[];
  feedback?: string | undefined;
  memory: MemorySnippet[];
}

/** How drafts and document titles name the product: its project name, or "the product" while it has none. */
export function productName(input: Pick<AgentInput, "project">): string {
  return input.project.name.trim() || "the product";
}

/** A Markdown document rendered from an agent's structured output. */
export interface RenderedDocument {
  /** Path inside the export, e.g. `docs/adr/ADR-001-use-postgres.md`. */
  path: string;
  /** Stable kind: about | architecture | adr | plan-overview | plan-epic | specs. */
  kind: string;
  title: string;
  content: string;
}

/** How a document set is rendered, beyond the output itself. */
export interface RenderOptions {
  /**
   * The output is the `template` provider's offline draft: every document then opens with a note
   * saying so, because the renderer cannot tell which provider wrote an output.
   */
  templateDraft?: boolean;
}

/**
 * One of the four agents: its contract, prompt and renderer. (The template provider's offline
 * drafts of each step live with that provider: llm/template/drafts.ts.)
 */
export interface Agent<Output> {
  step: Step;
  name: string;
  outputSchema: ZodType<Output>;
  schemaName: string;
  instructions: string;
  buildPrompt(input: AgentInput): string;
  /** Markdown documents from the output; whichever model wrote it, the documents look alike. */
  render(output: Output, input: AgentInput, options?: RenderOptions): RenderedDocument[];
  /** The question used to pick relevant memory for this step. */
  memoryQuery(input: AgentInput): string;
}
