import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevCredentials } from "../../src/dev-credentials.ts";
import { createServer, type Server } from "../../src/server.ts";
import { readDevCredentials, testConfig } from "../support/server.ts";

// Debian's `chromium` package; Playwright never downloads a browser here.
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOT = fileURLToPath(new URL("./__screenshots__/panel.png", import.meta.url));

// CI installs Chromium (.ci/run), so there a missing browser fails the suite; locally it skips.
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && !process.env.CI) {
  console.warn(`panel browser test skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
}

describe.skipIf(chromiumMissing && !process.env.CI)("the /panel page in headless Chromium", () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let credentials: DevCredentials;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    if (chromiumMissing) throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get`);
    const config = testConfig();
    server = createServer(config);
    const { url } = await server.start();
    credentials = readDevCredentials(config.dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (error) => pageProblems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) pageProblems.push(message.text());
    });
    await page.goto(`${url}/panel`);
    await page.locator("body[data-ready=true]").waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function callProcedure(path: string, input: unknown, status: RegExp) {
    await page.locator(`nav button[data-path="${path}"]`).click();
    await page.locator("#input").fill(JSON.stringify(input));
    await page.locator("#call").click();
    await page.locator("#status", { hasText: status }).waitFor();
    return page.locator("#result").textContent();
  }

  it("lists every procedure grouped by namespace, the CSP blocking nothing it needs", async () => {
    const paths = await page
      .locator("nav button[data-path]")
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-path")));
    expect(paths).toEqual(expect.arrayContaining(["projects.list", "projects.create", "workflow.runStep"]));
    expect(await page.locator("nav h2").allTextContents()).toEqual(
      expect.arrayContaining(["auth", "projects", "workflow"]),
    );
    await page.locator('nav button[data-path="workflow.events"]').click();
    expect(await page.locator("#call").textContent()).toBe("Open stream");
    expect(await page.locator("#access").textContent()).toBe(
      "Access: the viewer role or higher in the active tenant",
    );
    expect(await page.locator("#schema").textContent()).toContain('"lastEventId"');
    expect(pageProblems).toEqual([]);
  });

  it("creates a project with the API key, shows validation issues by field, and lists it", async () => {
    await page.locator("#api-key").fill(credentials.apiKey);

    const created = await callProcedure("projects.create", { name: "Made in the panel" }, /^200 /);
    expect(JSON.parse(created ?? "")).toMatchObject({
      name: "Made in the panel",
      tenantId: credentials.tenantId,
    });

    await callProcedure("projects.create", { name: "" }, /^400 /);
    expect(await page.locator("#issues li").allTextContents()).toEqual([
      expect.stringMatching(/^name: name must not be empty/),
    ]);

    await page.locator('nav button[data-path="projects.list"]').click();
    expect(JSON.parse((await page.locator("#input").inputValue()) || "null")).toEqual({ limit: 20 });
    await page.locator("#call").click();
    await page.locator("#status", { hasText: /^200 / }).waitFor();
    expect(await page.locator("#result").textContent()).toContain('"name": "Made in the panel"');
    await page.screenshot({ path: SCREENSHOT });
    expect(pageProblems).toEqual([]);
  });

  it("streams workflow.events with the API key while a step runs, until stopped", async () => {
    const trpc = (path: string, body: unknown) =>
      fetch(`${credentials.url}/trpc/${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${credentials.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(
        async (response) => ((await response.json()) as { result: { data: { id?: string } } }).result.data,
      );
    const project = await trpc("projects.create", { name: "Streamed" });

    await page.locator('nav button[data-path="workflow.events"]').click();
    await page.locator("#input").fill(JSON.stringify({ projectId: project.id }));
    await page.locator("#call").click();
    await page.locator("#result", { hasText: "(stream open)" }).waitFor();
    const run = (await trpc("workflow.runStep", {
      projectId: project.id,
      step: "about",
      input: { idea: "An app that finds dog walkers for busy owners" },
    })) as { executionId: string };
    await page.locator("#result", { hasText: run.executionId }).waitFor();
    expect(await page.locator("#result").textContent()).toContain('"type":"execution.');
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-stream.png") });

    await page.locator("#stop").click();
    await page.locator("#status", { hasText: /stopped$/ }).waitFor();
    expect(await page.locator("#stop").isHidden()).toBe(true);
    expect(pageProblems).toEqual([]);
  });

  it("keeps the API key for the tab across reloads, in sessionStorage", async () => {
    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    expect(await page.locator("#api-key").inputValue()).toBe(credentials.apiKey);
  });
});
