import { startTcpProxy } from "@jeex/db/testing";

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
  const requests: string[] = [];
  let cuts = 0;
  let refusals = 0;
  const proxy = await startTcpProxy(target, () => ({
    fromClient(chunk) {
      const text = chunk.toString("latin1");
      if (!/^(GET|POST|PUT|DELETE) /.test(text)) return undefined;
      const head = text.slice(0, text.indexOf("\r\n\r\n"));
      requests.push(head);
      const refuse = options.refuseAfterCut;
      if (cuts === 0 || !refuse || refusals >= refuse.times || !refuse.matching(head)) return undefined;
      refusals += 1;
      return BAD_GATEWAY;
    },
    cutAnswer(chunk) {
      if (cuts > 0 || !options.cutWhen(chunk.toString("utf8"))) return false;
      cuts += 1;
      return true;
    },
  }));
  return {
    url: proxy.url,
    requests,
    get cuts() {
      return cuts;
    },
    get refusals() {
      return refusals;
    },
    close: proxy.close,
  };
}
