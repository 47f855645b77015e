import { ForbiddenError } from "@jeex/core/errors";
import { tracked } from "@trpc/server";
import { getErrorShape, sseStreamProducer } from "@trpc/server/unstable-core-do-not-import";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "../src/context.ts";
import { toTRPCError } from "../src/errors.ts";
import { errorFrameOf, SSE_PING_FRAME, sseFrameOf } from "../src/routers/progress-frames.ts";
import { rootConfig } from "../src/trpc.ts";

const decoder = new TextDecoder();

/** The frames tRPC's own SSE producer writes for `data`, without its opening `connected` frame. */
async function producedByTrpc(
  data: AsyncIterable<unknown>,
  options: Partial<Parameters<typeof sseStreamProducer>[0]> = {},
): Promise<string[]> {
  const stream = sseStreamProducer({ ...options, data });
  let text = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
  const frames = text.split(/(?<=\n\n\n)/);
  expect(frames[0]).toMatch(/^event: connected\n/);
  return frames.slice(1);
}

describe("progress frames are, byte for byte, what tRPC writes", () => {
  it("for tracked(id, event)", async () => {
    const events = [
      {
        id: "1796277804056-0",
        event: { type: "execution.progress", percent: 40, message: 'a "quoted"\nline é ✓' },
      },
      {
        id: "1796277804056-1",
        event: { type: "execution.succeeded", documents: [{ path: "docs/about.md" }] },
      },
    ];
    async function* data() {
      for (const { id, event } of events) yield tracked(id, event);
    }
    const frames = await producedByTrpc(data());
    expect(frames.at(-1)).toMatch(/^event: return\n/);
    expect(events.map((logged) => decoder.decode(sseFrameOf(logged)))).toEqual(frames.slice(0, -1));
  });

  it("for a ping", async () => {
    async function* quiet() {
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const frames = await producedByTrpc(quiet(), { ping: { enabled: true, intervalMs: 20 } });
    expect(frames[0]).toBe(decoder.decode(SSE_PING_FRAME));
  });

  it("for an error after the stream opened, in the shape of every other error", async () => {
    const ctx = { requestId: "req-1" } as RequestContext;
    const input = { projectId: "p" };
    const error = new ForbiddenError("you are no longer a member of this tenant; the stream ended");
    // biome-ignore lint/correctness/useYield: it fails before its first event
    async function* failing() {
      throw toTRPCError(error);
    }
    const frames = await producedByTrpc(failing(), {
      formatError: ({ error: thrown }) =>
        getErrorShape({
          config: rootConfig,
          error: toTRPCError(error),
          type: "subscription",
          path: "workflow.events",
          input,
          ctx,
        }) ?? thrown,
    });
    const ours = decoder.decode(errorFrameOf(error, ctx, input));
    expect(ours).toBe(frames[0]);
    expect(JSON.parse(ours.split("data: ")[1] ?? "")).toMatchObject({
      data: { code: "FORBIDDEN", requestId: "req-1" },
    });
  });
});
