// A worker process for the crash test: takes a step job, tells the parent, then hangs until killed.
import { createBullmqWorker } from "../../../src/queue/bullmq.ts";
import { stepJobs } from "../../../src/queue/step-jobs.ts";

const [url, prefix] = process.argv.slice(2);
if (!url || !prefix || !process.send)
  throw new Error("usage: fork with <redis url> <prefix> and an IPC channel");
const send = process.send.bind(process);

createBullmqWorker({
  connection: url,
  kind: stepJobs,
  prefix,
  concurrency: 1,
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
  handler: async (job) => {
    send({ started: job.executionId });
    await new Promise(() => {});
  },
}).start();
