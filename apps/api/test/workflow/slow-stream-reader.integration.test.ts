import { get, type IncomingMessage } from "node:http";
import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { afterAll, describe, expect, it, vi } from "vitest";
import { oneDatabaseTarget } from "../security/support/database.ts";
import { newAboutExecution } from "../support/progress.ts";
import { useTestServer } from "../support/server.ts";

const waitLong = { timeout: 30_000, interval: 25 };
const EVENTS = 4000;

/** A 2 KB event: 4,000 of them are ~9 MB, far past what the kernel and the 512 KiB allowance hold. */
function failedEvent(projectId: string, n: number): ProgressEvent {
  return {
    type: "execution.failed",
    ...newAboutExecution(projectId),
    error: { code: "MODEL_ERROR", message: `${n} `.padEnd(2000, "x") },
  };
}

/** A raw SSE reader that can stop reading its socket, as a stalled or hostile client does. */
function rawStream(url: string, apiKey: string, projectId: string) {
  const input = encodeURIComponent(JSON.stringify({ projectId }));
  const ids: string[] = [];
  let unparsed = "";
  let ended = false;
  let response: IncomingMessage | undefined;
  const request = get(`${url}/trpc/workflow.events?input=${input}`, {
    headers: { authorization: `Bearer ${apiKey}`, accept: "text/event-stream" },
  });
  request.on("response", (res) => {
    response = res;
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      unparsed += chunk;
      const cut = unparsed.lastIndexOf("\n");
      for (const match of unparsed.slice(0, cut + 1).matchAll(/^id: (\S+)$/gm)) ids.push(match[1] ?? "");
      unparsed = unparsed.slice(cut + 1);
    });
    res.on("end", () => {
      ended = true;
    });
  });
  return {
    ids: () => ids,
    get ended() {
      return ended;
    },
    pause: () => response?.pause(),
    resume: () => response?.resume(),
    close: () => request.destroy(),
  };
}

describe("a progress stream whose reader stops reading", () => {
  const suite = useTestServer(oneDatabaseTarget(), { EVENT_STREAM_MAX_LENGTH: String(EVENTS * 2) });
  const opened: ReturnType<typeof rawStream>[] = [];
  afterAll(() => {
    for (const stream of opened) stream.close();
  });

  it("is ended by the server once 512 KiB wait for it, and resumes from its last id with nothing lost", async () => {
    const member = await suite.member();
    const { id: projectId } = await suite.client(member).projects.create.mutate({ name: "Stalled reader" });
    const key = { tenantId: member.tenantId, projectId };
    const log = suite.server.server.workflow.events;
    const stalled = rawStream(suite.url, member.apiKey, projectId);
    const reading = rawStream(suite.url, member.apiKey, projectId);
    opened.push(stalled, reading);
    // Both live: an event appended now reaches both.
    await vi.waitFor(async () => {
      await log.append(key, failedEvent(projectId, 0));
      expect(stalled.ids().length).toBeGreaterThan(0);
      expect(reading.ids().length).toBeGreaterThan(0);
    }, waitLong);
    const before = stalled.ids().length;
    stalled.pause();
    // Events come as work runs: the loop lets the sockets drain between them (client and server
    // share this process), so the reader that reads keeps up and only the stalled one falls behind.
    for (let n = 1; n <= EVENTS; n++) {
      await log.append(key, failedEvent(projectId, n));
      await new Promise((resolve) => setImmediate(resolve));
    }

    // The reader that reads gets everything and stays open; the stalled one was let go.
    const all = (await log.readAfter(key, undefined, EVENTS * 2)).map((event) => event.id);
    await vi.waitFor(() => expect(reading.ids().length).toBe(all.length), waitLong);
    expect(reading.ids()).toEqual(all);
    expect(reading.ended).toBe(false);
    stalled.resume();
    await vi.waitFor(() => expect(stalled.ended).toBe(true), waitLong);
    const got = stalled.ids();
    console.info(
      `slow reader: ${got.length - before} of ${EVENTS} events reached it before the server let it go`,
    );
    expect(got.length - before).toBeLessThan(EVENTS);
    expect(new Set(got).size).toBe(got.length);

    // Its client resumes from the last id it got and misses nothing.
    const lastId = got.at(-1) ?? "";
    const resumed: string[] = [];
    const subscription = suite
      .client(member)
      .workflow.events.subscribe(
        { projectId, lastEventId: lastId },
        { onData: (event) => resumed.push(event.id) },
      );
    try {
      const expected = all.slice(all.indexOf(lastId) + 1);
      await vi.waitFor(() => expect(resumed.length).toBe(expected.length), waitLong);
      expect(resumed).toEqual(expected);
    } finally {
      subscription.unsubscribe();
    }
  }, 120_000);
});
