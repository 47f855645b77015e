// Moved to the shared test kit; kept while suites written against this path move over.
export { freePort } from "@jeex/db/testing/free-port";
export { startRedisServer, type TestRedisServer } from "@jeex/db/testing/redis-server";
