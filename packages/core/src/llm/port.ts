import type { Step } from "@jeex/contracts/steps";
import type { ZodType } from "zod";
import type { AgentInput } from "../agents/agent.ts";

/** One structured generation: instructions + prompt in, an output that satisfies `schema` out. */
export interface StructuredRequest<Output> {
  step: Step;
  /** System instructions for the agent. */
  system: string;
  /** The user prompt: idea, earlier documents, feedback, memory. */
  prompt: string;
  /** The output contract; providers must return only values that parse with it. */
  schema: ZodType<Output>;
  /** Name for the JSON schema sent to the model (letters, digits, underscores). */
  schemaName: string;
  /** What the agent was given, from which `prompt` was built. */
  input: AgentInput;
  /** Cancellation of the whole step (workflow.cancel) — providers must stop promptly. */
  signal: AbortSignal;
  /** Told after every model call that answered, valid or not: each one is paid for and counted. */
  onModelCall?: ((call: ModelCallSpend) => void) | undefined;
  /**
   * Asked before every model call (the first ask and the repair): the tokens, prompt and answer
   * together, that call may still spend — what is left of the run's reservation. Undefined, or
   * absent, sets no allowance.
   */
  tokenAllowance?: (() => number | undefined) | undefined;
}

/** What one model call cost. */
export interface ModelCallSpend {
  provider: string;
  model: string;
  usage: TokenUsage;
  costUsd: number;
}

export interface TokenUsage {
  tokensIn: number;
  tokensOut: number;
}

export interface StructuredResult<Output> {
  output: Output;
  provider: string;
  model: string;
  usage: TokenUsage;
  /** In US dollars, from the configured price table; 0 when the model has no price. */
  costUsd: number;
  /** Model calls made, including the one repair re-ask. */
  calls: number;
}

/** Port for the language model behind every agent. */
export interface LlmProvider {
  readonly name: string;
  generate<Output>(request: StructuredRequest<Output>): Promise<StructuredResult<Output>>;
}
