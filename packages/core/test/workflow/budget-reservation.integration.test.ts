import { randomUUID } from "node:crypto";
import type { Database } from "@jeex/db/client";
import { createUsageRepository } from "@jeex/db/repositories";
import { databaseTargets } from "@jeex/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuotaExceededError } from "../../src/errors.ts";
import type { JobQueue, StepJob } from "../../src/queue/port.ts";
import {
  idea,
  type Member,
  memberWithProject,
  type RunStepOptions,
  runStepAs,
  workflowParts,
} from "./support/workflow-world.ts";

/** Holds jobs without running them, so every accepted run keeps its reservation. */
const parkingQueue = (): JobQueue<StepJob> & { parked: StepJob[] } => {
  const parked: StepJob[] = [];
  return { parked, enqueue: async (job) => void parked.push(job), close: async () => {} };
};

describe.each(databaseTargets())("token budget reservations ($name)", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db.close());

  /** `member` asks for an about run of its own project. */
  const runAbout = (member: Member & { projectId: string }, options: RunStepOptions) =>
    runStepAs(db, member, { projectId: member.projectId, step: "about", input: idea }, options);

  /** A monthly budget and a per-run reservation, on a queue that keeps every reservation held. */
  const budgetOf = (
    monthlyTokenBudget: NonNullable<RunStepOptions["monthlyTokenBudget"]>,
    runTokenReservation: number,
  ) => ({
    queue: parkingQueue(),
    lifecycle: workflowParts(db).lifecycle,
    monthlyTokenBudget,
    runTokenReservation,
  });

  it("of five runs queued at once against a budget that fits one, exactly one is accepted", async () => {
    const member = await memberWithProject(db);
    // Each run reads the budget inside its transaction, after the lock and before it reads what
    // is reserved. Hold every run there until all five have arrived (or, when the lock lets them
    // in one at a time, a moment has passed): without the lock all five read "nothing reserved"
    // at once and all would be accepted. Unheld, the five transactions happened to run one after
    // another and the test passed without the lock too.
    let arrived = 0;
    let allArrived: () => void = () => {};
    const together = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    const heldBudget = async () => {
      if (++arrived === 5) allArrived();
      await Promise.race([together, new Promise((resolve) => setTimeout(resolve, 300))]);
      return 150_000;
    };
    const budget = budgetOf(heldBudget, 100_000);

    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => runAbout(member, budget)));

    const accepted = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(accepted).toHaveLength(1);
    expect(refused.map((o) => (o as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 4 }, () => expect.any(QuotaExceededError)),
    );
    expect(budget.queue.parked).toHaveLength(1);
    const reserved = await db.withTenant(member, (tx) => createUsageRepository(tx).reservedTokens());
    expect(reserved).toBe(100_000);
  });

  it("a run's end releases its reservation, and what it spent counts instead", async () => {
    const member = await memberWithProject(db);
    const options = budgetOf(150_000, 100_000);
    const run = () => runAbout(member, options);

    const first = await run();
    await expect(run()).rejects.toBeInstanceOf(QuotaExceededError);
    await options.lifecycle.fail(
      member,
      first.executionId,
      { code: "LLM_OUTPUT_INVALID", message: "invalid twice" },
      {
        attempt: 1,
        provider: "openai-compatible",
        model: "m",
        tokensIn: 30_000,
        tokensOut: 10_000,
        costUsd: 0,
      },
    );

    // 40 k spent, nothing reserved: another 100 k fits in 150 k.
    await expect(run()).resolves.toMatchObject({ deduplicated: false });
    // 40 k spent + 100 k reserved: a third does not.
    await expect(run()).rejects.toBeInstanceOf(QuotaExceededError);
  });

  it("a create retried while its first attempt holds the budget is answered with that run, not refused", async () => {
    // The client retries a create whose answer it lost, with the same key. When the retry's checks
    // run before the first attempt commits, it finds no run with the key; it then waits for the
    // budget lock, and once the first attempt commits, its reservation fills the budget.
    const member = await memberWithProject(db);
    let firstHoldsTheLock: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      firstHoldsTheLock = resolve;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    // Read after the budget lock: the first attempt waits here, holding it, until released.
    const heldOnce = async () => {
      if (++reads === 1) {
        firstHoldsTheLock();
        await released;
      }
      return 100_000;
    };
    const budget = budgetOf(heldOnce, 100_000);
    const input = {
      projectId: member.projectId,
      step: "about" as const,
      input: idea,
      idempotencyKey: randomUUID(),
    };

    const first = runStepAs(db, member, input, budget);
    await held;
    const retried = runStepAs(db, member, input, budget);
    // Long enough for the retry's checks to run and reach the lock (on PGlite it waits for the
    // whole first transaction instead, and finds its run at once).
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();

    const [original, again] = await Promise.all([first, retried]);
    expect(original).toMatchObject({ deduplicated: false });
    expect(again).toEqual({ ...original, deduplicated: true });
    expect(budget.queue.parked).toHaveLength(1);
  });

  it("one tenant's reservations never count against another tenant's budget", async () => {
    const full = await memberWithProject(db);
    const other = await memberWithProject(db);
    const options = budgetOf(100_000, 100_000);

    await runAbout(full, options);
    await expect(runAbout(full, options)).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(runAbout(other, options)).resolves.toMatchObject({ deduplicated: false });
    const reservedByOther = await db.withTenant(other, (tx) => createUsageRepository(tx).reservedTokens());
    expect(reservedByOther).toBe(100_000);
  });
});
