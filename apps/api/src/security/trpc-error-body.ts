import { appRouter } from "@jeex/trpc/router";
import { getTRPCErrorShape, type TRPCError } from "@trpc/server";

/** Where trpc-plugin.ts mounts the router. */
export const TRPC_PREFIX = "/trpc";

export const isTrpcPath = (path: string) => path === TRPC_PREFIX || path.startsWith(`${TRPC_PREFIX}/`);

function procedurePathsOf(pathname: string): string[] {
  try {
    return decodeURIComponent(pathname.slice(TRPC_PREFIX.length + 1)).split(",");
  } catch {
    return [""];
  }
}

/**
 * How many procedure calls a request to /trpc carries: one, or one per path of a `?batch=1`
 * request, counted after decoding as tRPC does (an encoded `%2C` separates calls too).
 */
export function trpcCallCount(url: string): number {
  const { pathname, searchParams } = new URL(url, "http://localhost");
  if (searchParams.get("batch") !== "1") return 1;
  return procedurePathsOf(pathname).length;
}

/**
 * The body tRPC itself would send for `error`, built by the router's own error formatter, for
 * requests refused before tRPC runs (the IP limit): the typed client then sees an ordinary
 * TRPCClientError. Batched calls (`?batch=1`) get one error per procedure, as tRPC answers them.
 */
export function trpcErrorBody(url: string, requestId: string, error: TRPCError) {
  const { pathname, searchParams } = new URL(url, "http://localhost");
  const envelope = (path: string) => {
    const shape = getTRPCErrorShape({
      config: appRouter._def._config,
      error,
      type: "unknown",
      path: path || undefined,
      input: undefined,
      ctx: undefined,
    });
    // The formatter reads the request id from the tRPC context, which does not exist yet.
    return { error: { ...shape, data: { ...shape.data, requestId } } };
  };
  const paths = procedurePathsOf(pathname);
  return searchParams.get("batch") === "1" ? paths.map(envelope) : envelope(paths[0] ?? "");
}
