import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Answer =
  | { kind: "json"; body: unknown; delayMs?: number; usage?: { prompt: number; completion: number } }
  | { kind: "status"; status: number }
  | { kind: "hang" };

/**
 * A local OpenAI-compatible endpoint for tests: each chat completion takes the next scripted
 * answer (the last one repeats). It records what it was asked.
 */
export async function startOpenAiServer(script: Answer[]) {
  const requests: { body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  const open = new Set<ServerResponse>();
  let next = 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    requests.push({ body: JSON.parse(raw) });
    const answer = script[Math.min(next++, script.length - 1)]!;
    if (answer.kind === "hang") {
      open.add(res);
      res.on("close", () => open.delete(res));
      return;
    }
    if (answer.kind === "status") {
      res
        .writeHead(answer.status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: "scripted" } }));
      return;
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const completion = {
      id: "chatcmpl-test",
      object: "chat.completion",
      model: requests.at(-1)?.body.model ?? "test",
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          message: { role: "assistant", content: JSON.stringify(answer.body) },
        },
      ],
      usage: {
        prompt_tokens: answer.usage?.prompt ?? 100,
        completion_tokens: answer.usage?.completion ?? 50,
        total_tokens: (answer.usage?.prompt ?? 100) + (answer.usage?.completion ?? 50),
      },
    };
    if (!res.destroyed)
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
