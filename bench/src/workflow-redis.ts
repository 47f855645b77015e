// Just enough RESP to check Redis is there and delete this run's keys by prefix (the bench package
// has no Redis client). The Redis server is shared: never FLUSH, only this run's prefix.
import { createConnection, type Socket } from "node:net";

type Reply = string | number | null | Reply[];

const DEFAULT_URL = "redis://127.0.0.1:6379";

export interface RedisTarget {
  url: string | undefined;
  note: string;
}

/** BENCH_REDIS_URL (or REDIS_URL, or the local default) when it answers PING; otherwise none. */
export async function resolveRedis(env: NodeJS.ProcessEnv): Promise<RedisTarget> {
  const url = env.BENCH_REDIS_URL || env.REDIS_URL || DEFAULT_URL;
  try {
    await withRedis(url, async (command) => {
      if ((await command(["PING"])) !== "PONG") throw new Error("PING did not answer PONG");
    });
    return { url, note: `Redis at ${redact(url)}` };
  } catch (error) {
    return {
      url: undefined,
      note: `Redis at ${redact(url)} is unavailable (${error instanceof Error ? error.message : error})`,
    };
  }
}

/** Deletes every key under `prefix:`; returns how many it removed. */
export function deleteKeysByPrefix(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (command) => {
    let deleted = 0;
    await scanKeys(command, prefix, async (keys) => {
      if (keys.length > 0) deleted += Number(await command(["UNLINK", ...keys]));
    });
    return deleted;
  });
}

export function countKeysByPrefix(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (command) => {
    let count = 0;
    await scanKeys(command, prefix, async (keys) => {
      count += keys.length;
    });
    return count;
  });
}

type Command = (args: string[]) => Promise<Reply>;

/** Walks SCAN over `prefix:*` to the end, handing each batch of keys to `visit` before the next. */
async function scanKeys(command: Command, prefix: string, visit: (keys: string[]) => Promise<void>) {
  let cursor = "0";
  do {
    const [next, keys] = (await command(["SCAN", cursor, "MATCH", `${prefix}:*`, "COUNT", "1000"])) as [
      string,
      string[],
    ];
    cursor = next;
    await visit(keys);
  } while (cursor !== "0");
}

async function withRedis<T>(url: string, work: (command: Command) => Promise<T>) {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:") throw new Error("only redis:// URLs are supported by the bench");
  const socket = createConnection({ host: parsed.hostname, port: Number(parsed.port || 6379) });
  socket.setTimeout(5000, () => socket.destroy(new Error("Redis timed out")));
  const reader = replyReader(socket);
  const command = (args: string[]) => {
    socket.write(
      `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join("")}`,
    );
    return reader.next();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    if (parsed.password)
      await command(["AUTH", ...(parsed.username ? [parsed.username] : []), parsed.password]);
    const db = parsed.pathname.slice(1);
    if (db) await command(["SELECT", db]);
    return await work(command);
  } finally {
    socket.destroy();
  }
}

/** Parses replies in order as bytes arrive; `next()` resolves with the next complete reply. */
function replyReader(socket: Socket) {
  let buffer = Buffer.alloc(0);
  const waiting: { resolve(reply: Reply): void; reject(error: Error): void }[] = [];
  const drain = () => {
    for (;;) {
      const parsed = parseReply(buffer, 0);
      if (!parsed || waiting.length === 0) return;
      buffer = buffer.subarray(parsed.end);
      const waiter = waiting.shift();
      if (parsed.error) waiter?.reject(new Error(parsed.error));
      else waiter?.resolve(parsed.value);
    }
  };
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    drain();
  });
  socket.on("error", (error) => {
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  });
  return {
    next: () =>
      new Promise<Reply>((resolve, reject) => {
        waiting.push({ resolve, reject });
        drain();
      }),
  };
}

function parseReply(
  buffer: Buffer,
  start: number,
): { value: Reply; end: number; error?: string | undefined } | undefined {
  const lineEnd = buffer.indexOf("\r\n", start);
  if (lineEnd === -1) return undefined;
  const kind = String.fromCharCode(buffer[start] ?? 0);
  const line = buffer.toString("utf8", start + 1, lineEnd);
  const after = lineEnd + 2;
  switch (kind) {
    case "+":
      return { value: line, end: after };
    case "-":
      return { value: null, end: after, error: line };
    case ":":
      return { value: Number(line), end: after };
    case "$": {
      const length = Number(line);
      if (length < 0) return { value: null, end: after };
      if (buffer.length < after + length + 2) return undefined;
      return { value: buffer.toString("utf8", after, after + length), end: after + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { value: null, end: after };
      const items: Reply[] = [];
      let position = after;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, position);
        if (!item) return undefined;
        items.push(item.value);
        position = item.end;
      }
      return { value: items, end: position };
    }
    default:
      throw new Error(`unexpected Redis reply type ${kind}`);
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
