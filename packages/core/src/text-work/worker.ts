// Entry of a text-work thread (see pool.ts): piscina calls the export named by each task, so
// every task of tasks.ts is exported here, with no list to forget one in.
export * from "./tasks.ts";
