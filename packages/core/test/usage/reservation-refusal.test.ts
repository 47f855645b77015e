import { describe, expect, it } from "vitest";
import { reservationRefusal } from "../../src/usage/service.ts";

describe("reservationRefusal", () => {
  it("lets a run reserve what is left, capped at the budget", () => {
    expect(reservationRefusal({ monthlyTokens: 1000, spent: 0, reserved: 0, remaining: 1000 }, 150_000)).toBe(
      undefined,
    );
  });

  it("refuses once spent and reserved leave no room, naming both", () => {
    expect(
      reservationRefusal(
        { monthlyTokens: 300_000, spent: 100_000, reserved: 150_000, remaining: 50_000 },
        150_000,
      ),
    ).toBe(
      "this tenant spent 100000 and has 150000 reserved by running steps, of its 300000 tokens this month; a run reserves 150000",
    );
  });

  it("says plainly that a budget of 0 lets no step run", () => {
    expect(reservationRefusal({ monthlyTokens: 0, spent: 0, reserved: 0, remaining: 0 }, 150_000)).toBe(
      "this tenant's monthly token budget is 0: no step can run until it is raised",
    );
  });
});
