import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createJeexClient, trpcEndpoint } from "../src/client.ts";

describe("createJeexClient", () => {
  it("mounts /trpc on the base URL exactly once", () => {
    expect(trpcEndpoint("http://api:5210")).toBe("http://api:5210/trpc");
    expect(trpcEndpoint("http://api:5210/")).toBe("http://api:5210/trpc");
    expect(trpcEndpoint("http://api:5210/trpc")).toBe("http://api:5210/trpc");
  });

  it("sends the API key, the tenant and caller headers, and the key cannot be overridden by them", async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify([{ result: { data: { items: [], nextCursor: null } } }]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = createJeexClient({
        url: `http://127.0.0.1:${port}`,
        apiKey: "jeex_key",
        tenantId: "tenant-1",
        headers: () => ({ "x-request-id": "req-1", authorization: "Bearer attacker" }),
      });
      await client.projects.list.query({});
    } finally {
      server.close();
    }
    expect(seen[0]).toMatchObject({
      authorization: "Bearer jeex_key",
      "x-tenant-id": "tenant-1",
      "x-request-id": "req-1",
    });
  });
});
