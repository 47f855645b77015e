import { render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { expect, test, vi } from "vitest";
import { AppProviders } from "./providers.tsx";
import { appRoutes } from "./router.tsx";

// A route's module is imported on first visit; the document page's (Markdown, diff) takes more than
// Testing Library's 1 s default to transform on a busy CI machine. The test is about which module loads.
const MODULE_LOAD = { timeout: 15_000 };
vi.setConfig({ testTimeout: 20_000 });

// A project id the project gate accepts as well-formed (an id like "p1" is "Project not found").
const p1 = "0190aaaa-0000-7000-8000-000000000001";

function renderAt(path: string) {
  const router = createMemoryRouter(appRoutes(), { initialEntries: [path] });
  render(
    <AppProviders onUnauthenticated={() => undefined}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
}

test.each([
  ["/projects", "Projects"],
  [`/projects/${p1}`, "Workflow"],
  [`/projects/${p1}/documents`, "Documents"],
  [`/projects/${p1}/documents/d1`, "Document"],
  [`/projects/${p1}/search`, "Search"],
  [`/projects/${p1}/exports`, "Exports"],
  ["/settings/members", "Members"],
  ["/settings/api-keys", "API keys"],
  ["/settings/usage", "Usage"],
  ["/sign-in?returnTo=%2Fprojects", "Sign in to JEEX Plan"],
])("%s loads its page module", async (path, heading) => {
  renderAt(path);
  expect(await screen.findByRole("heading", { level: 1, name: heading }, MODULE_LOAD)).toBeTruthy();
  expect(screen.getAllByRole("main")).toHaveLength(1);
});

test.each([
  ["/", "/projects", "Projects"],
  ["/settings", "/settings/members", "Members"],
])("%s redirects to %s", async (path, target, heading) => {
  const router = renderAt(path);
  await screen.findByRole("heading", { level: 1, name: heading }, MODULE_LOAD);
  expect(router.state.location.pathname).toBe(target);
});

test("an unknown URL shows the not-found page inside the shell, with its h1 as every page has", async () => {
  renderAt("/no/such/page");
  expect(await screen.findByRole("heading", { level: 1, name: "Page not found" }, MODULE_LOAD)).toBeTruthy();
  expect(screen.getByRole("link", { name: "Skip to content" })).toBeTruthy();
});

test.each([
  ["/projects", "Projects · JEEX Plan"],
  ["/settings/usage", "Usage · JEEX Plan"],
  ["/no/such/page", "Page not found · JEEX Plan"],
])("%s names the browser tab “%s”", async (path, tabTitle) => {
  renderAt(path);
  await waitFor(() => expect(document.title).toBe(tabTitle), MODULE_LOAD);
});
