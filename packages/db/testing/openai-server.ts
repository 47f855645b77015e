import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake endpoint does with one request. */
export type Reply =
  | { kind: "answer"; content: string | null; usage?: Usage }
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: "raw"; status: number; contentType: string; body: string }
  | { kind: "slow"; delayMs: number; eventually: Reply }
  | { kind: "hang" };

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface RecordedRequest {
  /** `performance.now()` when the request body had arrived. */
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of the posted JSON.
  body: any;
}

const defaultUsage: Usage = { prompt_tokens: 100, completion_tokens: 20 };

/** A model answer whose content is `value` as JSON. */
export const answer = (value: unknown, usage: Usage = defaultUsage): Reply => ({
  kind: "answer",
  content: JSON.stringify(value),
  usage,
});

export const answerText = (content: string, usage: Usage = defaultUsage): Reply => ({
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

/** `reply`, after `delayMs` (as a loaded endpoint answers). */
export const slow = (delayMs: number, reply: Reply): Reply => ({ kind: "slow", delayMs, eventually: reply });

/** Never answers; the connection stays open until the client gives up or the server closes. */
export const hang: Reply = { kind: "hang" };

export interface EmbeddingsOptions {
  dimension: number;
  /** How long every embeddings answer takes. */
  delayMs?: number;
  /** The vector for one input; by default not unit length (so a client's normalisation shows). */
  vector?: (text: string, index: number) => number[];
}

export interface FakeOpenAiServerOptions {
  /** Chat replies in order, the last one repeating. Without any, an unscripted chat gets a 500. */
  replies?: Reply[];
  /** Serve `/v1/embeddings` too: scripted replies first (`scriptEmbeddings`), then computed vectors. */
  embeddings?: EmbeddingsOptions;
}

const chatPath = "/v1/chat/completions";
const embeddingsPath = "/v1/embeddings";

/**
 * A local OpenAI-compatible endpoint (`/v1/chat/completions`, optionally `/v1/embeddings`),
 * scripted per request: queued replies are used first, then the `always` reply. Every request is
 * recorded in arrival order.
 */
export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}) {
  const chatQueue: Reply[] = options.replies?.slice(0, -1) ?? [];
  let always: Reply | undefined = options.replies?.at(-1);
  const embeddingsQueue: Reply[] = [];
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const request: RecordedRequest = {
        at: performance.now(),
        path: req.url ?? "",
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(request);
      if (request.path === chatPath) return send(res, request, chatQueue.shift() ?? always ?? unscripted);
      if (request.path === embeddingsPath && options.embeddings)
        return send(res, request, embeddingsQueue.shift() ?? embeddingsReply(options.embeddings, request));
      send(res, request, status(404, {}, { error: { message: "no such route" } }));
    });
  });

  function send(res: ServerResponse, request: RecordedRequest, reply: Reply): void {
    switch (reply.kind) {
      case "answer":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(completion(request, reply)));
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
          if (!res.destroyed) send(res, request, reply.eventually);
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
    /** Chat requests only, in arrival order. */
    chatRequests: () => requests.filter((request) => request.path === chatPath),
    /** Embeddings requests only, in arrival order. */
    embeddingsRequests: () => requests.filter((request) => request.path === embeddingsPath),
    script(...replies: Reply[]): void {
      chatQueue.push(...replies);
    },
    always(reply: Reply | undefined): void {
      always = reply;
    },
    scriptEmbeddings(...replies: Reply[]): void {
      embeddingsQueue.push(...replies);
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
      // Hanging and slow answers hold connections open; close them or `close` waits for them.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type FakeOpenAiServer = Awaited<ReturnType<typeof startFakeOpenAiServer>>;

const unscripted = status(500, {}, { error: { message: "unscripted request" } });

/** The output cap a request carries, under either of its names. */
export function outputCapOf(request: RecordedRequest): number | undefined {
  const cap = request.body?.max_completion_tokens ?? request.body?.max_tokens;
  return typeof cap === "number" ? cap : undefined;
}

/**
 * As a real server does, an answer longer than the request's output cap stops at the cap: its
 * completion tokens are the cap, its content is cut off mid-way and `finish_reason` is `length`.
 */
function completion(request: RecordedRequest, reply: Extract<Reply, { kind: "answer" }>) {
  const scripted = reply.usage ?? defaultUsage;
  const cap = outputCapOf(request);
  const cutOff = cap !== undefined && scripted.completion_tokens > cap;
  const usage = cutOff ? { ...scripted, completion_tokens: cap } : scripted;
  const content =
    cutOff && reply.content ? reply.content.slice(0, Math.ceil(reply.content.length / 2)) : reply.content;
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    model: request.body?.model ?? "test",
    choices: [
      { index: 0, message: { role: "assistant", content }, finish_reason: cutOff ? "length" : "stop" },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function embeddingsReply(options: EmbeddingsOptions, request: RecordedRequest): Reply {
  const input: string[] = request.body?.input ?? [];
  const vector =
    options.vector ??
    ((text: string) => Array.from({ length: options.dimension }, (_, i) => (i === 0 ? text.length : 1)));
  const body = JSON.stringify({
    object: "list",
    model: request.body?.model,
    // Reversed on purpose: clients must order by `index`.
    data: input
      .map((text, index) => ({ object: "embedding", index, embedding: vector(text, index) }))
      .reverse(),
    usage: { prompt_tokens: input.length, total_tokens: input.length },
  });
  const reply: Reply = { kind: "raw", status: 200, contentType: "application/json", body };
  return options.delayMs ? slow(options.delayMs, reply) : reply;
}
