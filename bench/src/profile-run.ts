// `pnpm --filter @jeex/bench bench:cpu`: CPU time of the server child per projects.list request
// (user+sys from /proc: on a shared machine far steadier than req/s), for the full stack and the
// bare route; PROFILE_DIR also writes a --cpu-prof profile, PROFILE_ONLY=trpc|bare drives one.
// Linux only (/proc). Not part of pnpm bench.
import { readFileSync } from "node:fs";
import { resolveDatabaseTarget } from "./database-target.ts";
import { measure } from "./load.ts";
import { sampleMachine } from "./machine.ts";
import { startServerProcess } from "./server-process.ts";

const profileDir = process.env.PROFILE_DIR;
const machine = await sampleMachine();
const target = await resolveDatabaseTarget(process.env);
const servers = await startServerProcess(
  target,
  profileDir ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] } : {},
);
const childPid = () =>
  Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8").trim().split(/\s+/)[0]);
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in ticks of 10 ms
};
try {
  const pid = childPid();
  const headers = { authorization: `Bearer ${servers.ready.apiKey}` };
  for (const [name, url, h] of [
    ["trpc", servers.ready.trpcUrl, headers],
    ["bare", servers.ready.bareUrl, {}],
  ] as const) {
    if (process.env.PROFILE_ONLY && process.env.PROFILE_ONLY !== name) continue;
    await measure(url, h, { connections: 64, durationS: 3, warmupS: 0 });
    const before = cpuMs(pid);
    const summary = await measure(url, h, {
      connections: 64,
      durationS: Number(process.env.PROFILE_S ?? 10),
      warmupS: 0,
    });
    const used = cpuMs(pid) - before;
    console.log(
      `${name}: ${summary.rps} req/s p99 ${summary.latency_p99_ms} ms, ${(used / summary.requests_total).toFixed(3)} CPU ms/request (idle before ${machine.cpu_idle_pct_before}%)`,
    );
  }
} finally {
  await servers.stop();
  await target.cleanup();
}
