import type { Agent, AgentInput } from "../agents/agent.ts";
import type { LlmProvider, ModelCallSpend, StructuredResult } from "../llm/port.ts";
import { runTextWork } from "../text-work/pool.ts";
import type { ScoredDocument } from "../text-work/tasks.ts";

/**
 * Asks the provider for the agent's structured output and renders it with our own renderers.
 * Rendering reads whole documents a person may have edited, so it runs on the text-work pool, not
 * on the thread that serves requests (as the template provider's offline drafting does).
 */
export async function draftWithAgent<Output>(
  agent: Agent<Output>,
  llm: LlmProvider,
  input: AgentInput,
  signal: AbortSignal,
  metering: {
    onModelCall?: ((call: ModelCallSpend) => void) | undefined;
    tokenAllowance?: (() => number | undefined) | undefined;
  } = {},
): Promise<{ result: StructuredResult<Output>; rendered: ScoredDocument[] }> {
  const result = await llm.generate({
    step: agent.step,
    system: agent.instructions,
    prompt: agent.buildPrompt(input),
    schema: agent.outputSchema,
    schemaName: agent.schemaName,
    input,
    signal,
    onModelCall: metering.onModelCall,
    tokenAllowance: metering.tokenAllowance,
  });
  const rendered = await runTextWork(
    "renderDocuments",
    {
      step: agent.step,
      output: result.output,
      input,
      options: { templateDraft: result.provider === "template" },
    },
    signal,
  );
  return { result, rendered };
}
