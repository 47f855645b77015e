import { describe, expect, it } from "vitest";
import { meterAttempt, TokenReservationSpentError } from "../../src/workflow/attempt-meter.ts";

const call = (tokensIn: number, tokensOut: number) => ({
  provider: "openai-compatible",
  model: "small-model",
  usage: { tokensIn, tokensOut },
  costUsd: 0,
});

describe("the attempt meter", () => {
  it("tells what the run has left of its reservation, shrinking with every call", () => {
    const meter = meterAttempt({ attempts: 1, tokensReserved: 150_000, tokensIn: 0, tokensOut: 0 });
    expect(meter.allowance()).toBe(150_000);
    meter.onModelCall(call(20_000, 5_000));
    expect(meter.allowance()).toBe(125_000);
    meter.onModelCall(call(30_000, 10_000));
    expect(meter.allowance()).toBe(85_000);
    expect(meter.signal.aborted).toBe(false);
  });

  it("counts what earlier attempts of the run already spent", () => {
    const meter = meterAttempt({
      attempts: 2,
      tokensReserved: 150_000,
      tokensIn: 100_000,
      tokensOut: 20_000,
    });
    expect(meter.allowance()).toBe(30_000);
    meter.onModelCall(call(25_000, 5_000));
    expect(meter.allowance()).toBe(0);
    expect(meter.reservationSpent()).toBe(true);
    expect(meter.signal.reason).toBeInstanceOf(TokenReservationSpentError);
    expect(meter.spend()).toMatchObject({ attempt: 2, tokensIn: 25_000, tokensOut: 5_000 });
  });

  it("sets no allowance for a run queued without a reservation", () => {
    const meter = meterAttempt({ attempts: 1, tokensReserved: 0, tokensIn: 0, tokensOut: 0 });
    meter.onModelCall(call(500_000, 100_000));
    expect(meter.allowance()).toBeUndefined();
    expect(meter.signal.aborted).toBe(false);
  });
});
