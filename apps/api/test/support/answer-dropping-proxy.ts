import { connect, createServer, type Socket } from "node:net";

export interface AnswerDroppingProxy {
  url: string;
  /** Everything clients sent through, as text (request lines, headers and bodies). */
  readonly sent: string;
  /** How many answers were dropped (at most one). */
  readonly dropped: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the API that lets the first request whose request line contains
 * `path` reach the server, then drops the server's answer to it and both connections: the
 * request was handled (committed) and the client never hears so, as when a COMMIT's answer is lost.
 */
export async function startAnswerDroppingProxy(target: string, path: string): Promise<AnswerDroppingProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let sent = "";
  let dropped = 0;

  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    let lastRequestLine = "";
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.on("data", (chunk) => {
      const text = chunk.toString("utf8");
      sent += text;
      if (/^(GET|POST) /.test(text)) lastRequestLine = text.slice(0, text.indexOf("\r\n"));
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (dropped === 0 && lastRequestLine.includes(path)) {
        dropped += 1;
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
    get sent() {
      return sent;
    },
    get dropped() {
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
