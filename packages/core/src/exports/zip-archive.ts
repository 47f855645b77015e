import JSZip from "jszip";

/** One entry of an archive: a folder (`bytes: null`) or a file. */
export interface ArchiveEntry {
  name: string;
  bytes: Uint8Array | null;
}

/**
 * A deterministic zip: the entries in the order given, every one dated `dateMs`, one compression
 * level. Plain data in and out, so it runs on the text-work threads (deflating a pack of large
 * documents is seconds of CPU that must not be the request thread's).
 */
export function zipArchive(work: { entries: ArchiveEntry[]; dateMs: number }): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(work.dateMs);
  for (const entry of work.entries) {
    // createFolders off: the folders JSZip would add on its own are dated "now".
    if (entry.bytes === null) zip.file(entry.name, null, { dir: true, date, createFolders: false });
    else zip.file(entry.name, entry.bytes, { date, createFolders: false });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
