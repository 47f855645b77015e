import {
  answer,
  hang,
  type Reply,
  slow,
  startFakeOpenAiServer,
  status,
} from "@jeex/db/testing/openai-server";

// Moved to the shared test kit (@jeex/db/testing/openai-server); this adapter keeps the old
// script shape working while suites written against it move over.
export type Answer =
  | { kind: "json"; body: unknown; delayMs?: number; usage?: { prompt: number; completion: number } }
  | { kind: "status"; status: number }
  | { kind: "hang" };

function toReply(scripted: Answer): Reply {
  if (scripted.kind === "hang") return hang;
  if (scripted.kind === "status") return status(scripted.status, {}, { error: { message: "scripted" } });
  const usage = {
    prompt_tokens: scripted.usage?.prompt ?? 100,
    completion_tokens: scripted.usage?.completion ?? 50,
  };
  const reply = answer(scripted.body, usage);
  return scripted.delayMs ? slow(scripted.delayMs, reply) : reply;
}

export async function startOpenAiServer(script: Answer[]) {
  const server = await startFakeOpenAiServer({ replies: script.map(toReply) });
  return { url: server.baseUrl, requests: server.requests, close: server.close };
}
