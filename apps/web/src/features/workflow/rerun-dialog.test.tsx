import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { RerunDialog } from "./rerun-dialog.tsx";
import { createFakeTrpc } from "./test/fake-trpc.tsx";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const forbidden = () =>
  TRPCClientError.from({
    error: {
      message: "this needs the editor role; you are a viewer",
      code: -32003,
      data: { code: "FORBIDDEN", httpStatus: 403, appCode: "FORBIDDEN", requestId: "req-42" },
    },
  });

function renderDialog(answer: (path: string, input: unknown) => unknown) {
  const fake = createFakeTrpc(answer);
  render(
    <fake.Wrapper>
      <RerunDialog projectId={projectId} step="plan" firstRun={false} open onOpenChange={() => {}} />
    </fake.Wrapper>,
  );
  const runInputs = () =>
    fake.calls
      .filter((op) => op.path === "workflow.runStep")
      .map((op) => op.input as Record<string, unknown>);
  return { runInputs };
}

describe("re-running a step", () => {
  it("sends the feedback with an idempotency key; a retry of the same submission reuses it, the next run gets a new one", async () => {
    let attempts = 0;
    const { runInputs } = renderDialog(() => {
      attempts += 1;
      if (attempts === 1) throw new TypeError("Failed to fetch");
      return { executionId: "e", status: "queued", deduplicated: false };
    });
    await userEvent.type(screen.getByLabelText("Feedback (optional)"), "Fewer epics, please.");
    await userEvent.click(screen.getByRole("button", { name: "Re-run" }));
    await screen.findByText("Failed to fetch");
    await userEvent.click(screen.getByRole("button", { name: "Re-run" }));
    await waitFor(() => expect(runInputs()).toHaveLength(2));
    const [first, retry] = runInputs();
    expect(first).toMatchObject({ projectId, step: "plan", feedback: "Fewer epics, please." });
    expect(typeof first?.idempotencyKey).toBe("string");
    expect(retry?.idempotencyKey).toBe(first?.idempotencyKey);
    // Once the server accepted it, the next submission is a new run with a new key.
    await userEvent.click(screen.getByRole("button", { name: "Re-run" }));
    await waitFor(() => expect(runInputs()).toHaveLength(3));
    expect(runInputs()[2]?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it("shows the server's refusal plainly, with its request id", async () => {
    renderDialog(() => {
      throw forbidden();
    });
    await userEvent.click(screen.getByRole("button", { name: "Re-run" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Your role may not run steps");
    expect(alert.textContent).toContain("this needs the editor role; you are a viewer");
    expect(alert.textContent).toContain("req-42");
  });
});
