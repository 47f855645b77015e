// A bare SSE reader for `workflow.events`: one fetch per subscription, the same GET and the same
// stream the typed client's httpSubscriptionLink reads, without its per-subscription machinery.
// No reconnects: a dropped stream counts as an error.

export interface RawSubscriptionOptions {
  url: string;
  apiKey: string;
  projectId: string;
  onStarted(): void;
  onError(error: unknown): void;
  onEvent(event: { type?: unknown; message?: unknown }): void;
}

/** Opens the stream; returns a function that closes it. */
export function openRawSubscription(options: RawSubscriptionOptions): () => void {
  const aborted = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ projectId: options.projectId }));
  const read = async () => {
    const response = await fetch(`${options.url}/trpc/workflow.events?input=${input}`, {
      headers: { authorization: `Bearer ${options.apiKey}`, accept: "text/event-stream" },
      signal: aborted.signal,
    });
    if (!response.ok || !response.body) throw new Error(`workflow.events → HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        dispatch(buffer.slice(0, end), options);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
    if (!aborted.signal.aborted) throw new Error("the server ended the stream");
  };
  read().catch((error: unknown) => {
    if (!aborted.signal.aborted) options.onError(error);
  });
  return () => aborted.abort();
}

function dispatch(block: string, options: RawSubscriptionOptions) {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  if (event === "connected") options.onStarted();
  else if (event === "serialized-error") options.onError(new Error(`stream error: ${data.join("\n")}`));
  else if (event === "message" && data.length > 0) options.onEvent(JSON.parse(data.join("\n")));
}
