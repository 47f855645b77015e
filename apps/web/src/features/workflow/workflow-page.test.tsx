import type { Role } from "@jeex/contracts/common";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TRPCClientError } from "@trpc/client";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "./test/fake-trpc.tsx";
import { databaseBusy, serverError } from "./test/server-error.ts";
import { WorkflowPage } from "./workflow-page.tsx";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const runningId = "0190aaaa-0000-7000-8000-0000000000e2";
const steps = ["about", "architecture", "plan", "specs"] as const;

function answers(role: Role) {
  return (path: string) => {
    switch (path) {
      case "auth.me":
        return {
          user: { id: "u", email: "a@example.test", displayName: "A" },
          credential: "session",
          memberships: [],
          activeTenant: { tenantId: "t", role },
        };
      case "projects.get":
        return { id: projectId, name: "Bike sharing" };
      case "documents.list":
        return { items: [], nextCursor: null };
      case "documents.report":
        return { status: "none", report: null };
      case "workflow.status":
        return {
          projectId,
          steps: steps.map((step) => ({
            step,
            status: step === "about" ? "succeeded" : step === "architecture" ? "running" : "not_started",
            activeVersion: step === "about" ? 1 : null,
            activeDocuments: step === "about" ? 1 : 0,
            stale: false,
            lastExecution:
              step === "architecture"
                ? {
                    id: runningId,
                    projectId,
                    step,
                    agent: "Solution Architect",
                    status: "running",
                    feedback: null,
                    error: null,
                    attempts: 1,
                    provider: "template",
                    model: "template",
                    tokensIn: 0,
                    tokensOut: 0,
                    costUsd: 0,
                    correlationId: null,
                    queuedAt: "2026-12-01T10:00:00.000Z",
                    startedAt: "2026-12-01T10:00:01.000Z",
                    finishedAt: null,
                  }
                : null,
          })),
        };
      default:
        return null;
    }
  };
}

/** A step card is a region named by its heading, "2. Architecture". */
const stepName = (title: string) => new RegExp(`^\\d\\.\\s*${title}$`);

function renderPage(fake: ReturnType<typeof createFakeTrpc>) {
  render(
    <fake.Wrapper>
      <MemoryRouter initialEntries={[`/projects/${projectId}`]}>
        <Routes>
          <Route path="/projects/:projectId" element={<WorkflowPage />} />
        </Routes>
      </MemoryRouter>
    </fake.Wrapper>,
  );
}

async function renderAs(role: Role) {
  const fake = createFakeTrpc(answers(role));
  renderPage(fake);
  await screen.findByRole("heading", { name: "Bike sharing" });
  await screen.findByRole("region", { name: stepName("Architecture") });
  // The role arrives with auth.me; wait for it before asserting what is (not) offered.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return fake;
}

describe("run and cancel are offered by role", () => {
  it("a viewer sees the steps and their state, but no run or cancel controls", async () => {
    await renderAs("viewer");
    const architecture = screen.getByRole("region", { name: stepName("Architecture") });
    expect(within(architecture).getByText("Running")).toBeTruthy();
    expect(
      screen.queryByRole("button", { name: /^(Run|Re-run|Cancel run|Start with the idea)$/ }),
    ).toBeNull();
  });

  it("an editor can cancel the running step, re-run a finished one and run the next", async () => {
    await renderAs("editor");
    const region = (title: string) => screen.getByRole("region", { name: stepName(title) });
    expect(within(region("Architecture")).getByRole("button", { name: "Cancel run" })).toBeTruthy();
    expect(within(region("About")).getByRole("button", { name: "Re-run" })).toBeTruthy();
    // Plan waits for Architecture's documents.
    const planRun = within(region("Plan")).getByRole("button", { name: "Run" }) as HTMLButtonElement;
    expect(planRun.disabled).toBe(true);
  });

  it("Cancel run cancels the running execution", async () => {
    const fake = await renderAs("editor");
    await userEvent.click(screen.getByRole("button", { name: "Cancel run" }));
    await waitFor(() => expect(fake.calls.some((op) => op.path === "workflow.cancel")).toBe(true));
    expect(fake.calls.find((op) => op.path === "workflow.cancel")?.input).toEqual({ executionId: runningId });
  });
});

describe("a project that cannot be read", () => {
  it("says so once, not again for the quality report", async () => {
    const missing = new TRPCClientError("project not found");
    const fake = createFakeTrpc((path) => {
      if (path === "auth.me") return answers("viewer")(path);
      throw missing;
    });
    renderPage(fake);
    await screen.findByText("Could not load the workflow");
    await waitFor(() => expect(fake.calls.some((op) => op.path === "documents.list")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText("Could not load the quality report")).toBeNull();
    expect(screen.getAllByText("project not found")).toHaveLength(1);
  });
});

describe("a project that does not exist or was deleted", () => {
  const notFound = serverError("project not found", -32004, {
    code: "NOT_FOUND",
    httpStatus: 404,
    appCode: "NOT_FOUND",
    requestId: "req-404",
  });

  it("says so once, links back to the projects and offers no retry", async () => {
    const fake = createFakeTrpc((path) => {
      if (path === "auth.me") return answers("viewer")(path);
      throw notFound;
    });
    renderPage(fake);
    expect(await screen.findByText("This project does not exist or was deleted")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to the projects" }).getAttribute("href")).toBe("/projects");
    await waitFor(() => expect(fake.calls.some((op) => op.path === "documents.list")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByText(/req-404/)).toBeNull();
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("an error that can pass (the database busy) still offers Try again", async () => {
    const fake = createFakeTrpc((path) => {
      if (path === "auth.me" || path === "projects.get") return answers("viewer")(path);
      throw databaseBusy("req-503");
    });
    renderPage(fake);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not load the workflow");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    expect(screen.queryByText("This project does not exist or was deleted")).toBeNull();
  });
});
