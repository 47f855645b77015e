import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { IdeaFormDialog } from "./idea-form-dialog.tsx";
import { anEstimate } from "./test/estimate-fixture.ts";
import { createFakeTrpc } from "./test/fake-trpc.tsx";

const projectId = "0190aaaa-0000-7000-8000-000000000001";
const idea = "Bike sharing for a small town, with docks at the station.";

function renderDialog(estimate = anEstimate({ step: "about" })) {
  const fake = createFakeTrpc((path) =>
    path === "workflow.estimate" ? estimate : { executionId: "e", status: "queued", deduplicated: false },
  );
  render(
    <fake.Wrapper>
      <IdeaFormDialog projectId={projectId} open onOpenChange={() => {}} />
    </fake.Wrapper>,
  );
  const inputsOf = (path: string) => fake.calls.filter((op) => op.path === path).map((op) => op.input);
  return { inputsOf };
}

describe("starting the about step", () => {
  it("estimates the run once there is an idea to send, with the idea as typed", async () => {
    const { inputsOf } = renderDialog();
    expect(screen.queryByRole("region", { name: "Estimate" })).toBeNull();
    await userEvent.type(screen.getByLabelText("Idea"), idea);
    const estimate = await screen.findByRole("region", { name: "Estimate" });
    expect(estimate.textContent).toContain("6,543 tokens");
    await waitFor(() =>
      expect(inputsOf("workflow.estimate").at(-1)).toEqual({ projectId, step: "about", input: { idea } }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Start the About step" }));
    await waitFor(() => expect(inputsOf("workflow.runStep")).toHaveLength(1));
  });

  it("over budget, the start button is disabled and the reason shown", async () => {
    const refusal =
      "this tenant spent 1999000 and has 0 reserved by running steps, of its 2000000 tokens this month; a run reserves 150000";
    const { inputsOf } = renderDialog(
      anEstimate({
        step: "about",
        budget: { ...anEstimate().budget, remaining: 1_000, fits: false, refusal },
      }),
    );
    await userEvent.type(screen.getByLabelText("Idea"), idea);
    expect((await screen.findByRole("alert")).textContent).toContain(`T${refusal.slice(1)}`);
    const start = screen.getByRole("button", { name: "Start the About step" }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(inputsOf("workflow.runStep")).toEqual([]);
  });
});
