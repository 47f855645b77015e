import { Redis } from "ioredis";

/** A raw tRPC query over HTTP, for checks the typed client hides (status, headers, body). */
export function trpcQuery(url: string, path: string, input: unknown, apiKey?: string): Promise<Response> {
  const query = encodeURIComponent(JSON.stringify(input));
  return fetch(`${url}/trpc/${path}?input=${query}`, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
}

/** The retry-after header as seconds; fails the parse loudly when it is missing. */
export function retryAfterOf(response: Response): number {
  const header = response.headers.get("retry-after");
  if (header === null) throw new Error(`no retry-after header on a ${response.status}`);
  return Number(header);
}

/** A direct connection to a test redis-server, to look at the keys the limits wrote. */
export async function inspectRedis(url: string) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  return {
    keys: (pattern: string) => redis.keys(pattern),
    close: async () => {
      await redis.quit();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
