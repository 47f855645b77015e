import { afterAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "../../src/errors.ts";
import { withLogFields } from "../../src/log-context.ts";
import { closeTextWork, runTextWork, TextWorkTimeoutError } from "../../src/text-work/pool.ts";

afterAll(() => closeTextWork());

/** Largest gap between timer ticks while `work` runs: how long the event loop was blocked. */
async function worstEventLoopGap<T>(work: () => Promise<T>): Promise<{ result: T; gapMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { result, gapMs: Math.max(gapMs, performance.now() - last) };
  } finally {
    clearInterval(ticker);
  }
}

const lines = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix} line ${i} ${"x".repeat(i % 40)}`).join("\n");

describe("the text-work pool", () => {
  it("scores readability on a worker thread (the .ts entry runs under Node's type stripping)", async () => {
    const scores = await runTextWork("scoreReadability", "# Title\n\nThe cat sat on the mat. It was warm.");
    expect(scores.wordCount).toBeGreaterThan(5);
  });

  it("says two unrelated 6,000-line versions are too different to diff, without blocking the loop", async () => {
    const { result, gapMs } = await worstEventLoopGap(() =>
      runTextWork("diffVersions", {
        path: "docs/about.md",
        from: { version: 1, content: lines(6_000, "old") },
        to: { version: 2, content: lines(6_000, "new") },
      }),
    );
    // Which bound trips first depends on the machine; either way the answer is "too different".
    expect(result).toMatchObject({ tooLarge: true, fromVersion: 1, toVersion: 2 });
    expect(gapMs).toBeLessThan(500);
  });

  it("diffs a small edit with the same statistics as before", async () => {
    const from = "# A\n\none\ntwo\nthree\n";
    const to = "# A\n\none\n2\nthree\nfour\n";
    const diff = await runTextWork("diffVersions", {
      path: "a.md",
      from: { version: 1, content: from },
      to: { version: 2, content: to },
    });
    if (diff.tooLarge) throw new Error(diff.message);
    expect(diff.stats).toEqual({ additions: 2, deletions: 1, hunks: 1 });
    expect(diff.unified).toContain("--- a.md@v1");
    expect(diff.unified).toContain("+four");
  });

  it("a cancelled task rejects with the caller's reason", async () => {
    const controller = new AbortController();
    const running = runTextWork(
      "diffVersions",
      {
        path: "a.md",
        from: { version: 1, content: lines(20_000, "old") },
        to: { version: 2, content: lines(20_000, "new") },
        limits: { maxEditLines: 1_000_000, timeoutMs: 60_000 },
      },
      controller.signal,
    );
    setTimeout(() => controller.abort(new Error("stop")), 50);
    await expect(running).rejects.toThrow("stop");
  });

  it("a deadline counts the task's own run: a task queued behind busy threads is not killed for their time", async () => {
    // Two diffs that would run for long fill both threads and are ended at their 1.5 s deadline.
    const endless = {
      path: "a.md",
      from: { version: 1, content: lines(20_000, "old") },
      to: { version: 2, content: lines(20_000, "new") },
      limits: { maxEditLines: 1_000_000, timeoutMs: 600_000 },
    };
    const busy = Promise.allSettled([1, 2].map(() => runTextWork("diffVersions", endless, undefined, 1_500)));
    // Queued behind them for about 1.5 s, longer than its own 500 ms deadline, then quick.
    const queuedAt = performance.now();
    const small = await runTextWork(
      "diffVersions",
      { path: "b.md", from: { version: 1, content: "one\n" }, to: { version: 2, content: "two\n" } },
      undefined,
      500,
    );
    const waitedMs = performance.now() - queuedAt;
    expect(small).toMatchObject({ stats: { additions: 1, deletions: 1 } });
    for (const result of await busy) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(TextWorkTimeoutError);
    }
    // Not an assertion on speed: it shows the small task did wait past its own deadline.
    expect(waitedMs).toBeGreaterThan(500);
  }, 60_000);

  it("a tenant flooding the pool waits behind its own backlog: another tenant's task is served next, and the flood past its share is refused", async () => {
    const slow = {
      path: "a.md",
      from: { version: 1, content: lines(400, "old") },
      to: { version: 2, content: lines(400, "new") },
    };
    const small = {
      path: "b.md",
      from: { version: 1, content: "one\n" },
      to: { version: 2, content: "two\n" },
    };
    const finished: string[] = [];
    const tracked = (tenant: string, name: string, input: typeof slow) =>
      withLogFields({ tenant_id: tenant }, () => runTextWork("diffVersions", input)).then(
        () => finished.push(name),
        (error: unknown) => {
          finished.push(`${name}:${error instanceof RateLimitedError ? "refused" : String(error)}`);
        },
      );
    // 2 run, 32 wait (the tenant's share), 6 more are refused.
    const flood = Array.from({ length: 40 }, (_, i) => tracked("flooding-tenant", `flood-${i}`, slow));
    const other = tracked("another-tenant", "other", small);
    await Promise.all([...flood, other]);
    expect(finished.filter((name) => name.endsWith(":refused"))).toHaveLength(6);
    // Served right after the flood's first turn: among the first few to finish, not the last.
    const done = finished.filter((name) => !name.includes(":"));
    expect(done).toHaveLength(35);
    expect(done.indexOf("other")).toBeLessThan(5);
  }, 120_000);
});
