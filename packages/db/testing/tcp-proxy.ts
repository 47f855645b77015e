import { connect, createServer, type Socket } from "node:net";

/** What a proxy does with one client connection's traffic; a fresh set for every connection. */
export interface ProxyConnectionRules {
  /**
   * Sees each chunk the client sends. A string returned goes back to the client instead, and the
   * connection closes: the chunk never reaches the server.
   */
  fromClient?(chunk: Buffer): string | undefined;
  /** Sees each chunk the server answers; true drops it and both sides of the connection. */
  cutAnswer?(chunk: Buffer): boolean;
}

export interface TcpProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy on an ephemeral port in front of `target` (an http URL): it relays both ways, and
 * `rules` (called once per connection, so they may keep state per connection) may refuse a
 * request or cut a connection, as a flaky network or a restarting load balancer would.
 */
export async function startTcpProxy(target: string, rules: () => ProxyConnectionRules): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    const { fromClient, cutAnswer } = rules();
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.on("data", (chunk) => {
      const refusal = fromClient?.(chunk);
      if (refusal !== undefined) {
        upstream.destroy();
        client.end(refusal);
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (cutAnswer?.(chunk)) {
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
