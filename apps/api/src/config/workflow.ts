import { stepSchema } from "@jeex/contracts/steps";
import { type LlmProviderConfig, llmProviderConfigSchema } from "@jeex/core/llm";
import { z } from "zod";
import { booleanFlag, optionalText } from "./flags.ts";

// Workflow settings: the model backend, workers and budgets. config.ts composes this shape into
// its one env schema; nothing here reads process.env.

const optionalNumber = z.coerce.number().optional();

export const workflowEnvShape = {
  /** `template` (offline drafts, the default) or `openai-compatible` — always chosen explicitly. */
  LLM_PROVIDER: z.enum(["template", "openai-compatible"]).default("template"),
  LLM_BASE_URL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_MODEL_ABOUT: optionalText,
  LLM_MODEL_ARCHITECTURE: optionalText,
  LLM_MODEL_PLAN: optionalText,
  LLM_MODEL_SPECS: optionalText,
  /** JSON: {"model": {"inputPerMillion": 0.4, "outputPerMillion": 1.6}} (US dollars). */
  LLM_PRICES: optionalText,
  LLM_TEMPERATURE: optionalNumber,
  /** The most one call's answer may take (unset: what the run has left of its reservation). */
  LLM_MAX_TOKENS: optionalNumber,
  /** `max_tokens` (vLLM, Ollama, llama.cpp) or `max_completion_tokens` (OpenAI's newer models). */
  LLM_MAX_TOKENS_PARAM: z.enum(["max_tokens", "max_completion_tokens"]).default("max_tokens"),
  LLM_TIMEOUT_MS: optionalNumber,
  LLM_RETRIES: optionalNumber,
  LLM_BREAKER_ERROR_PERCENT: optionalNumber,
  LLM_BREAKER_MIN_CALLS: optionalNumber,
  LLM_BREAKER_RESET_MS: optionalNumber,
  /** Run step jobs inside the API process (always true without Redis; set false when workers scale out). */
  WORKER_IN_API: booleanFlag(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** A job whose worker died is handed to another worker after this long without a lock renewal. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  MONTHLY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(2_000_000),
  /**
   * Tokens a run reserves from the monthly budget when it is queued, and the most it may spend: it
   * stops before a model call once they are used up. Sized for a step's ask plus its one repair.
   */
  RUN_TOKEN_RESERVATION: z.coerce.number().int().min(1).default(150_000),
  EVENT_STREAM_MAX_LENGTH: z.coerce.number().int().min(100).default(1000),
  /** Prefix of the queue and stream keys in Redis, so deployments (or test runs) can share one server. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, "letters, digits and : _ . - only")
    .default("jeex"),
};

type WorkflowEnv = z.output<z.ZodObject<typeof workflowEnvShape>>;

function parsePrices(raw: string | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return "LLM_PRICES is not valid JSON";
  }
}

/** The model backend as the provider schema wants it, or the issues that stop start-up. */
export function llmConfigFrom(env: WorkflowEnv): {
  config?: LlmProviderConfig;
  issues: { path: string[]; message: string }[];
} {
  if (env.LLM_PROVIDER === "template") return { config: { provider: "template" }, issues: [] };
  const stepModels = Object.fromEntries(
    stepSchema.options
      .map((step) => [step, env[`LLM_MODEL_${step.toUpperCase()}` as keyof WorkflowEnv]] as const)
      .filter(([, model]) => model),
  );
  const parsed = llmProviderConfigSchema.safeParse({
    provider: "openai-compatible",
    baseUrl: env.LLM_BASE_URL,
    apiKey: env.LLM_API_KEY,
    defaultModel: env.LLM_MODEL,
    stepModels,
    prices: parsePrices(env.LLM_PRICES),
    temperature: env.LLM_TEMPERATURE,
    maxTokens: env.LLM_MAX_TOKENS,
    maxTokensParam: env.LLM_MAX_TOKENS_PARAM,
    timeoutMs: env.LLM_TIMEOUT_MS,
    retries: env.LLM_RETRIES,
    breaker: {
      errorThresholdPercentage: env.LLM_BREAKER_ERROR_PERCENT,
      volumeThreshold: env.LLM_BREAKER_MIN_CALLS,
      resetTimeoutMs: env.LLM_BREAKER_RESET_MS,
    },
  });
  if (parsed.success) return { config: parsed.data, issues: [] };
  const envName: Record<string, string> = {
    baseUrl: "LLM_BASE_URL",
    defaultModel: "LLM_MODEL",
    prices: "LLM_PRICES",
    maxTokens: "LLM_MAX_TOKENS",
  };
  return {
    issues: parsed.error.issues.map((issue) => ({
      path: [envName[String(issue.path[0])] ?? `LLM (${issue.path.join(".")})`],
      message: issue.message,
    })),
  };
}

export function workflowConfigFrom(env: WorkflowEnv, redisUrl: string | undefined) {
  const llm = llmConfigFrom(env).config;
  if (!llm) throw new Error("workflow config read before its issues were reported");
  return {
    llm,
    // Without Redis there is no shared queue: the API process is the only worker.
    workerInApi: env.WORKER_IN_API || !redisUrl,
    workerConcurrency: env.WORKER_CONCURRENCY,
    workerLockMs: env.WORKER_LOCK_MS,
    monthlyTokenBudget: env.MONTHLY_TOKEN_BUDGET,
    runTokenReservation: env.RUN_TOKEN_RESERVATION,
    eventStreamMaxLength: env.EVENT_STREAM_MAX_LENGTH,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
  };
}
