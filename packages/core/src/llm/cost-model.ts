import type { Step } from "@jeex/contracts/steps";
import type { PriceTable } from "./pricing.ts";
import type { LlmProviderConfig } from "./provider-config.ts";

/** What an estimate needs to know of the configured model backend, without calling it. */
export interface CostModel {
  provider: LlmProviderConfig["provider"];
  /** The model a step's run would use (the template provider's own name for it). */
  modelFor(step: Step): string;
  prices?: PriceTable | undefined;
}

/** The template provider's model name, as its runs record it. */
export const templateModel = "template-v1";

/** Whether runs on this backend spend tokens a tenant pays for (the template provider's do not). */
export const billsTokens = (costModel: CostModel | undefined): costModel is CostModel =>
  costModel !== undefined && costModel.provider !== "template";

export function costModelOf(config: LlmProviderConfig): CostModel {
  if (config.provider === "template") return { provider: "template", modelFor: () => templateModel };
  return {
    provider: config.provider,
    modelFor: (step) => config.stepModels?.[step] ?? config.defaultModel,
    prices: config.prices,
  };
}
