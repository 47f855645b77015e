import { runTextWork } from "../text-work/pool.ts";
import { templateModel } from "./cost-model.ts";
import { LlmCancelledError } from "./errors.ts";
import type { LlmProvider, StructuredRequest, StructuredResult } from "./port.ts";
import { traceModelCall } from "./tracing.ts";

export { type DraftsByStep, draftOffline } from "./template/drafts.ts";

const providerName = "template";
const model = templateModel;

/**
 * The offline default: drafts each step deterministically from the agent's input (template/drafts.ts,
 * on the text-work threads), held to the same schema as a model's answer.
 */
export function createTemplateProvider(): LlmProvider {
  return {
    name: providerName,
    generate<Output>(request: StructuredRequest<Output>): Promise<StructuredResult<Output>> {
      const attributes = { "llm.provider": providerName, "llm.model": model, "jeex.step": request.step };
      return traceModelCall(attributes, async (span) => {
        if (request.signal.aborted) throw new LlmCancelledError(request.signal.reason);
        const draft = await runTextWork(
          "draftOffline",
          { step: request.step, input: request.input },
          request.signal,
        );
        const parsed = request.schema.safeParse(draft);
        if (!parsed.success) {
          // A draft that breaks its own agent's schema is a bug in the agent, not bad luck.
          const issues = parsed.error.issues.map(
            (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
          );
          throw new Error(
            `template draft for step ${request.step} does not match ${request.schemaName}: ${issues.join("; ")}`,
          );
        }
        span.setAttributes({ "llm.tokens.in": 0, "llm.tokens.out": 0, "llm.outcome": "ok" });
        return {
          output: parsed.data,
          provider: providerName,
          model,
          usage: { tokensIn: 0, tokensOut: 0 },
          costUsd: 0,
          calls: 1,
        };
      });
    },
  };
}
