import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeScan } from "./support/axe.ts";
import { type E2eBrowser, launchBrowser, PHONE } from "./support/browser.ts";
import { trpcInPage } from "./support/page-trpc.ts";
import { ARTIFACTS_DIR, screenshot } from "./support/screenshot.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import { signIn } from "./support/sign-in.ts";
import {
  compareEventIds,
  recordAnnouncements,
  recordEventStream,
  replayEventLog,
} from "./workflow-events.ts";

/** A step card: a region named by its heading, "2. Architecture". */
const stepCard = (page: Page, title: string): Locator =>
  page.getByRole("region", { name: new RegExp(`^\\d\\.\\s*${title}$`) });

const waitForStatus = (card: Locator, status: string | RegExp, timeout = 60_000) =>
  card.getByText(status, { exact: true }).first().waitFor({ timeout });

/** Console noise a spec causes on purpose (a blocked stream answers 503; a refused call 403). */
const unexpected = (browser: E2eBrowser, allowed: RegExp[] = []) =>
  browser.problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

describe("the workflow page: four steps with live progress", () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let page: Page;
  let projectId: string;
  let tenantId: string;
  let stream: Awaited<ReturnType<typeof recordEventStream>>;

  beforeAll(async () => {
    // Streams end after 4 s, as a proxy or a server drain would end them: the page must resume.
    // A private copy of the build: another suite rebuilding dist/ meanwhile cannot break this one.
    const dist = mkdtempSync(join(tmpdir(), "jeex-e2e-web-"));
    cpSync(fileURLToPath(new URL("../../dist", import.meta.url)), dist, { recursive: true });
    server = await startE2eServer({ STREAM_MAX_LIFETIME_MS: "4000", WEB_DIST_DIR: dist });
    browser = await launchBrowser(server.url);
    page = await browser.newPage();
    stream = await recordEventStream(page);
    await signIn(page, "ada");
    const me = await trpcInPage<{ activeTenant: { tenantId: string } }>(page, "auth.me", undefined, "query");
    tenantId = me.data?.activeTenant.tenantId ?? "";
    const project = await trpcInPage<{ id: string }>(page, "projects.create", { name: "Dog walking" });
    projectId = project.data?.id ?? "";
  });
  afterAll(async () => {
    await stream?.stop().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it("a project that does not exist shows the server's message and its request id", async () => {
    await page.goto("/projects/01900000-0000-7000-8000-000000000000");
    const alert = page.getByRole("alert").filter({ hasText: "Could not load the workflow" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not found.*Request id/i);
    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "workflow-error");
    expect.soft(unexpected(browser, [/404/])).toEqual([]);
    browser.problems.length = 0;
  });

  it("runs all four steps from the page while their progress arrives live", async () => {
    await page.goto(`/projects/${projectId}`);
    await page.locator('[data-connection="live"]').waitFor();
    const announced = await recordAnnouncements(page);
    await waitForStatus(stepCard(page, "About"), "Not started");
    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "workflow-empty");

    await page.getByRole("button", { name: "Start with the idea" }).click();
    const form = page.getByRole("dialog");
    await form.getByRole("button", { name: "Start the About step" }).click();
    await form.getByText("Describe the idea in at least a sentence.").waitFor();
    await form
      .getByLabel("Idea")
      .fill(
        "A mobile app that matches dog owners with trusted local walkers, with live GPS tracking of every walk.",
      );
    await form.getByLabel("Audience (optional)").fill("Busy dog owners and independent walkers");
    await form.getByRole("button", { name: "Add a question" }).click();
    await form.getByLabel("Question 1").fill("Which city first?");
    await form.getByLabel("Answer 1").fill("Berlin");
    const estimate = form.getByRole("region", { name: "Estimate" });
    await estimate.scrollIntoViewIfNeeded();
    expect(await estimate.textContent()).toContain("Free: the template provider drafts offline");
    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "workflow-idea-form");
    await form.getByRole("button", { name: "Start the About step" }).click();
    await form.waitFor({ state: "detached" });
    await waitForStatus(stepCard(page, "About"), "Succeeded");

    for (const title of ["Architecture", "Plan", "Specs"]) {
      const card = stepCard(page, title);
      await card.getByRole("button", { name: "Run", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Run", exact: true }).click();
      await waitForStatus(card, "Succeeded");
    }

    // Every step's transitions reached the page over the stream, and were announced. The card can
    // show "Succeeded" from a status refetch a moment before the stream's event is announced.
    await expect.poll(announced, { timeout: 15_000 }).toContain("Specs step succeeded");
    const said = await announced();
    writeFileSync(join(ARTIFACTS_DIR, "workflow-announced.json"), JSON.stringify(said, null, 2));
    for (const title of ["About", "Architecture", "Plan", "Specs"]) {
      expect(said).toContain(`${title} step started`);
      expect(said).toContain(`${title} step succeeded`);
    }
    const types = stream.received.map((message) => message.type);
    expect(types.filter((type) => type === "execution.progress").length).toBeGreaterThan(4);
    expect(types.filter((type) => type === "execution.succeeded")).toHaveLength(4);

    // The documents each step wrote link into the documents view.
    const aboutDoc = stepCard(page, "About").getByRole("link", { name: /about\.md/ });
    expect(await aboutDoc.getAttribute("href")).toMatch(
      new RegExp(`^/projects/${projectId}/documents/[0-9a-f-]{36}$`),
    );
    const lastRun = stepCard(page, "Specs").getByRole("region", { name: /Last run/ });
    expect(await lastRun.textContent()).toMatch(/Model.*Tokens.*in.*out.*Cost.*\$/);

    await stepCard(page, "Architecture").getByText("Run history").click();
    await stepCard(page, "Architecture")
      .getByRole("button", { name: /Details of the run/ })
      .first()
      .click();
    await page.getByRole("dialog").getByText("Solution Architect").waitFor();
    await page.keyboard.press("Escape");

    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "workflow-full");
    await page.emulateMedia({ colorScheme: "dark" });
    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "workflow-full-dark");
    await page.emulateMedia({ colorScheme: "light" });
    const phone = await browser.newPage(PHONE);
    await phone.goto(`/projects/${projectId}`);
    await waitForStatus(stepCard(phone, "Specs"), "Succeeded");
    expect.soft(await axeScan(phone)).toEqual([]);
    await screenshot(phone, "workflow-full-375");
    await phone.close();
    expect.soft(unexpected(browser)).toEqual([]);
  }, 240_000);

  it("a dropped stream resumes from the last event id: every event arrives once, in order", async () => {
    await page.goto(`/projects/${projectId}`);
    await page.locator('[data-connection="live"]').waitFor();
    const announced = await recordAnnouncements(page);
    const firstSeen = stream.received.length;

    // The events URL answers 503 for a while: the open stream ends at its lifetime, reconnects fail.
    await page.route("**/trpc/workflow.events**", (route) => route.fulfill({ status: 503, body: "blocked" }));
    await page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 15_000 });

    // Meanwhile someone else re-runs Plan: its events happen while this page is cut off.
    const other = await browser.newPage();
    await other.goto(`/projects/${projectId}/documents`);
    const run = await trpcInPage<{ executionId: string }>(other, "workflow.runStep", {
      projectId,
      step: "plan",
      feedback: "Split the walker onboarding into its own epic.",
    });
    expect(run.status).toBe(200);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await trpcInPage<{ steps: { step: string; status: string }[] }>(
        other,
        "workflow.status",
        { projectId },
        "query",
      );
      if (status.data?.steps.find((s) => s.step === "plan")?.status === "succeeded") break;
      if (Date.now() > deadline) throw new Error("plan did not finish");
      await other.waitForTimeout(250);
    }
    expect(await stepCard(page, "Plan").getByText("Running").count()).toBe(0);

    await page.unroute("**/trpc/workflow.events**");
    await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
    await expect.poll(announced, { timeout: 15_000 }).toContain("Plan step succeeded");
    // The page caught up without a reload: the new plan makes Specs stale.
    await waitForStatus(stepCard(page, "Specs"), "Stale");

    const replay = await replayEventLog(other, projectId, tenantId);
    const ids = stream.received.slice(firstSeen).map((message) => message.id);
    writeFileSync(
      join(ARTIFACTS_DIR, "workflow-events.json"),
      JSON.stringify({ received: stream.received, replay }, null, 2),
    );
    // Strictly increasing over every connection: nothing twice, nothing out of order …
    for (let i = 1; i < ids.length; i += 1)
      expect(compareEventIds(ids[i - 1] ?? "", ids[i] ?? "")).toBeLessThan(0);
    // … and nothing missing: the page saw every event the log holds since it first connected.
    const first = ids[0] ?? "";
    expect(ids).toEqual(replay.filter((id) => compareEventIds(id, first) >= 0));
    expect(stream.received.slice(firstSeen).map((m) => m.type)).toContain("execution.succeeded");
    await other.close();
    expect.soft(unexpected(browser, [/503/])).toEqual([]);
  }, 120_000);

  it("search finds a passage and opens its document", async () => {
    await page.goto(`/projects/${projectId}`);
    await page.getByRole("link", { name: "Search" }).first().click();
    await page.waitForURL(`**/projects/${projectId}/search`);
    await page.getByText("Search this project's documents").waitFor();
    await screenshot(page, "search-empty");
    const box = page.getByLabel("Search the project");
    await box.fill("GPS tracking of dog walks");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.getByRole("region", { name: "Search results" });
    // Indexing follows the runs; a search right after the last step may find nothing yet.
    await expect
      .poll(
        async () => {
          await page.reload();
          return results.getByRole("link").count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get("q")).toBe("GPS tracking of dog walks");
    expect(await results.textContent()).toMatch(/v\d+/);
    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "search-results");
    const phone = await browser.newPage(PHONE);
    await phone.goto(page.url());
    await phone.getByRole("region", { name: "Search results" }).getByRole("link").first().waitFor();
    await screenshot(phone, "search-results-375");
    await phone.close();

    const hit = results.getByRole("link").first();
    const path = await hit.textContent();
    await hit.click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/documents/[0-9a-f-]{36}`));
    expect(path).toMatch(/\.md$/);
    expect.soft(unexpected(browser, [/503/])).toEqual([]);
  });

  it("an export is created, finishes live, downloads as a zip and shows its manifest", async () => {
    await page.goto(`/projects/${projectId}/exports`);
    await page.getByText("No exports yet").waitFor();
    await page.locator('[data-connection="live"]').waitFor();
    await screenshot(page, "exports-empty");
    const announced = await recordAnnouncements(page);
    await page.getByRole("button", { name: "Create export" }).click();
    const download = page.getByTestId("export-download");
    await download.waitFor({ timeout: 60_000 });
    await expect.poll(announced).toContain("Export is ready to download");

    const table = page.getByRole("table", { name: "Files in the pack" });
    const shownPaths = await table.locator("tbody tr td:first-child").allTextContents();
    expect(shownPaths.some((cell) => cell.includes("docs/about.md"))).toBe(true);

    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const zip = await JSZip.loadAsync(readFileSync(await file.path()));
    const manifestPath = Object.keys(zip.files).find((name) => name.endsWith("/manifest.json"));
    if (!manifestPath) throw new Error("the zip has no manifest.json");
    const manifest = JSON.parse((await zip.file(manifestPath)?.async("string")) ?? "{}") as {
      files: { path: string; sha256: string }[];
    };
    const root = manifestPath.slice(0, -"manifest.json".length);
    for (const entry of manifest.files) {
      expect(zip.file(`${root}${entry.path}`), entry.path).not.toBeNull();
      expect(shownPaths.some((cell) => cell.startsWith(entry.path))).toBe(true);
    }
    expect(await page.getByRole("region", { name: "Earlier exports" }).getByRole("button").count()).toBe(1);
    expect.soft(await axeScan(page)).toEqual([]);
    await screenshot(page, "exports-done");
    const phone = await browser.newPage(PHONE);
    await phone.goto(page.url());
    await phone.getByRole("table", { name: "Files in the pack" }).waitFor();
    await screenshot(phone, "exports-done-375");
    await phone.close();
    expect.soft(unexpected(browser, [/503/])).toEqual([]);
  });

  it("a viewer sees no run or cancel controls, and the server refuses a run anyway", async () => {
    await trpcInPage(page, "tenants.invitations.create", { email: "grace@dev.jeex", role: "viewer" });
    const graceBrowser = await launchBrowser(server.url);
    try {
      const grace = await graceBrowser.newPage();
      await signIn(grace, "grace");
      const mine = await trpcInPage<{ id: string }[] | { items: { id: string }[] }>(
        grace,
        "tenants.invitations.mine",
        undefined,
        "query",
      );
      const invitation = Array.isArray(mine.data) ? mine.data[0] : mine.data?.items[0];
      if (!invitation) throw new Error("grace has no invitation");
      await trpcInPage(grace, "tenants.invitations.accept", { invitationId: invitation.id });
      await grace.evaluate((id) => window.localStorage.setItem("jeex.activeTenantId", id), tenantId);

      await grace.goto(`/projects/${projectId}`);
      // Plan was re-run above, so Specs now reads stale.
      await waitForStatus(stepCard(grace, "Specs"), "Stale");
      await grace.locator('[data-connection="live"]').waitFor();
      expect(
        await grace.getByRole("button", { name: /^(Run|Re-run|Cancel run|Start with the idea)$/ }).count(),
      ).toBe(0);
      await grace.goto(`/projects/${projectId}/exports`);
      await grace.getByRole("heading", { name: "Earlier exports" }).waitFor();
      expect(await grace.getByRole("button", { name: "Create export" }).count()).toBe(0);

      const refused = await trpcInPage(grace, "workflow.runStep", { projectId, step: "specs" });
      expect(refused.status).toBe(403);
      expect(refused.error?.data?.code).toBe("FORBIDDEN");
      expect.soft(unexpected(graceBrowser, [/403/])).toEqual([]);
    } finally {
      await graceBrowser.close();
    }
  }, 120_000);

  it("measures the time to a fully rendered workflow page with a full pack (median of 10 loads)", async () => {
    const loads: number[] = [];
    const rendered: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const fresh = await browser.newPage();
      await fresh.goto(`/projects/${projectId}`);
      // Fully rendered: the four cards with their state and their documents …
      await fresh.locator('ul[aria-label^="Documents of the"]').nth(3).waitFor();
      await waitForStatus(stepCard(fresh, "Specs"), "Stale");
      rendered.push(await fresh.evaluate(() => performance.now()));
      // … and the progress stream live.
      await fresh.locator('[data-connection="live"]').waitFor();
      loads.push(await fresh.evaluate(() => performance.now()));
      await fresh.close();
    }
    const result = {
      measure: "navigation start → workflow page fully rendered (4 steps, their documents, stream live)",
      browser: "Debian Chromium, headless",
      server: "embedded defaults (PGlite, in-process queue, template provider)",
      renderedMs: rendered.map((ms) => Math.round(ms)),
      medianRenderedMs: Math.round(median(rendered)),
      liveMs: loads.map((ms) => Math.round(ms)),
      medianMs: Math.round(median(loads)),
      measuredAt: new Date().toISOString(),
    };
    writeFileSync(join(ARTIFACTS_DIR, "workflow-page-load.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `workflow page: cards and documents after ${result.medianRenderedMs} ms, stream live after ${result.medianMs} ms (medians of 10)`,
    );
    expect(loads).toHaveLength(10);
  }, 180_000);
});
