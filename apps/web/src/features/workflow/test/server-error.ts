import { TRPCClientError } from "@trpc/client";

/** What the API's error formatter puts beside the message. */
interface ServerErrorData {
  code: string;
  httpStatus: number;
  appCode?: string;
  requestId?: string;
  issues?: { path: string; message: string; code: string }[];
}

/** A tRPC error as the server sends it: the message, the JSON-RPC code and the formatter's data. */
export function serverError(message: string, jsonRpcCode: number, data: ServerErrorData) {
  return TRPCClientError.from({ error: { message, code: jsonRpcCode, data } });
}

/** A 503 the client may retry under the same submission key. */
export const databaseBusy = (requestId: string) =>
  serverError("the database is busy; retry", -32603, {
    code: "SERVICE_UNAVAILABLE",
    httpStatus: 503,
    appCode: "UNAVAILABLE",
    requestId,
  });
