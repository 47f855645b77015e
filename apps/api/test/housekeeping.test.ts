import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createHousekeeping, type ExpiredRows } from "../src/runtime/housekeeping.ts";

function capturingLogger() {
  const lines: { level: number; msg: string; deleted?: number }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: "info" }, destination), lines };
}

const INFO = 30;
const WARN = 40;

const kind = (what: string, deleteExpired: ExpiredRows["deleteExpired"]): ExpiredRows => ({
  what,
  deleteExpired,
});

describe("the housekeeping sweep", () => {
  it("reports what each kind deleted, and logs only the kinds that deleted something", async () => {
    const { log, lines } = capturingLogger();
    const seen: Date[] = [];
    const housekeeping = createHousekeeping(log, 60_000, [
      kind("expired sessions", async (now) => {
        seen.push(now);
        return 3;
      }),
      kind("expired invitations", async () => 0),
    ]);
    const now = new Date("2026-01-02T03:04:05Z");
    expect(await housekeeping.sweep(now)).toEqual({ "expired sessions": 3, "expired invitations": 0 });
    expect(seen).toEqual([now]);
    expect(lines).toEqual([
      expect.objectContaining({ level: INFO, msg: "expired sessions deleted", deleted: 3 }),
    ]);
  });

  it("a kind that fails is warned about and the others are still swept", async () => {
    const { log, lines } = capturingLogger();
    const housekeeping = createHousekeeping(log, 60_000, [
      kind("expired exports", async () => {
        throw new Error("database gone");
      }),
      kind("expired sessions", async () => 2),
    ]);
    expect(await housekeeping.sweep()).toEqual({ "expired sessions": 2 });
    expect(lines).toEqual([
      expect.objectContaining({ level: WARN, msg: "sweeping expired exports failed" }),
      expect.objectContaining({ level: INFO, msg: "expired sessions deleted", deleted: 2 }),
    ]);
  });

  it("sweeps once at start and then on its interval, and stop waits for a pass under way", async () => {
    const { log } = capturingLogger();
    let passes = 0;
    let finishPass: () => void = () => {};
    const housekeeping = createHousekeeping(log, 20, [
      kind("expired sessions", async () => {
        passes++;
        await new Promise<void>((resolve) => {
          finishPass = resolve;
        });
        return 0;
      }),
    ]);
    housekeeping.start();
    expect(passes).toBe(1);
    // A slow pass is not doubled by the next tick.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(passes).toBe(1);
    let stopped = false;
    const stopping = housekeeping.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    finishPass();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(passes).toBe(1);
  });

  it("a second pass follows on the interval once the first is done", async () => {
    const { log } = capturingLogger();
    let passes = 0;
    const housekeeping = createHousekeeping(log, 20, [
      kind("expired sessions", async () => {
        passes++;
        return 0;
      }),
    ]);
    housekeeping.start();
    await new Promise((resolve) => setTimeout(resolve, 70));
    await housekeeping.stop();
    expect(passes).toBeGreaterThanOrEqual(2);
  });
});
