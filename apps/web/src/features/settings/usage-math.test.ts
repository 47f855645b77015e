import { expect, test } from "vitest";
import { budgetSegments, currentMonth, parseMonth, shiftMonth } from "./usage-math.ts";

test("months shift across year ends and only YYYY-MM is taken from the URL", () => {
  expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  expect(shiftMonth("2025-12", 1)).toBe("2026-01");
  expect(shiftMonth("2026-05", -13)).toBe("2025-04");
  expect(parseMonth("2026-02")).toBe("2026-02");
  expect(parseMonth("2026-13")).toBeUndefined();
  expect(parseMonth("x")).toBeUndefined();
  expect(parseMonth(null)).toBeUndefined();
  expect(currentMonth(new Date("2026-03-31T23:59:00Z"))).toBe("2026-03");
});

test("the budget bar splits into spent, reserved and remaining, capped at the budget", () => {
  expect(budgetSegments({ monthlyTokens: 1000, spent: 250, reserved: 100 })).toEqual({
    spent: 25,
    reserved: 10,
    remaining: 65,
    over: false,
  });
  expect(budgetSegments({ monthlyTokens: 1000, spent: 900, reserved: 300 })).toEqual({
    spent: 90,
    reserved: 10,
    remaining: 0,
    over: true,
  });
  expect(budgetSegments({ monthlyTokens: 0, spent: 0, reserved: 0 }).remaining).toBe(100);
});
