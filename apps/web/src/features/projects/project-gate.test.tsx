import { render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "../workflow/test/fake-trpc.tsx";
import { databaseBusy, serverError } from "../workflow/test/server-error.ts";
import { ProjectGate } from "./project-gate.tsx";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const notFound = serverError("project not found", -32004, {
  code: "NOT_FOUND",
  httpStatus: 404,
  appCode: "NOT_FOUND",
  requestId: "req-404",
});

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
});
