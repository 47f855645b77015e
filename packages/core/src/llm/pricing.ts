import type { TokenUsage } from "./port.ts";

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Keyed by the model name exactly as sent to the endpoint. */
export type PriceTable = Record<string, ModelPrice>;

/** 0 for a model without a price: cost is reported, never guessed. */
export function costUsd(prices: PriceTable | undefined, model: string, usage: TokenUsage): number {
  const price = prices?.[model];
  if (!price) return 0;
  return (usage.tokensIn * price.inputPerMillion + usage.tokensOut * price.outputPerMillion) / 1_000_000;
}
