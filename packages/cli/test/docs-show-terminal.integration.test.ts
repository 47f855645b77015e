import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.ts";
import { demoOwner } from "./support/demo-owner.ts";

// An editor plants escape sequences in a document; a teammate runs `jeex docs show` in a terminal.
const OSC52_CLIPBOARD = "\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007";
const OSC0_TITLE = "\u001b]0;owned\u001b\\";
const CSI_CLEAR_SCREEN = "\u001b[2J\u001b[H";
const C1_CSI = "\u009b31m";
const HOSTILE = `# About\n\nPlain${OSC52_CLIPBOARD} text${OSC0_TITLE}\there${CSI_CLEAR_SCREEN}.\rHidden\u0008${C1_CSI}\u007f end\n`;
const SHOWN_ON_A_TERMINAL = "# About\n\nPlain text\there.Hidden31m end\n";

const jeexBin = fileURLToPath(new URL("../src/main.ts", import.meta.url));

describe("jeex docs show on a terminal", () => {
  const owner = demoOwner();
  const { api, user } = owner;
  let projectId: string;

  beforeAll(async () => {
    await owner.login();
    projectId = await owner.createProject("Escapes");
    const plan = await user.run(
      "plan",
      "--project",
      projectId,
      "--idea",
      "A dog walking app",
      "--steps",
      "about",
    );
    expect(plan.code, plan.stderr).toBe(0);
    const jeex = owner.client();
    const { items } = await jeex.documents.list.query({ projectId });
    const about = items.find((doc) => doc.path === "docs/about.md");
    if (!about) throw new Error("the about step wrote no docs/about.md");
    await jeex.documents.saveEdit.mutate({
      documentId: about.id,
      baseVersionId: about.versionId,
      content: HOSTILE,
    });
  });

  async function showWith(stdoutIsTTY: boolean): Promise<string> {
    let stdout = "";
    const code = await runCli({
      argv: ["docs", "show", "docs/about.md", "--project", projectId],
      env: { JEEX_URL: api.url, JEEX_API_KEY: api.credentials.apiKey, HOME: tmpdir() },
      streams: {
        stdout: { isTTY: stdoutIsTTY, write: (text: string) => (stdout += text) },
        stderr: { write: () => true },
      },
      signal: new AbortController().signal,
      fetch: globalThis.fetch,
    });
    expect(code).toBe(0);
    return stdout;
  }

  it("strips escape sequences and control characters, keeping newlines and tabs", async () => {
    expect(await showWith(true)).toBe(SHOWN_ON_A_TERMINAL);
  });

  it("prints the content byte for byte when stdout is a pipe or a file", async () => {
    expect(await showWith(false)).toBe(HOSTILE);
    const piped = await user.run("docs", "show", "docs/about.md", "--project", projectId);
    expect(piped.stdout).toBe(HOSTILE);
  });

  it("the real binary on a pseudo-terminal prints no escape character", async () => {
    // util-linux `script` gives the child a pty, so process.stdout.isTTY is true in it.
    const command = [process.execPath, jeexBin, "docs", "show", "docs/about.md", "--project", projectId]
      .map((word) => `'${word}'`)
      .join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), JEEX_CONFIG_DIR: user.configDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, output).toBe(0);
    // The terminal turns \n into \r\n; nothing else may be a control character.
    expect(output.replaceAll("\r\n", "\n")).toBe(SHOWN_ON_A_TERMINAL);
  });
});
