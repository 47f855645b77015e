import type { Database } from "@jeex/db/client";
import { createUsageRepository } from "@jeex/db/repositories/usage";
import { databaseTargets } from "@jeex/db/testing/databases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuotaExceededError } from "../../src/errors.ts";
import type { JobQueue, StepJob } from "../../src/queue/port.ts";
import { idea, memberWithProject, runStepAs, workflowParts } from "./support/workflow-world.ts";

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

  it("of five runs queued at once against a budget that fits one, exactly one is accepted", async () => {
    const member = await memberWithProject(db);
    const { lifecycle } = workflowParts(db);
    const queue = parkingQueue();
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
    const budget = { queue, lifecycle, monthlyTokenBudget: heldBudget, runTokenReservation: 100_000 };

    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        runStepAs(db, member, { projectId: member.projectId, step: "about", input: idea }, budget),
      ),
    );

    const accepted = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(accepted).toHaveLength(1);
    expect(refused.map((o) => (o as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 4 }, () => expect.any(QuotaExceededError)),
    );
    expect(queue.parked).toHaveLength(1);
    const reserved = await db.withTenant(member, (tx) => createUsageRepository(tx).reservedTokens());
    expect(reserved).toBe(100_000);
  });

  it("a run's end releases its reservation, and what it spent counts instead", async () => {
    const member = await memberWithProject(db);
    const { lifecycle } = workflowParts(db);
    const options = {
      queue: parkingQueue(),
      lifecycle,
      monthlyTokenBudget: 150_000,
      runTokenReservation: 100_000,
    };
    const run = () =>
      runStepAs(db, member, { projectId: member.projectId, step: "about", input: idea }, options);

    const first = await run();
    await expect(run()).rejects.toBeInstanceOf(QuotaExceededError);
    await lifecycle.fail(
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

  it("one tenant's reservations never count against another tenant's budget", async () => {
    const full = await memberWithProject(db);
    const other = await memberWithProject(db);
    const { lifecycle } = workflowParts(db);
    const options = {
      queue: parkingQueue(),
      lifecycle,
      monthlyTokenBudget: 100_000,
      runTokenReservation: 100_000,
    };

    await runStepAs(db, full, { projectId: full.projectId, step: "about", input: idea }, options);
    await expect(
      runStepAs(db, full, { projectId: full.projectId, step: "about", input: idea }, options),
    ).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(
      runStepAs(db, other, { projectId: other.projectId, step: "about", input: idea }, options),
    ).resolves.toMatchObject({ deduplicated: false });
    const reservedByOther = await db.withTenant(other, (tx) => createUsageRepository(tx).reservedTokens());
    expect(reservedByOther).toBe(100_000);
  });
});
