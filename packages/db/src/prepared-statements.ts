import type { Sql } from "postgres";

/**
 * drizzle sends every query unprepared, so Postgres parses and plans each one again. postgres.js
 * caches named prepared statements per connection by query text; this makes every query (also
 * inside transactions) use that cache. Our statements have a small, fixed set of shapes.
 */
export function preparingStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: object) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true });
      }
      if (property === "begin") {
        return (...args: unknown[]) => {
          const work = args.at(-1) as (transaction: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args.slice(0, -1), (transaction: Sql) =>
            work(preparingStatements(transaction)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
