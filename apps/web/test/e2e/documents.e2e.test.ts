import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { callInPage, type ListedDocument, listDocuments, projectWithPack } from "./documents-pack.ts";
import { axeScan } from "./support/axe.ts";
import { PHONE, unexpectedProblems as unexpected } from "./support/browser.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";

async function openDocument(page: Page, projectId: string, doc: ListedDocument, query = "") {
  await page.goto(`/projects/${projectId}/documents/${doc.id}${query}`);
  await page.getByRole("heading", { level: 1, name: doc.title }).waitFor();
}

/** Types at the end of the CodeMirror editor, as a person would. */
async function typeAtEnd(page: Page, text: string) {
  const editor = page.locator(".cm-content");
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

describe("documents: the pack, rendered, edited, compared, rolled back", () => {
  const session = useE2eSession();
  let projectId: string;
  let docs: ListedDocument[];
  const byPath = (path: string) => {
    const doc = docs.find((entry) => entry.path === path);
    if (!doc) throw new Error(`no ${path} in the pack`);
    return doc;
  };

  beforeAll(async () => {
    const { page } = session;
    ({ projectId } = await projectWithPack(page, "Walkies"));
    docs = await listDocuments(page, projectId);
  }, 240_000);

  it("the pack is a tree, and the architecture document shows its C4 diagrams as SVG", async () => {
    const { page, browser } = session;
    await page.goto(`/projects/${projectId}/documents`);
    const tree = page.getByRole("navigation", { name: "Documents of the pack" });
    await tree.waitFor();
    for (const group of ["About", "Architecture", "Decisions (ADRs)", "Plans", "Specs"]) {
      expect(
        await tree.getByRole("heading", { name: new RegExp(`^${group.replace(/[()]/g, "\\$&")}`) }).count(),
      ).toBe(1);
    }
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "documents-tree");

    await tree.getByRole("link", { name: /architecture\.md/ }).click();
    const title = byPath("docs/architecture.md").title;
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    // The Markdown's own `# Title` is not repeated under the page's h1.
    expect(await page.getByRole("heading", { name: title, exact: true }).count()).toBe(1);
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    const diagrams = page.locator('[data-testid="mermaid-diagram"] svg');
    await diagrams.nth(1).waitFor({ timeout: 30_000 });
    expect(await diagrams.count()).toBeGreaterThanOrEqual(2);
    // Drawn, not an empty box: the C4 context diagram has shapes and labels.
    expect(await diagrams.first().locator("text").count()).toBeGreaterThan(0);
    expect(await page.getByText("could not be drawn").count()).toBe(0);
    expect(await page.getByRole("complementary", { name: "Readability" }).textContent()).toMatch(/Words\d/);
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "document-rendered");
    const phone = await browser.newPage(PHONE);
    await openDocument(phone, projectId, byPath("docs/architecture.md"));
    await phone.locator('[data-testid="mermaid-diagram"] svg').first().waitFor({ timeout: 30_000 });
    await screenshot(phone, "document-rendered-375");
    await phone.close();
    // Mermaid ran under the app's CSP (script-src 'self'): no violation, no error.
    expect(unexpected(browser)).toEqual([]);
  });

  it("editing about.md makes a new version and turns the later steps stale; one is confirmed still right", async () => {
    const { page, browser } = session;
    const about = byPath("docs/about.md");
    await openDocument(page, projectId, about);
    await page.getByRole("button", { name: "Edit" }).click();
    // The editor takes the focus the Edit button had (it left with the button, to <body>).
    await page.locator(".cm-editor.cm-focused").waitFor();
    // Its focus ring is drawn by the frame around it: a ring on the editor itself was clipped away.
    const ring = await page.getByTestId("markdown-editor").evaluate((frame) => {
      const style = getComputedStyle(frame);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(ring).toBe("solid 2px");
    await typeAtEnd(page, "\n\nThe first release covers one city.");
    expect(await page.getByText("Unsaved changes").count()).toBe(1);
    await screenshot(page, "document-edit");
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.getByText(/Saved as version 2/).waitFor();

    docs = await listDocuments(page, projectId);
    const stale = docs.filter((doc) => doc.stale).map((doc) => doc.path);
    expect(stale).toContain("docs/architecture.md");
    expect(stale).toContain("docs/specs.md");
    expect(stale).not.toContain("docs/about.md");
    await page.goto(`/projects/${projectId}/documents`);
    await page.getByRole("navigation", { name: "Documents of the pack" }).waitFor();
    expect(await page.getByText("Stale", { exact: true }).count()).toBe(stale.length);

    const architecture = byPath("docs/architecture.md");
    await openDocument(page, projectId, architecture);
    await page.getByRole("link", { name: "Re-run step" }).waitFor();
    await page.getByRole("button", { name: "Confirm still right" }).click();
    await page.getByText("Confirmed as still right").waitFor();
    docs = await listDocuments(page, projectId);
    expect(byPath("docs/architecture.md").stale).toBe(false);
    expect(byPath("docs/architecture.md").version).toBe(architecture.version);
    expect(byPath("docs/specs.md").stale).toBe(true);
    expect(unexpected(browser)).toEqual([]);
  });

  it("a conflicting edit from a second browser is shown plainly: keep mine, then drop mine", async () => {
    const { page, browser } = session;
    const { browser: second, page: other } = await session.signInAnother("ada");
    try {
      const about = byPath("docs/about.md");

      // Keep mine: this browser starts editing, the other saves first.
      await openDocument(page, projectId, about);
      await page.getByRole("button", { name: "Edit" }).click();
      await typeAtEnd(page, "\n\nMine: walkers are vetted in person.");
      await openDocument(other, projectId, about);
      await other.getByRole("button", { name: "Edit" }).click();
      await typeAtEnd(other, "\n\nTheirs: reviews after every walk.");
      await other.getByRole("button", { name: "Save as a new version" }).click();
      await other.getByText(/Saved as version/).waitFor();

      await page.getByRole("button", { name: "Save as a new version" }).click();
      await page.getByRole("heading", { name: "Someone saved first: your edit was not saved" }).waitFor();
      const table = page.getByRole("table", { name: /Changes from version \d+ to your edit/ });
      expect(await table.locator('[data-kind="added"]').first().textContent()).toContain(
        "walkers are vetted",
      );
      expect(await axeScan(page)).toEqual([]);
      await screenshot(page, "document-conflict");
      await page.getByRole("button", { name: /Keep mine as a new edit on top of version/ }).click();
      await page.getByText(/Saved as version/).waitFor();
      let active = await callInPage<{ version: { content: string; version: number } }>(
        page,
        "documents.get",
        { documentId: about.id },
        "query",
      );
      // Mine went on top of theirs: a new version with my text (their line is not in my draft).
      expect(active.version.content).toContain("walkers are vetted in person");
      const keptVersion = active.version.version;

      // Drop mine: the same race, and this time their version stays.
      await page.getByRole("button", { name: "Edit" }).click();
      await typeAtEnd(page, "\n\nA draft to drop.");
      await other.reload();
      await other.getByRole("button", { name: "Edit" }).click();
      await typeAtEnd(other, "\n\nTheirs again.");
      await other.getByRole("button", { name: "Save as a new version" }).click();
      await other.getByText(/Saved as version/).waitFor();
      await page.getByRole("button", { name: "Save as a new version" }).click();
      await page.getByRole("button", { name: /Drop mine, keep version/ }).click();
      await page.getByRole("button", { name: "Edit" }).waitFor();
      active = await callInPage(page, "documents.get", { documentId: about.id }, "query");
      expect(active.version.version).toBe(keptVersion + 1);
      expect(active.version.content).toContain("Theirs again.");
      expect(active.version.content).not.toContain("A draft to drop.");
      // The two refused saves are the only errors.
      expect(unexpected(browser, [/^HTTP 409 .*documents\.saveEdit/])).toEqual([]);
      expect(unexpected(second)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("a diff between two versions, and a rollback to the first", async () => {
    const { page, browser } = session;
    const about = byPath("docs/about.md");
    await openDocument(page, projectId, about, "?tab=history");
    const history = page.getByRole("listitem").filter({ hasText: /^Version 1/ });
    await history.getByRole("link", { name: /Compare with active/ }).click();
    const table = page.getByRole("table", { name: /Changes from version 1 to version \d+/ });
    await table.waitFor();
    expect(await table.locator('[data-kind="added"]').count()).toBeGreaterThan(0);
    expect(await page.getByText(/\+\d+ added/).count()).toBe(1);
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "document-diff");

    await page.getByRole("link", { name: "History" }).click();
    await page
      .getByRole("listitem")
      .filter({ hasText: /^Version 1/ })
      .getByRole("button", { name: /Make active/ })
      .click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Make version 1 active" }).click();
    await page.getByText("Version 1 is active again").waitFor();
    const active = await callInPage<{ version: { version: number } }>(
      page,
      "documents.get",
      { documentId: about.id },
      "query",
    );
    expect(active.version.version).toBe(1);
    expect(unexpected(browser, [/^HTTP 409 .*documents\.saveEdit/])).toEqual([]);
  });

  it("a viewer sees no edit controls, and the server refuses an edit anyway", async () => {
    const { page } = session;
    const me = await callInPage<{ activeTenant: { tenantId: string } }>(page, "auth.me", undefined, "query");
    const tenantId = me.activeTenant.tenantId;
    await callInPage(page, "tenants.invitations.create", { email: "grace@dev.jeex", role: "viewer" });

    const { browser: graceBrowser, page: grace } = await session.signInAnother("grace");
    try {
      const [invitation] = await callInPage<{ id: string }[]>(
        grace,
        "tenants.invitations.mine",
        undefined,
        "query",
      );
      if (!invitation) throw new Error("grace has no invitation");
      await callInPage(grace, "tenants.invitations.accept", { invitationId: invitation.id });
      await grace.evaluate((id) => window.localStorage.setItem("jeex.activeTenantId", id), tenantId);

      const specs = byPath("docs/specs.md");
      await openDocument(grace, projectId, specs);
      await grace.getByText("a document this one builds on changed").waitFor();
      expect(await grace.getByRole("button", { name: "Edit" }).count()).toBe(0);
      expect(await grace.getByRole("button", { name: "Confirm still right" }).count()).toBe(0);
      await grace.getByRole("link", { name: "History" }).click();
      await grace.getByRole("listitem").first().waitFor();
      expect(await grace.getByRole("button", { name: /Make active/ }).count()).toBe(0);
      expect(await axeScan(grace)).toEqual([]);
      await screenshot(grace, "document-viewer");

      const refused = await callInPage(
        grace,
        "documents.saveEdit",
        { documentId: specs.id, baseVersionId: specs.versionId, content: "# Specs\n\nA viewer's edit.\n" },
        "mutation",
        tenantId,
      ).catch((error: { status?: number; code?: string }) => error);
      expect(refused).toMatchObject({ status: 403, code: "FORBIDDEN" });
      const confirmRefused = await callInPage(
        grace,
        "documents.confirm",
        { documentId: specs.id },
        "mutation",
        tenantId,
      ).catch((error: { status?: number }) => error);
      expect(confirmRefused).toMatchObject({ status: 403 });
      expect(unexpected(graceBrowser, [/^HTTP 403 .*documents\.(saveEdit|confirm)/])).toEqual([]);
    } finally {
      await graceBrowser.close();
    }
  });
});
