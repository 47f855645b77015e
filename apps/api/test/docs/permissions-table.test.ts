import { readFileSync } from "node:fs";
import { appRouter } from "@jeex/trpc/router";
import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";
import {
  END_MARKER,
  permissionsTable,
  README,
  START_MARKER,
  withPermissionsTable,
} from "../../scripts/permissions-table.ts";

describe("the README's permission table", () => {
  it("is the one the router's meta gives", () => {
    const readme = readFileSync(README, "utf8");
    expect(
      withPermissionsTable(readme, permissionsTable(appRouter)) === readme,
      "README.md's permission table differs from the router: run `pnpm docs:permissions`",
    ).toBe(true);
  });

  it("lists every procedure once, under the access level its meta states", () => {
    const table = permissionsTable(appRouter);
    const listed = [...table.matchAll(/`([\w.]+)`/g)].map(([, path]) => path);
    expect(listed.sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
    expect(table).toMatch(/^\| person \|.*`tenants\.create`/m);
    expect(table).toMatch(/^\| admin \|.*`apiKeys\.create`/m);
  });

  it("refuses a procedure without an access level rather than leaving it out", () => {
    const t = initTRPC.create();
    const unstated = t.router({ stray: t.procedure.query(() => null) });
    expect(() => permissionsTable(unstated)).toThrow(/stray states no known access level/);
  });

  it("replaces only what lies between the markers", () => {
    const readme = `# Title\n\nbefore\n${START_MARKER}\nold table\n${END_MARKER}\nafter\n`;
    expect(withPermissionsTable(readme, "| new |")).toBe(
      `# Title\n\nbefore\n${START_MARKER}\n| new |\n${END_MARKER}\nafter\n`,
    );
    expect(() => withPermissionsTable("no markers", "| new |")).toThrow(/lacks/);
  });
});
