import { afterAll, describe, expect, it, vi } from "vitest";
import { buildPack } from "../../src/exports/build-pack.ts";
import { closeTextWork } from "../../src/text-work/pool.ts";
import { project, templatePack } from "./fixtures.ts";

// Records which text-work tasks ran, and runs them for real on the pool.
const ran = vi.hoisted(() => [] as string[]);
vi.mock("../../src/text-work/pool.ts", async (importOriginal) => {
  const pool = await importOriginal<typeof import("../../src/text-work/pool.ts")>();
  return {
    ...pool,
    runTextWork: ((name, ...rest) => {
      ran.push(name);
      return pool.runTextWork(name, ...rest);
    }) as typeof pool.runTextWork,
  };
});

afterAll(() => closeTextWork());

describe("an export pack's zip", () => {
  it("is deflated on the text-work threads, not the thread that serves requests", async () => {
    const pack = await buildPack(project, templatePack());
    expect(ran).toEqual(["zipArchive"]);
    expect(pack.sizeBytes).toBeGreaterThan(0);
  });
});
