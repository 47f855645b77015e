import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { RerunDialog } from "./rerun-dialog.tsx";
import { anEstimate } from "./test/estimate-fixture.ts";
import { createFakeTrpc } from "./test/fake-trpc.tsx";
import { serverError } from "./test/server-error.ts";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const forbidden = () =>
  serverError("this needs the editor role; you are a viewer", -32003, {
    code: "FORBIDDEN",
    httpStatus: 403,
    appCode: "FORBIDDEN",
    requestId: "req-42",
  });

/** `run` answers workflow.runStep; the estimate answers with `estimate`. */
function renderDialog(run: (input: unknown) => unknown, estimate = anEstimate(), firstRun = false) {
  const fake = createFakeTrpc((path, input) => (path === "workflow.estimate" ? estimate : run(input)));
  render(
    <fake.Wrapper>
      <RerunDialog projectId={projectId} step="plan" firstRun={firstRun} open onOpenChange={() => {}} />
    </fake.Wrapper>,
  );
  const runInputs = () =>
    fake.calls
      .filter((op) => op.path === "workflow.runStep")
      .map((op) => op.input as Record<string, unknown>);
  const estimateInputs = () =>
    fake.calls
      .filter((op) => op.path === "workflow.estimate")
      .map((op) => op.input as Record<string, unknown>);
  return { runInputs, estimateInputs };
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

  it("shows what the run would take before it starts, re-estimated with the feedback typed", async () => {
    const { estimateInputs } = renderDialog(() => ({
      executionId: "e",
      status: "queued",
      deduplicated: false,
    }));
    const estimate = await screen.findByRole("region", { name: "Estimate" });
    expect(estimate.textContent).toContain("6,543 tokens, counted with o200k_base");
    expect(estimate.textContent).toContain("2,500–10,000 tokens, a default");
    expect(estimate.textContent).toContain("$0.0025–$0.007 at gpt-4o-mini's prices");
    expect(estimate.textContent).toContain("1,988,000 of 2,000,000 tokens this month");
    expect(estimateInputs()[0]).toEqual({ projectId, step: "plan" });
    await userEvent.type(screen.getByLabelText("Feedback (optional)"), "Fewer epics.");
    await waitFor(() =>
      expect(estimateInputs().at(-1)).toEqual({ projectId, step: "plan", feedback: "Fewer epics." }),
    );
    expect((screen.getByRole("button", { name: "Re-run" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("over budget, says why and does not offer the run", async () => {
    const refusal =
      "this run is expected to spend about 11543 tokens (6543 in, 5000 out), more than the 900 this tenant has left of its 2000000 this month";
    const { runInputs } = renderDialog(
      () => ({ executionId: "e", status: "queued", deduplicated: false }),
      anEstimate({ budget: { ...anEstimate().budget, remaining: 900, fits: false, refusal } }),
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Over budget: this run cannot start.");
    expect(alert.textContent).toContain(`T${refusal.slice(1)}`);
    const rerun = screen.getByRole("button", { name: "Re-run" }) as HTMLButtonElement;
    expect(rerun.disabled).toBe(true);
    await userEvent.click(rerun);
    expect(runInputs()).toEqual([]);
  });

  it("on the template provider, says the run is free and its tokens only approximate", async () => {
    renderDialog(
      () => null,
      anEstimate({
        provider: "template",
        model: "template-v1",
        priced: false,
        counting: { encoding: "o200k_base", exact: false, description: "approximate" },
        outputTokens: { low: 1_000, expected: 2_000, high: 4_000, basis: "project", samples: 3 },
      }),
    );
    const estimate = await screen.findByRole("region", { name: "Estimate" });
    expect(estimate.textContent).toContain("approximated with o200k_base");
    expect(estimate.textContent).toContain("from this project's last 3 runs");
    expect(estimate.textContent).toContain("Free: the template provider drafts offline");
  });

  it("a first run says it drafts the step's documents, not that it makes a new version of them", () => {
    renderDialog(() => null, anEstimate(), true);
    expect(screen.getByRole("heading", { name: "Run the Plan step" })).toBeTruthy();
    const dialog = screen.getByRole("dialog");
    expect(dialog.textContent).toMatch(/drafts this step's documents from the active documents of the steps/);
    expect(dialog.textContent).not.toMatch(/new version|current version/);
  });
});
