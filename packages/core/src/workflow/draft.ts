import type { Agent, AgentInput, RenderedDocument } from "../agents/agent.ts";
import type { LlmProvider, ModelCallSpend, StructuredResult } from "../llm/port.ts";

/** Asks the provider for the agent's structured output and renders it with our own renderers. */
export async function draftWithAgent<Output>(
  agent: Agent<Output>,
  llm: LlmProvider,
  input: AgentInput,
  signal: AbortSignal,
  onModelCall?: (call: ModelCallSpend) => void,
): Promise<{ result: StructuredResult<Output>; rendered: RenderedDocument[] }> {
  const result = await llm.generate({
    step: agent.step,
    system: agent.instructions,
    prompt: agent.buildPrompt(input),
    schema: agent.outputSchema,
    schemaName: agent.schemaName,
    draftOffline: () => agent.draftOffline(input),
    signal,
    onModelCall,
  });
  const rendered = agent.render(result.output, input, { templateDraft: result.provider === "template" });
  return { result, rendered };
}
