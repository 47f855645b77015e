import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeScan } from "./support/axe.ts";
import { PHONE } from "./support/browser.ts";
import { trpcInPage } from "./support/page-trpc.ts";
import { screenshot } from "./support/screenshot.ts";
import { useE2eSession } from "./support/session.ts";

const rows = (page: Page) => page.getByRole("list", { name: "Projects" }).getByRole("listitem");

describe("projects", () => {
  const session = useE2eSession();

  it("starts empty, and a new project is created through the dialog (field errors shown in place)", async () => {
    const { page } = session;
    await page.getByText("No projects yet").waitFor();
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "projects-empty");

    await page.getByRole("button", { name: "New project" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByRole("button", { name: "Create project" }).click();
    await dialog.getByText("Name must not be empty.").waitFor();
    expect(await dialog.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "projects-create-invalid");

    await dialog.getByLabel("Name").fill("Dog walkers");
    await dialog.getByLabel("Description").fill("Finds dog walkers for busy owners");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    await page.goto("/projects");
    await rows(page).first().waitFor();
    expect(await rows(page).allTextContents()).toEqual([expect.stringContaining("Dog walkers")]);
  });

  it("shows 20 at a time with Load more, and the search narrows the list (kept in the URL)", async () => {
    const { page, browser: ada } = session;
    for (let i = 1; i <= 24; i += 1) {
      const created = await trpcInPage(page, "projects.create", {
        name: `Batch ${String(i).padStart(2, "0")}`,
      });
      expect(created.status).toBe(200);
    }
    await page.reload();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(20);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows(page).count()).toBe(25);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "projects-list");

    await page.getByLabel("Search projects").fill("Batch 1");
    await page.waitForURL((url) => url.searchParams.get("q") === "Batch 1");
    await expect.poll(() => rows(page).count()).toBe(10);
    expect(await rows(page).allTextContents()).toEqual(
      Array.from({ length: 10 }, () => expect.stringMatching(/^Batch 1\d/)),
    );
    await page.getByLabel("Search projects").fill("no such project");
    await page.getByText("No project matches “no such project”").waitFor();
    expect(await axeScan(page)).toEqual([]);

    const phone = await ada.newPage(PHONE);
    await phone.goto("/projects?q=Dog");
    await rows(phone).first().waitFor();
    await screenshot(phone, "projects-search-375");
    await phone.emulateMedia({ colorScheme: "dark" });
    expect(await axeScan(phone)).toEqual([]);
    await screenshot(phone, "projects-search-375-dark");
    await phone.close();
  });

  it("renames and deletes a project (ada owns her tenant)", async () => {
    const { page, browser: ada } = session;
    await page.goto("/projects?q=Dog");
    await page.getByRole("button", { name: "Rename Dog walkers" }).click();
    const dialog = page.getByRole("dialog", { name: /Rename/ });
    await dialog.getByLabel("Name").fill("Dog walkers app");
    await dialog.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("link", { name: "Dog walkers app" }).waitFor();

    await page.getByRole("button", { name: "Delete Dog walkers app" }).click();
    const confirm = page.getByRole("alertdialog");
    expect(await axeScan(page)).toEqual([]);
    await screenshot(page, "projects-delete-confirm");
    await confirm.getByRole("button", { name: "Delete project" }).click();
    await page.getByText("No project matches “Dog”").waitFor();
    // The one failed request is the empty name the first test submitted on purpose.
    expect(ada.problems).toEqual([expect.stringMatching(/^HTTP 400 .*\/trpc\/projects\.create/)]);
  });
});
