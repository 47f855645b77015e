import { availableParallelism, cpus, loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

export interface MachineState {
  cpus: number;
  /** Share of CPU time idle over a short sample just before the run; the load average lags. */
  cpu_idle_pct_before: number;
  load_avg_1m_before: number;
}

/** Servers, Postgres and autocannon share this machine, so anything else running skews the numbers. */
export async function sampleMachine(sampleMs = 1000): Promise<MachineState> {
  const before = cpuTimes();
  await sleep(sampleMs);
  const after = cpuTimes();
  const total = after.total - before.total;
  return {
    cpus: availableParallelism(),
    cpu_idle_pct_before: total > 0 ? Math.round(((after.idle - before.idle) / total) * 100) : 100,
    load_avg_1m_before: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The machine line a bench run starts with, and a warning when the CPUs were busy before it. */
export function logMachine(machine: MachineState): void {
  console.log(
    `machine: ${machine.cpus} CPUs, ${machine.cpu_idle_pct_before}% idle before start ` +
      `(1-min load average ${machine.load_avg_1m_before})`,
  );
  if (machine.cpu_idle_pct_before < 80) {
    console.log("!!! something else is using the CPUs: expect noisy, pessimistic numbers");
  }
}

function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}
