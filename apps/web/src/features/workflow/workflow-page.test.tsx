import type { Role } from "@jeex/contracts/common";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "./test/fake-trpc.tsx";
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

async function renderAs(role: Role) {
  const fake = createFakeTrpc(answers(role));
  render(
    <fake.Wrapper>
      <MemoryRouter initialEntries={[`/projects/${projectId}`]}>
        <Routes>
          <Route path="/projects/:projectId" element={<WorkflowPage />} />
        </Routes>
      </MemoryRouter>
    </fake.Wrapper>,
  );
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
