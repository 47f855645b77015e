import { stripTerminalControls } from "./terminal-text.ts";

/** Where the CLI writes; the process streams in production, buffers in unit tests. */
export interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}

/**
 * Human text by default; with `--json`, stdout carries exactly one JSON document and nothing
 * else, so `jeex … --json | jq` always parses. Diagnostics and progress go to stderr.
 */
export class Output {
  readonly json: boolean;
  readonly streams: Streams;
  /** A progress bar is drawn when stderr is a terminal; otherwise progress is plain lines (or nothing). */
  readonly interactive: boolean;

  /** Server text shown on a terminal loses its control characters: a document must not drive the terminal. */
  private readonly forStdout: (text: string) => string;
  private readonly forStderr: (text: string) => string;

  constructor(streams: Streams, json: boolean) {
    this.streams = streams;
    this.json = json;
    this.interactive = streams.stderr.isTTY === true;
    const asIs = (text: string) => text;
    this.forStdout = streams.stdout.isTTY === true ? stripTerminalControls : asIs;
    this.forStderr = streams.stderr.isTTY === true ? stripTerminalControls : asIs;
  }

  /** The command's result: `data` as JSON with --json, otherwise the human lines. */
  result(data: unknown, human: string | readonly string[]): void {
    if (this.json) {
      this.streams.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    const text = this.forStdout(typeof human === "string" ? human : human.join("\n"));
    if (text) this.streams.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  /** Human output as it happens (e.g. a step finished); skipped with --json. */
  line(text: string): void {
    if (!this.json) this.streams.stdout.write(`${this.forStdout(text)}\n`);
  }

  /** A diagnostic for people, on stderr; never mixed into the JSON. */
  note(text: string): void {
    this.streams.stderr.write(`${this.forStderr(text)}\n`);
  }
}
