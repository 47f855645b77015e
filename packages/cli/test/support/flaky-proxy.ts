import { connect, createServer, type Socket } from "node:net";

export interface FlakyProxyOptions {
  /** The first server chunk matching this is not delivered: both sides of its connection are destroyed. */
  cutWhen: (chunk: string) => boolean;
  /** After the cut, requests matching this get a 502 from the proxy itself, this many times. */
  refuseAfterCut?: { matching: (head: string) => boolean; times: number };
}

export interface FlakyProxy {
  url: string;
  /** The request line and headers of every request that went through, in order. */
  readonly requests: string[];
  readonly cuts: number;
  readonly refusals: number;
  close(): Promise<void>;
}

const BAD_GATEWAY = "HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";

/**
 * A TCP proxy in front of the API that drops one connection, once, as a flaky network or a
 * restarting load balancer would; optionally it then refuses a few requests with a 502.
 */
export async function startFlakyProxy(target: string, options: FlakyProxyOptions): Promise<FlakyProxy> {
  const { hostname, port } = new URL(target);
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let cuts = 0;
  let refusals = 0;

  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.on("data", (chunk) => {
      const text = chunk.toString("latin1");
      if (/^(GET|POST|PUT|DELETE) /.test(text)) {
        const head = text.slice(0, text.indexOf("\r\n\r\n"));
        requests.push(head);
        const refuse = options.refuseAfterCut;
        if (cuts > 0 && refuse && refusals < refuse.times && refuse.matching(head)) {
          refusals += 1;
          upstream.destroy();
          client.end(BAD_GATEWAY);
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (cuts === 0 && options.cutWhen(chunk.toString("utf8"))) {
        cuts += 1;
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
    requests,
    get cuts() {
      return cuts;
    },
    get refusals() {
      return refusals;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
