import { render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "../workflow/test/fake-trpc.tsx";
import { databaseBusy, serverError } from "../workflow/test/server-error.ts";
import { ProjectGate } from "./project-gate.tsx";
import { ProjectLayout } from "./project-layout.tsx";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const notFound = serverError("project not found", -32004, {
  code: "NOT_FOUND",
  httpStatus: 404,
  appCode: "NOT_FOUND",
  requestId: "req-404",
});

// What the server answers `projects.get` for an id its input schema refuses.
const malformedId = serverError("Invalid input: projectId: Invalid UUID", -32600, {
  code: "BAD_REQUEST",
  httpStatus: 400,
  appCode: "VALIDATION_FAILED",
  requestId: "req-400",
  issues: [{ path: "projectId", message: "Invalid UUID", code: "invalid_format" }],
});

function renderLayout(path: string, answerProject: () => unknown) {
  const fake = createFakeTrpc((procedure) => {
    if (procedure === "projects.get") return answerProject();
    return null;
  });
  render(
    <fake.Wrapper>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/projects/:projectId" element={<ProjectLayout />}>
            <Route path="documents" element={<p>the documents tab</p>} />
          </Route>
        </Routes>
      </MemoryRouter>
    </fake.Wrapper>,
  );
  return fake;
}

function renderGate(answerProject: () => unknown) {
  const fake = createFakeTrpc((path) => {
    if (path === "projects.get") return answerProject();
    return null;
  });
  render(
    <fake.Wrapper>
      <MemoryRouter>
        <ProjectGate projectId={projectId}>
          <p>the exports tab</p>
        </ProjectGate>
      </MemoryRouter>
    </fake.Wrapper>,
  );
  return fake;
}

describe("a project's tabs behind the project look-up", () => {
  it("a project that is gone replaces whichever tab was open with one not-found page", async () => {
    renderGate(() => {
      throw notFound;
    });
    // The tab mounts at once (its own queries are not held back), then leaves.
    expect(screen.getByText("the exports tab")).toBeTruthy();
    expect(await screen.findByText("This project does not exist or was deleted")).toBeTruthy();
    expect(screen.queryByText("the exports tab")).toBeNull();
    expect(screen.getByRole("link", { name: "Back to the projects" }).getAttribute("href")).toBe("/projects");
  });

  it("an error a retry can pass leaves the tab to say so itself", async () => {
    const fake = renderGate(() => {
      throw databaseBusy("req-503");
    });
    await waitFor(() => expect(fake.calls.some((op) => op.path === "projects.get")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText("the exports tab")).toBeTruthy();
    expect(screen.queryByText("This project does not exist or was deleted")).toBeNull();
  });

  it("a project that exists shows its tab", async () => {
    const fake = renderGate(() => ({ id: projectId, name: "Bike sharing" }));
    await waitFor(() => expect(fake.calls.some((op) => op.path === "projects.get")).toBe(true));
    expect(screen.getByText("the exports tab")).toBeTruthy();
  });

  it("an id that cannot be a project's is not found at once, without asking the server", async () => {
    const fake = renderLayout("/projects/not-a-uuid/documents", () => ({ id: projectId }));
    expect(screen.getByText("This project does not exist or was deleted")).toBeTruthy();
    expect(screen.queryByText("the documents tab")).toBeNull();
    // The tab bar belongs to a project; a missing one has none to show.
    expect(screen.queryByRole("navigation", { name: "Project" })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.calls).toEqual([]);
  });

  it("an id the server refuses as malformed reads as not found, not as 'Invalid UUID'", async () => {
    renderGate(() => {
      throw malformedId;
    });
    expect(await screen.findByText("This project does not exist or was deleted")).toBeTruthy();
    expect(screen.queryByText(/Invalid UUID/)).toBeNull();
    expect(screen.queryByText("the exports tab")).toBeNull();
  });

  it("a project that is gone takes its tab bar with it", async () => {
    renderLayout(`/projects/${projectId}/documents`, () => {
      throw notFound;
    });
    expect(await screen.findByText("This project does not exist or was deleted")).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Project" })).toBeNull();
    expect(screen.queryByText("the documents tab")).toBeNull();
  });

  it("a project that exists shows its tab bar and the open tab", async () => {
    const fake = renderLayout(`/projects/${projectId}/documents`, () => ({ id: projectId, name: "Bike" }));
    await waitFor(() => expect(fake.calls.some((op) => op.path === "projects.get")).toBe(true));
    expect(screen.getByRole("navigation", { name: "Project" })).toBeTruthy();
    expect(screen.getByText("the documents tab")).toBeTruthy();
  });
});
