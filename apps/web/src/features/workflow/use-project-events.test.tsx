import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { act, renderHook, waitFor } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { createFakeTrpc, type FakeCall } from "./test/fake-trpc.tsx";
import { useProjectEvents } from "./use-project-events.ts";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const event = (n: number): ProgressEvent => ({
  type: "execution.progress",
  executionId: "0190aaaa-0000-7000-8000-0000000000e1",
  projectId,
  step: "about",
  at: "2026-12-01T10:00:00.000Z",
  percent: n,
  message: `tick ${n}`,
});

const started = (call: FakeCall | undefined) =>
  act(() => call?.observer.next({ result: { type: "started" } }));
// What httpSubscriptionLink hands on for a `tracked` event: the id, and the envelope as data.
const send = (call: FakeCall | undefined, id: string, n: number) =>
  act(() => call?.observer.next({ result: { type: "data", id, data: { id, data: event(n) } } }));
const dropConnection = (call: FakeCall | undefined) =>
  act(() => call?.observer.error(TRPCClientError.from(new Error("network error"))));

function setup() {
  const fake = createFakeTrpc();
  const received: string[] = [];
  let reconnects = 0;
  const hook = renderHook(
    () =>
      useProjectEvents(projectId, {
        onEvent: (_event, id) => received.push(id),
        onReconnected: () => {
          reconnects += 1;
        },
      }),
    { wrapper: fake.Wrapper },
  );
  return { ...fake, received, hook, reconnects: () => reconnects };
}

describe("the project's event stream", () => {
  it("says connecting, then live once the server confirms the stream", async () => {
    const { subscriptions, hook } = setup();
    await waitFor(() => expect(subscriptions).toHaveLength(1));
    expect(hook.result.current.connection).toBe("connecting");
    expect(subscriptions[0]?.op.input).toEqual({ projectId });
    await started(subscriptions[0]);
    expect(hook.result.current.connection).toBe("live");
  });

  it("after a dropped connection resubscribes from the last event id and hands each event on once, in order", async () => {
    const { subscriptions, received, hook, reconnects } = setup();
    await waitFor(() => expect(subscriptions).toHaveLength(1));
    await started(subscriptions[0]);
    await send(subscriptions[0], "1700000000000-0", 1);
    await send(subscriptions[0], "1700000000000-1", 2);
    await dropConnection(subscriptions[0]);
    expect(hook.result.current.connection).toBe("reconnecting");

    await waitFor(() => expect(subscriptions).toHaveLength(2), { timeout: 3_000 });
    expect(subscriptions[1]?.op.input).toEqual({ projectId, lastEventId: "1700000000000-1" });
    await started(subscriptions[1]);
    expect(reconnects()).toBe(1);
    // A replay that overlaps what arrived before is dropped, not shown twice.
    await send(subscriptions[1], "1700000000000-1", 2);
    await send(subscriptions[1], "1700000000001-0", 3);
    expect(received).toEqual(["1700000000000-0", "1700000000000-1", "1700000000001-0"]);
    expect(hook.result.current.lastEventId).toBe("1700000000001-0");
    expect(hook.result.current.connection).toBe("live");
  });

  it("a second drop with nothing new in between resumes from the same id again", async () => {
    const { subscriptions } = setup();
    await waitFor(() => expect(subscriptions).toHaveLength(1));
    await started(subscriptions[0]);
    await send(subscriptions[0], "5-0", 1);
    await dropConnection(subscriptions[0]);
    await waitFor(() => expect(subscriptions).toHaveLength(2), { timeout: 3_000 });
    await dropConnection(subscriptions[1]);
    await waitFor(() => expect(subscriptions).toHaveLength(3), { timeout: 3_000 });
    expect(subscriptions[2]?.op.input).toEqual({ projectId, lastEventId: "5-0" });
  });

  it("a stream the server ended cleanly (a drain) is resumed from the last id as well", async () => {
    const { subscriptions, hook } = setup();
    await waitFor(() => expect(subscriptions).toHaveLength(1));
    await started(subscriptions[0]);
    await send(subscriptions[0], "7-3", 1);
    await act(() => {
      subscriptions[0]?.observer.next({ result: { type: "stopped" } });
      subscriptions[0]?.observer.next({ result: { type: "state", state: "idle", error: null } });
      subscriptions[0]?.observer.complete();
    });
    expect(hook.result.current.connection).toBe("reconnecting");
    await waitFor(() => expect(subscriptions).toHaveLength(2), { timeout: 3_000 });
    expect(subscriptions[1]?.op.input).toEqual({ projectId, lastEventId: "7-3" });
  });

  it("a refusal (no access, no project) closes the stream instead of retrying", async () => {
    const { subscriptions, hook } = setup();
    await waitFor(() => expect(subscriptions).toHaveLength(1));
    const forbidden = TRPCClientError.from({
      error: {
        message: "you are no longer a member",
        code: -32003,
        data: { code: "FORBIDDEN", httpStatus: 403 },
      },
    });
    await act(() => subscriptions[0]?.observer.error(forbidden));
    expect(hook.result.current.connection).toBe("closed");
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(subscriptions).toHaveLength(1);
  });
});
