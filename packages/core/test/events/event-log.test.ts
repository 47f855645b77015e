import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { compareEventIds } from "../../src/events/event-ids.ts";
import { type EventLogHarness, memoryHarness, newKey, redisHarness } from "./support/adapters.ts";

const harnesses: EventLogHarness[] = [memoryHarness(), redisHarness()];
const waitLong = { timeout: 15_000, interval: 20 };

afterAll(async () => {
  await Promise.all(harnesses.map((harness) => harness.dispose()));
});

describe.each(harnesses)("$name event log", (harness) => {
  afterEach(() => harness.cleanup());

  async function appendRange(log: ReturnType<typeof harness.create>, key = newKey(), from = 1, to = 10) {
    const ids: string[] = [];
    for (let n = from; n <= to; n++) ids.push(await log.append(key, { n }));
    return { key, ids };
  }

  describe("append and readAfter", () => {
    it("returns increasing ids and reads events back oldest first", async () => {
      const log = harness.create();
      const { key, ids } = await appendRange(log);
      for (let i = 1; i < ids.length; i++) expect(compareEventIds(ids[i] ?? "", ids[i - 1] ?? "")).toBe(1);
      const events = await log.readAfter(key, undefined);
      expect(events.map((e) => e.event.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(events.map((e) => e.id)).toEqual(ids);
    });

    it("reads strictly after the given id, up to the limit", async () => {
      const log = harness.create();
      const { key, ids } = await appendRange(log);
      const after3 = await log.readAfter(key, ids[2], 4);
      expect(after3.map((e) => e.event.n)).toEqual([4, 5, 6, 7]);
      expect(await log.readAfter(key, ids[9])).toEqual([]);
    });

    it("keeps tenants and projects apart", async () => {
      const log = harness.create();
      const { key } = await appendRange(log);
      expect(await log.readAfter({ ...key, tenantId: newKey().tenantId }, undefined)).toEqual([]);
      expect(await log.readAfter({ ...key, projectId: newKey().projectId }, undefined)).toEqual([]);
    });

    it("retains about maxLength events, always the newest", async () => {
      const log = harness.create({ maxLength: 200 });
      const { key } = await appendRange(log, newKey(), 1, 1000);
      const kept = (await log.readAfter(key, undefined, 10_000)).map((e) => e.event.n);
      expect(kept.length).toBeGreaterThanOrEqual(200);
      expect(kept.length).toBeLessThanOrEqual(200 + harness.trimSlack);
      expect(kept.at(-1)).toBe(1000);
      expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 1001 - kept.length + i));
    });

    it("rejects an afterId that is not an event id as invalid input", async () => {
      const log = harness.create();
      await expect(log.readAfter(newKey(), "not-an-id")).rejects.toBeInstanceOf(InvalidInputError);
    });
  });

  describe("subscribe", () => {
    it("delivers only events appended after the call, until unsubscribed", async () => {
      const log = harness.create();
      const key = newKey();
      await log.append(key, { n: 1 });
      // Ids carry milliseconds: step past the one event 1 was written in, the boundary `subscribe` documents.
      await sleep(5);
      const seen: number[] = [];
      const unsubscribe = log.subscribe(key, (e) => seen.push(e.event.n));
      await log.append(key, { n: 2 });
      await log.append(key, { n: 3 });
      await vi.waitFor(() => expect(seen).toEqual([2, 3]), waitLong);
      unsubscribe();
      const other: number[] = [];
      const keepListening = log.subscribe(key, (e) => other.push(e.event.n));
      await log.append(key, { n: 4 });
      await vi.waitFor(() => expect(other).toEqual([4]), waitLong);
      keepListening();
      expect(seen).toEqual([2, 3]);
    });

    it("fans one event out to 500 subscribers of the same project", async () => {
      const log = harness.create();
      const key = newKey();
      const counts = new Array<number>(500).fill(0);
      const unsubscribes = counts.map((_, i) => log.subscribe(key, () => (counts[i] = (counts[i] ?? 0) + 1)));
      await log.append(key, { n: 1 });
      await vi.waitFor(() => expect(counts.every((count) => count === 1)).toBe(true), waitLong);
      for (const unsubscribe of unsubscribes) unsubscribe();
    });

    it("keeps delivering to other listeners when one throws", async () => {
      const log = harness.create();
      const key = newKey();
      const seen: number[] = [];
      const a = log.subscribe(key, () => {
        throw new Error("listener bug");
      });
      const b = log.subscribe(key, (e) => seen.push(e.event.n));
      await log.append(key, { n: 1 });
      await log.append(key, { n: 2 });
      await vi.waitFor(() => expect(seen).toEqual([1, 2]), waitLong);
      a();
      b();
    });
  });
});
