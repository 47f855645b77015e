import type { FastifyError, FastifyInstance } from "fastify";

/** Plain HTTP routes answer errors as JSON; 5xx details stay in the logs, never in the body. */
export function registerHttpErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      return reply.status(status).send({ error: "Internal server error", requestId: request.id });
    }
    const message =
      error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
        ? `request body is larger than ${app.initialConfig.bodyLimit} bytes`
        : error.message;
    return reply.status(status).send({ error: message, code: error.code, requestId: request.id });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: `no route ${request.method} ${request.url}`, requestId: request.id }),
  );
}
