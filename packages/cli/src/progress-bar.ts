import type { Output } from "./output.ts";

/** Progress of one step or export, shown on stderr. */
export interface ProgressBar {
  update(percent: number, message: string): void;
  /** Takes the bar off the terminal line, so what is printed next starts clean. */
  clear(): void;
}

const BAR_WIDTH = 24;
const CLEAR_LINE = "\r\x1b[2K";

/**
 * On a terminal: one line redrawn in place with ANSI (no dependency needed for a single bar).
 * Otherwise: a plain line per change, so CI logs stay readable; nothing at all with --json.
 */
export function createProgressBar(out: Output, label: string): ProgressBar {
  const stderr = out.streams.stderr;
  if (out.interactive) {
    let drawn = false;
    return {
      update(percent, message) {
        const clamped = Math.max(0, Math.min(100, Math.round(percent)));
        const filled = Math.round((clamped / 100) * BAR_WIDTH);
        const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
        const line = `${label.padEnd(13)} ${bar} ${String(clamped).padStart(3)}%  ${message}`;
        stderr.write(`${CLEAR_LINE}${line.slice(0, (stderr.columns || 80) - 1)}`);
        drawn = true;
      },
      clear() {
        if (drawn) stderr.write(CLEAR_LINE);
        drawn = false;
      },
    };
  }
  if (out.json) return { update() {}, clear() {} };
  let last = "";
  return {
    update(percent, message) {
      const line = `${label}: ${Math.round(percent)}% ${message}`;
      if (line !== last) stderr.write(`${line}\n`);
      last = line;
    },
    clear() {},
  };
}
