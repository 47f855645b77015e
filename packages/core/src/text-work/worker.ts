// Entry of a text-work thread (see pool.ts): piscina calls the export named by each task.
export {
  checkPack,
  diffVersions,
  draftOffline,
  memoryChunks,
  mergeVersions,
  renderDocuments,
  scoreReadability,
} from "./tasks.ts";
