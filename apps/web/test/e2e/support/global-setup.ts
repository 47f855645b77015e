import { buildIfStale } from "../../../scripts/build-if-stale.ts";

/** The suite drives the built app as the API serves it: build it first when dist/ is stale. */
export function setup() {
  buildIfStale((line) => process.stderr.write(`${line}\n`));
}
