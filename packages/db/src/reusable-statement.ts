import type { PgPreparedQuery, PreparedQueryConfig } from "drizzle-orm/pg-core";
import type { AnyTransaction } from "./types.ts";

type Prepared<Result> = PgPreparedQuery<PreparedQueryConfig & { execute: Result }>;

interface WithClient {
  client: unknown;
}

const sessionOf = (db: AnyTransaction) => db._.session as unknown as WithClient & { constructor: object };

/**
 * A hot statement built once per driver — drizzle's `.prepare()` over `sql.placeholder`s — and run
 * on the connection of the transaction it is given. Building a query anew (the builder, `getSQL`,
 * `sqlToQuery`) took ~12 % of the API's CPU per `projects.list` request.
 *
 * Drizzle binds a prepared query to the session that built it; each tenant transaction has a
 * session of its own, so the built query is re-bound per call to that session's `client` (the
 * transaction's connection). That field is drizzle's internal: the first build checks it is there,
 * and the tests run every statement inside transactions of two tenants under RLS, on both drivers.
 */
export function reusableStatement<Values extends Record<string, unknown>, Result>(
  build: (db: AnyTransaction) => Prepared<Result>,
): (db: AnyTransaction, values: Values) => Promise<Result> {
  // Per session class: PGlite's and postgres.js's prepared queries differ.
  const builtFor = new WeakMap<object, Prepared<Result>>();
  const builtOn = (db: AnyTransaction) => {
    const session = sessionOf(db);
    let built = builtFor.get(session.constructor);
    if (!built) {
      built = build(db);
      if ((built as unknown as WithClient).client !== session.client) {
        throw new Error("drizzle's prepared query no longer keeps its connection in `client`");
      }
      builtFor.set(session.constructor, built);
    }
    return { built, client: session.client };
  };
  return (db, values) => {
    const { built, client } = builtOn(db);
    const bound: Prepared<Result> = Object.create(built, { client: { value: client } });
    return bound.execute(values);
  };
}
