import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { StepCard } from "./step-card.tsx";
import type { StepView } from "./step-view.ts";
import { createFakeTrpc } from "./test/fake-trpc.tsx";

const view = (extra: Partial<StepView>): StepView => ({
  step: "architecture",
  status: "succeeded",
  activeExecutionId: undefined,
  percent: undefined,
  progressMessage: undefined,
  error: undefined,
  stale: false,
  activeVersion: null,
  documentsArriving: false,
  lastExecution: null,
  ranBefore: true,
  needsIdea: false,
  blockedBy: undefined,
  ...extra,
});

function Card({ stepView, documentsFetching = false }: { stepView: StepView; documentsFetching?: boolean }) {
  return (
    <MemoryRouter>
      <StepCard
        projectId="p"
        view={stepView}
        canRun
        documents={undefined}
        documentsFetching={documentsFetching}
        onRun={() => {}}
      />
    </MemoryRouter>
  );
}

function renderCard(stepView: StepView, documentsFetching = false) {
  const fake = createFakeTrpc();
  render(
    <fake.Wrapper>
      <Card stepView={stepView} documentsFetching={documentsFetching} />
    </fake.Wrapper>,
  );
}

describe("a step card's documents line", () => {
  it("a step that just succeeded says its documents are loading, never that it has none", () => {
    renderCard(view({ documentsArriving: true }));
    expect(screen.getByText("Succeeded")).toBeTruthy();
    expect(screen.getByText("Loading the documents…")).toBeTruthy();
    expect(screen.queryByText("No documents yet")).toBeNull();
  });

  it("an active version whose documents are being fetched says they are loading", () => {
    renderCard(view({ activeVersion: 1 }), true);
    expect(screen.getByText("Loading the documents…")).toBeTruthy();
  });

  it("a step that never produced documents says so", () => {
    renderCard(view({ status: "not_started", ranBefore: false }));
    expect(screen.getByText("No documents yet")).toBeTruthy();
    expect(screen.queryByText("Loading the documents…")).toBeNull();
  });
});

describe("a step card's action button", () => {
  it("keeps the keyboard focus as Run becomes Cancel run and then Re-run", () => {
    const fake = createFakeTrpc();
    const idle = view({ status: "not_started", ranBefore: false });
    const { rerender } = render(
      <fake.Wrapper>
        <Card stepView={idle} />
      </fake.Wrapper>,
    );
    screen.getByRole("button", { name: "Run" }).focus();
    rerender(
      <fake.Wrapper>
        <Card stepView={view({ status: "running", activeExecutionId: "e1", ranBefore: false })} />
      </fake.Wrapper>,
    );
    // Not dropped to <body>, the top of the page, when the button the person pressed changes role.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel run" }));
    rerender(
      <fake.Wrapper>
        <Card stepView={view({ status: "succeeded" })} />
      </fake.Wrapper>,
    );
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Re-run" }));
  });
});
