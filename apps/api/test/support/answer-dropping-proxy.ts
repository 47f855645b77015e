import { startTcpProxy } from "@jeex/db/testing";

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
  let sent = "";
  let dropped = 0;
  const proxy = await startTcpProxy(target, () => {
    let lastRequestLine = "";
    return {
      fromClient(chunk) {
        const text = chunk.toString("utf8");
        sent += text;
        if (/^(GET|POST) /.test(text)) lastRequestLine = text.slice(0, text.indexOf("\r\n"));
        return undefined;
      },
      cutAnswer() {
        if (dropped > 0 || !lastRequestLine.includes(path)) return false;
        dropped += 1;
        return true;
      },
    };
  });
  return {
    url: proxy.url,
    get sent() {
      return sent;
    },
    get dropped() {
      return dropped;
    },
    close: proxy.close,
  };
}
