import { afterEach, describe, expect, inject, it } from "vitest";
import "./support/provided-context.ts";
import { type FlakyProxy, type FlakyProxyOptions, startFlakyProxy } from "./support/flaky-proxy.ts";
import { cliUser } from "./support/run-cli.ts";

interface PlanOutput {
  steps: { step: string; status: string }[];
}

const IDEA = "An app that matches dog owners with trusted walkers nearby";
const allSucceeded = ["about:succeeded", "architecture:succeeded", "plan:succeeded", "specs:succeeded"];

// Cut the progress stream just as the architecture step reports progress: the CLI misses that event
// and everything after it until it reconnects, and the step finishes on the server meanwhile.
const architectureProgress = (chunk: string) =>
  /"type":"execution\.progress"[^\n]*"step":"architecture"/.test(chunk);
const isEventStream = (head: string) => head.includes("/trpc/workflow.events");

describe("jeex plan over a connection that drops mid-step", () => {
  const api = inject("api");
  let proxy: FlakyProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
  });

  async function planThrough(options: FlakyProxyOptions) {
    proxy = await startFlakyProxy(api.url, options);
    const user = cliUser({ JEEX_URL: proxy.url, JEEX_API_KEY: api.credentials.apiKey });
    const project = await user.json<{ id: string }>("projects", "create", "--name", "Flaky network");
    expect(project.code, project.stderr).toBe(0);
    const plan = await user.json<PlanOutput>("plan", "--project", project.body.id, "--idea", IDEA);
    expect(plan.code, plan.stderr).toBe(0);
    return { plan: plan.body, proxy, streams: proxy.requests.filter(isEventStream) };
  }

  it("the stream reconnects with Last-Event-ID and every step still completes", async () => {
    const { plan, proxy, streams } = await planThrough({ cutWhen: architectureProgress });
    expect(plan.steps.map((s) => `${s.step}:${s.status}`)).toEqual(allSucceeded);
    expect(proxy.cuts).toBe(1);
    expect(streams.length).toBeGreaterThanOrEqual(2);
    // The reconnect named the last event it saw, so the server replayed only what came after it.
    expect(streams.slice(1).some((head) => /^last-event-id: \d+-\d+$/im.test(head))).toBe(true);
  });

  it("when the reconnect itself is refused, the CLI subscribes again from the last id it saw", async () => {
    const { plan, proxy, streams } = await planThrough({
      cutWhen: architectureProgress,
      // A 502 makes the EventSource give up for good, so only the CLI's own re-subscribe can recover.
      refuseAfterCut: { matching: isEventStream, times: 1 },
    });
    expect(plan.steps.map((s) => `${s.step}:${s.status}`)).toEqual(allSucceeded);
    expect(proxy.refusals).toBe(1);
    const resubscribed = streams.slice(1).some((head) => /lastEventId%22%3A%22\d+-\d+%22/.test(head));
    expect(resubscribed, streams.join("\n---\n")).toBe(true);
  });
});
