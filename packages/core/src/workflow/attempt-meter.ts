import type { ModelCallSpend } from "../llm/port.ts";
import type { AttemptSpend } from "./lifecycle.ts";

/** The run's reservation is used up: it stops before its next model call instead of overspending. */
export class TokenReservationSpentError extends Error {
  override name = "TokenReservationSpentError";
}

/**
 * Counts what one attempt's model calls spend (every call, answered, repaired or not), tells the
 * provider before each call what the run has left of its token reservation (earlier attempts'
 * spend included), and aborts its signal once the reservation is used up. A reservation of 0
 * (runs queued before reservations existed) sets no allowance.
 */
export function meterAttempt(execution: {
  attempts: number;
  tokensReserved: number;
  /** Spent by earlier attempts of the run. */
  tokensIn: number;
  tokensOut: number;
}) {
  const spentBefore = execution.tokensIn + execution.tokensOut;
  const controller = new AbortController();
  const spend: AttemptSpend = {
    attempt: execution.attempts,
    provider: "",
    model: "",
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
  };
  return {
    /** Aborts with a TokenReservationSpentError when the allowance is reached. */
    signal: controller.signal,
    reservationSpent: () => controller.signal.reason instanceof TokenReservationSpentError,
    spend: (): AttemptSpend => ({ ...spend }),
    /** Tokens the run may still spend, prompt and answer together; undefined without a reservation. */
    allowance: (): number | undefined =>
      execution.tokensReserved > 0
        ? Math.max(0, execution.tokensReserved - spentBefore - spend.tokensIn - spend.tokensOut)
        : undefined,
    onModelCall(call: ModelCallSpend) {
      spend.provider = call.provider;
      spend.model = call.model;
      spend.tokensIn += call.usage.tokensIn;
      spend.tokensOut += call.usage.tokensOut;
      spend.costUsd += call.costUsd;
      const used = spentBefore + spend.tokensIn + spend.tokensOut;
      if (execution.tokensReserved > 0 && used >= execution.tokensReserved && !controller.signal.aborted) {
        controller.abort(
          new TokenReservationSpentError(
            `the run spent ${used} tokens, its whole reservation of ${execution.tokensReserved}; it stopped before the next model call`,
          ),
        );
      }
    },
  };
}
