import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake endpoint does with one request. */
export type Reply =
  | { kind: "answer"; content: string | null; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: "raw"; status: number; contentType: string; body: string }
  | { kind: "slow"; delayMs: number; eventually: Reply }
  | { kind: "hang" };

export interface RecordedRequest {
  /** `performance.now()` when the request body had arrived. */
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of the posted JSON.
  body: any;
}

/** A model answer whose content is `value` as JSON. */
export const answer = (value: unknown, usage = { prompt_tokens: 100, completion_tokens: 20 }): Reply => ({
  kind: "answer",
  content: JSON.stringify(value),
  usage,
});

export const answerText = (
  content: string,
  usage = { prompt_tokens: 100, completion_tokens: 20 },
): Reply => ({
  kind: "answer",
  content,
  usage,
});

export const status = (code: number, headers: Record<string, string> = {}, body: unknown = {}): Reply => ({
  kind: "status",
  status: code,
  headers,
  body,
});

/**
 * A local OpenAI-compatible `/v1/chat/completions`, scripted per request: queued replies are used
 * first, then the `always` reply (a 500 "unscripted" when none is set). Every request is recorded.
 */
export async function startFakeOpenAiServer() {
  const queue: Reply[] = [];
  let always: Reply | undefined;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      requests.push({
        at: performance.now(),
        path: req.url ?? "",
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      if (req.url !== "/v1/chat/completions")
        return send(res, status(404, {}, { error: { message: "no such route" } }));
      send(res, queue.shift() ?? always ?? status(500, {}, { error: { message: "unscripted request" } }));
    });
  });

  function send(res: ServerResponse, reply: Reply): void {
    switch (reply.kind) {
      case "answer":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-test",
            object: "chat.completion",
            choices: [
              { index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" },
            ],
            usage: reply.usage,
          }),
        );
        return;
      case "status":
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body ?? {}));
        return;
      case "raw":
        res.writeHead(reply.status, { "content-type": reply.contentType });
        res.end(reply.body);
        return;
      case "slow": {
        const timer = setTimeout(() => {
          if (!res.destroyed) send(res, reply.eventually);
        }, reply.delayMs);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "hang":
        return;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...replies: Reply[]): void {
      queue.push(...replies);
    },
    always(reply: Reply | undefined): void {
      always = reply;
    },
    /** Resolves once `count` requests have arrived (fails after 5 s). */
    async waitForRequests(count: number): Promise<void> {
      const deadline = performance.now() + 5_000;
      while (requests.length < count) {
        if (performance.now() > deadline)
          throw new Error(`expected ${count} requests, saw ${requests.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type FakeOpenAiServer = Awaited<ReturnType<typeof startFakeOpenAiServer>>;
